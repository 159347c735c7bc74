// Figures that change by year or by policy (the *config* values in docs/domain.md): minimum wages by county,
// the social-insurance base floor and cap, the housing-fund ratio range and base cap, retirement ages.
// Each is a list of periods with an effective date, a source note and a placeholder flag; an
// administrator keeps them in the bff's database, and the bff passes the ones in force to these functions
// as a timeline of RuleConfig values (ruleConfigsFromFigures). A placeholder figure is shown as 参考值 and
// never changes or blocks what an employer declares.
import type { IsoDate, IsoMonth } from './dates';
import { addDays, isRealDate } from './dates';

export type WageZone = '1' | '2' | '3';

export interface MinimumWageFigure {
  /** 元/月 per zone. */
  zones: Record<WageZone, number>;
  /** Zone of each county by six-digit division code. */
  counties: Record<string, WageZone>;
  /** Used for a county missing from the table; the result is then marked as assumed. */
  defaultZone: WageZone;
}

export interface SocialInsuranceBaseFigure {
  /** 元/月 */
  floor: number;
  cap: number;
}

export interface HousingFundRatioFigure {
  minPercent: number;
  maxPercent: number;
}

export interface HousingFundBaseCapFigure {
  /** 3 × last year's local average monthly wage, 元/月; the floor is the county minimum wage. */
  cap: number;
}

export interface RetirementRule {
  baseYears: number;
  /** The first birth month whose retirement is delayed. */
  firstDelayedBirth: IsoMonth;
  birthMonthsPerExtraMonth: number;
  maxExtraMonths: number;
}

export type RetirementCategory = 'male' | 'femaleCadre' | 'femaleWorker';
export type RetirementFigure = Record<RetirementCategory, RetirementRule>;

export interface RuleFigureValues {
  minimumWage: MinimumWageFigure;
  socialInsuranceBase: SocialInsuranceBaseFigure;
  housingFundRatio: HousingFundRatioFigure;
  housingFundBaseCap: HousingFundBaseCapFigure;
  retirement: RetirementFigure;
}

export type RuleFigureKind = keyof RuleFigureValues;

export const RULE_FIGURE_KINDS: readonly { code: RuleFigureKind; label: string }[] = [
  { code: 'minimumWage', label: '最低工资标准' },
  { code: 'socialInsuranceBase', label: '社会保险缴费基数上下限' },
  { code: 'housingFundRatio', label: '住房公积金缴存比例范围' },
  { code: 'housingFundBaseCap', label: '住房公积金月缴存基数上限' },
  { code: 'retirement', label: '法定退休年龄' },
];

export const ruleFigureLabel = (kind: RuleFigureKind) =>
  RULE_FIGURE_KINDS.find((k) => k.code === kind)?.label ?? kind;

export interface RuleFigurePeriod<K extends RuleFigureKind = RuleFigureKind> {
  kind: K;
  effectiveFrom: IsoDate;
  /** The last day in force; null while open-ended. */
  effectiveTo: IsoDate | null;
  value: RuleFigureValues[K];
  /** True for a figure nobody has confirmed yet: shown as 参考值, never applied to a declaration. */
  placeholder: boolean;
  /** Where the figure comes from (document, number), for whoever checks it later. */
  source: string;
}

export type AnyRuleFigurePeriod = { [K in RuleFigureKind]: RuleFigurePeriod<K> }[RuleFigureKind];

/** The figures in force on one day, as the validation and routing functions take them. */
export interface RuleConfig {
  /** Identifies the figures used, e.g. "2027-01-01#r4" (first day of this combination, figures revision). */
  version: string;
  effectiveFrom: IsoDate;
  minimumWage: MinimumWageFigure & { placeholder: boolean };
  /** Social insurance contribution base limits, 元/月. */
  socialInsuranceBase: { floor: number; cap: number; placeholder: boolean };
  housingFund: {
    /** The base floor is the county minimum wage; the cap is 3 × last year's local average monthly wage. */
    baseCap: number;
    baseCapPlaceholder: boolean;
    ratioMinPercent: number;
    ratioMaxPercent: number;
    ratioPlaceholder: boolean;
    /** Each side's monthly amount is base × ratio rounded to whole 元, half up (四舍五入). */
    rounding: 'halfUpYuan';
  };
  retirement: RetirementFigure;
  /** Fixed by law (劳动法 §15, 未成年工保护规定), not administered figures. */
  age: { minimumHiring: number; adult: number };
  deadlines: {
    /** 社保 and 公积金 registration is due within this many days of hiring. */
    registrationDays: number;
    /** 缓缴/降缴 materials are due at the 公积金 branch within this many months of submitting. */
    reliefMaterialsMonths: number;
  };
}

/** 上饶 division codes used in the default minimum-wage table. */
export const SHANGRAO_COUNTIES: Readonly<Record<string, string>> = {
  '361102': '信州区',
  '361103': '广丰区',
  '361104': '广信区',
  '361123': '玉山县',
  '361124': '铅山县',
  '361125': '横峰县',
  '361126': '弋阳县',
  '361127': '余干县',
  '361128': '鄱阳县',
  '361129': '万年县',
  '361130': '婺源县',
  '361181': '德兴市',
};

/** 全国人大常委会关于实施渐进式延迟法定退休年龄的决定 (2024), in force from 2025-01-01. */
export const RETIREMENT_2025: RetirementFigure = {
  male: { baseYears: 60, firstDelayedBirth: '1965-01', birthMonthsPerExtraMonth: 4, maxExtraMonths: 36 },
  femaleCadre: {
    baseYears: 55,
    firstDelayedBirth: '1970-01',
    birthMonthsPerExtraMonth: 4,
    maxExtraMonths: 36,
  },
  femaleWorker: {
    baseYears: 50,
    firstDelayedBirth: '1975-01',
    birthMonthsPerExtraMonth: 2,
    maxExtraMonths: 60,
  },
};

/**
 * Shipped figures, used for a kind an administrator has not entered yet. The minimum wage is Jiangxi's
 * 2021-04-01 table as cited in docs/domain.md §3; counties it does not name (鄱阳, 万年, 婺源, 德兴) fall to
 * the default zone and are reported as assumed. The social insurance base limits and the housing fund
 * cap are PLACEHOLDERS: no official figure was found, and an administrator must enter the real ones.
 */
export const DEFAULT_RULE_FIGURES: readonly AnyRuleFigurePeriod[] = [
  {
    kind: 'minimumWage',
    effectiveFrom: '2021-04-01',
    effectiveTo: null,
    placeholder: false,
    source: '江西省人民政府关于调整全省最低工资标准的通知（2021 年 4 月 1 日起执行）',
    value: {
      zones: { '1': 1850, '2': 1730, '3': 1610 },
      counties: {
        '361102': '2',
        '361103': '3',
        '361104': '3',
        '361121': '3', // the former 上饶县, now 广信区; old ID numbers and records still carry it
        '361123': '3',
        '361124': '3',
        '361125': '3',
        '361126': '3',
        '361127': '3',
      },
      defaultZone: '3',
    },
  },
  {
    kind: 'socialInsuranceBase',
    effectiveFrom: '2021-04-01',
    effectiveTo: null,
    placeholder: true,
    source: '参考值：未找到正式公布的缴费基数上下限，请管理员按当年公布数填写',
    value: { floor: 4000, cap: 20000 },
  },
  {
    kind: 'housingFundRatio',
    effectiveFrom: '2021-04-01',
    effectiveTo: null,
    placeholder: false,
    source: '住房公积金管理条例第十八条；建金〔2005〕5 号（单位和职工缴存比例均为 5%—12%）',
    value: { minPercent: 5, maxPercent: 12 },
  },
  {
    kind: 'housingFundBaseCap',
    effectiveFrom: '2021-04-01',
    effectiveTo: null,
    placeholder: true,
    source: '参考值：上年度当地职工月平均工资的 3 倍，待管理员按公积金中心公布数填写',
    value: { cap: 21000 },
  },
  {
    kind: 'retirement',
    effectiveFrom: '2021-04-01',
    effectiveTo: null,
    placeholder: false,
    source:
      '全国人大常委会关于实施渐进式延迟法定退休年龄的决定（2024 年 9 月 13 日，2025 年 1 月 1 日起施行）',
    value: RETIREMENT_2025,
  },
];

const LEGAL_AGE = { minimumHiring: 16, adult: 18 };
const LEGAL_DEADLINES = { registrationDays: 30, reliefMaterialsMonths: 1 };

const inForce = (period: { effectiveFrom: IsoDate; effectiveTo: IsoDate | null }, date: IsoDate) =>
  period.effectiveFrom <= date && (period.effectiveTo === null || date <= period.effectiveTo);

/**
 * The timeline of RuleConfig values the figures make: one per day on which any figure changes, from the
 * first day every kind has a figure. A kind with no period of its own uses the shipped default.
 */
export function ruleConfigsFromFigures(
  figures: readonly AnyRuleFigurePeriod[],
  revision: number | string = 0,
): RuleConfig[] {
  const byKind = new Map<RuleFigureKind, AnyRuleFigurePeriod[]>();
  for (const period of DEFAULT_RULE_FIGURES) byKind.set(period.kind, []);
  for (const period of figures) byKind.get(period.kind)?.push(period);
  for (const period of DEFAULT_RULE_FIGURES) {
    if (!byKind.get(period.kind)!.length) byKind.get(period.kind)!.push(period);
  }
  const boundaries = new Set<IsoDate>();
  for (const periods of byKind.values()) {
    for (const period of periods) {
      boundaries.add(period.effectiveFrom);
      if (period.effectiveTo) boundaries.add(addDays(period.effectiveTo, 1));
    }
  }
  const configs: RuleConfig[] = [];
  for (const date of [...boundaries].sort()) {
    const at = <K extends RuleFigureKind>(kind: K) =>
      (byKind.get(kind) as RuleFigurePeriod<K>[]).find((p) => inForce(p, date));
    const minimumWage = at('minimumWage');
    const socialInsurance = at('socialInsuranceBase');
    const ratio = at('housingFundRatio');
    const cap = at('housingFundBaseCap');
    const retirement = at('retirement');
    if (!minimumWage || !socialInsurance || !ratio || !cap || !retirement) continue;
    configs.push({
      version: `${date}#r${revision}`,
      effectiveFrom: date,
      minimumWage: { ...minimumWage.value, placeholder: minimumWage.placeholder },
      socialInsuranceBase: { ...socialInsurance.value, placeholder: socialInsurance.placeholder },
      housingFund: {
        baseCap: cap.value.cap,
        baseCapPlaceholder: cap.placeholder,
        ratioMinPercent: ratio.value.minPercent,
        ratioMaxPercent: ratio.value.maxPercent,
        ratioPlaceholder: ratio.placeholder,
        rounding: 'halfUpYuan',
      },
      retirement: retirement.value,
      age: LEGAL_AGE,
      deadlines: LEGAL_DEADLINES,
    });
  }
  return configs;
}

export const DEFAULT_RULE_CONFIGS: readonly RuleConfig[] = ruleConfigsFromFigures([], 'default');

export class RuleConfigError extends Error {}

/** The configuration in force on `date`: the latest whose effective date is not after it. */
export function resolveRuleConfig(
  date: IsoDate,
  configs: readonly RuleConfig[] = DEFAULT_RULE_CONFIGS,
): RuleConfig {
  let found: RuleConfig | undefined;
  for (const config of configs) {
    if (config.effectiveFrom <= date && (!found || config.effectiveFrom >= found.effectiveFrom))
      found = config;
  }
  if (!found) throw new RuleConfigError(`${date} 没有生效的业务参数配置`);
  return found;
}

export interface MinimumWage {
  amount: number;
  zone: WageZone;
  /** True when the county is not in the table and the default zone was used. */
  assumed: boolean;
}

export function minimumWageFor(config: RuleConfig, countyCode: string | undefined): MinimumWage {
  const listed = countyCode ? config.minimumWage.counties[countyCode] : undefined;
  const zone = listed ?? config.minimumWage.defaultZone;
  return { amount: config.minimumWage.zones[zone], zone, assumed: !listed };
}

/** Names of the figures in `config` that are placeholders (参考值), for an administrator's attention. */
export function placeholderFigures(config: RuleConfig): string[] {
  const names: string[] = [];
  if (config.minimumWage.placeholder) names.push('最低工资标准');
  if (config.socialInsuranceBase.placeholder) names.push('社会保险缴费基数上下限');
  if (config.housingFund.ratioPlaceholder) names.push('住房公积金缴存比例范围');
  if (config.housingFund.baseCapPlaceholder) names.push('住房公积金月缴存基数上限');
  return names;
}

// ---- Checking what an administrator enters -------------------------------------------------------

const MAX_SOURCE = 200;

const wholeYuan = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

function checkValue(kind: RuleFigureKind, value: unknown): string[] {
  const v = (value ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  switch (kind) {
    case 'minimumWage': {
      const zones = (v.zones ?? {}) as Record<string, unknown>;
      for (const zone of ['1', '2', '3'])
        if (!wholeYuan(zones[zone], 500, 20000))
          problems.push(`第${zone}档最低工资应为 500—20000 之间的整数（元/月）`);
      if (
        !problems.length &&
        !(
          (zones['1'] as number) >= (zones['2'] as number) && (zones['2'] as number) >= (zones['3'] as number)
        )
      )
        problems.push('最低工资应为第一档最高、第三档最低');
      const counties = v.counties;
      if (!counties || typeof counties !== 'object' || Array.isArray(counties))
        problems.push('请填写各县区所属档次');
      else {
        const entries = Object.entries(counties as Record<string, unknown>);
        if (entries.length > 200) problems.push('县区最多 200 个');
        for (const [code, zone] of entries.slice(0, 200))
          if (!/^\d{6}$/.test(code) || !['1', '2', '3'].includes(zone as string))
            problems.push(`县区 ${code.slice(0, 12)}：代码应为 6 位数字，档次应为 1、2 或 3`);
      }
      if (!['1', '2', '3'].includes(v.defaultZone as string))
        problems.push('未列明县区的默认档次应为 1、2 或 3');
      break;
    }
    case 'socialInsuranceBase':
      if (!wholeYuan(v.floor, 1, 1_000_000)) problems.push('缴费基数下限应为正整数（元/月）');
      if (!wholeYuan(v.cap, 1, 1_000_000)) problems.push('缴费基数上限应为正整数（元/月）');
      if (!problems.length && (v.floor as number) > (v.cap as number))
        problems.push(`缴费基数下限（${v.floor} 元）高于上限（${v.cap} 元）`);
      break;
    case 'housingFundRatio': {
      const ok = (x: unknown) =>
        typeof x === 'number' && Number.isFinite(x) && x >= 1 && x <= 12 && Math.round(x * 100) === x * 100;
      if (!ok(v.minPercent) || !ok(v.maxPercent))
        problems.push('缴存比例范围须在 1%—12% 之间（最多两位小数）');
      else if ((v.minPercent as number) > (v.maxPercent as number))
        problems.push(`缴存比例下限（${v.minPercent}%）高于上限（${v.maxPercent}%）`);
      break;
    }
    case 'housingFundBaseCap':
      if (!wholeYuan(v.cap, 1, 1_000_000)) problems.push('住房公积金月缴存基数上限应为正整数（元/月）');
      break;
    case 'retirement': {
      const labels: Record<RetirementCategory, string> = {
        male: '男职工',
        femaleCadre: '女干部',
        femaleWorker: '女工人',
      };
      for (const category of Object.keys(labels) as RetirementCategory[]) {
        const rule = (v[category] ?? {}) as Record<string, unknown>;
        const name = labels[category];
        if (!wholeYuan(rule.baseYears, 40, 70)) problems.push(`${name}原法定退休年龄应为 40—70 之间的整数`);
        if (
          typeof rule.firstDelayedBirth !== 'string' ||
          !/^(19|20)\d\d-(0[1-9]|1[0-2])$/.test(rule.firstDelayedBirth)
        )
          problems.push(`${name}开始延迟的出生年月应为 YYYY-MM`);
        if (!wholeYuan(rule.birthMonthsPerExtraMonth, 1, 12))
          problems.push(`${name}每延迟 1 个月对应的出生月数应为 1—12`);
        if (!wholeYuan(rule.maxExtraMonths, 0, 120)) problems.push(`${name}最多延迟月数应为 0—120`);
      }
      break;
    }
  }
  return problems;
}

const range = (p: { effectiveFrom: IsoDate; effectiveTo: IsoDate | null }) =>
  `${p.effectiveFrom}—${p.effectiveTo ?? '长期'}`;

/**
 * Problems (in Chinese) with one kind's periods as an administrator would leave them: each value valid, a
 * source given, periods in order without overlaps or gaps, the last one open-ended.
 */
export function checkFigurePeriods(kind: RuleFigureKind, periods: readonly AnyRuleFigurePeriod[]): string[] {
  const label = ruleFigureLabel(kind);
  const problems: string[] = [];
  if (!periods.length) return [`${label}至少需要一个生效期间`];
  for (const p of periods) {
    const where = `${label}（${range(p)}）`;
    if (p.kind !== kind) problems.push(`${where}的类别不符`);
    if (!isRealDate(p.effectiveFrom)) problems.push(`${where}：生效日期应为有效日期（YYYY-MM-DD）`);
    if (p.effectiveTo !== null && (!isRealDate(p.effectiveTo) || p.effectiveTo < p.effectiveFrom))
      problems.push(`${where}：截止日期应为不早于生效日期的有效日期`);
    if (typeof p.source !== 'string' || !p.source.trim())
      problems.push(`${where}：请注明来源（文件名称、文号）`);
    else if (p.source.length > MAX_SOURCE) problems.push(`${where}：来源最多 ${MAX_SOURCE} 个字`);
    if (typeof p.placeholder !== 'boolean') problems.push(`${where}：请说明是否为参考值`);
    problems.push(...checkValue(kind, p.value).map((m) => `${where}：${m}`));
  }
  if (problems.length) return problems;
  const sorted = [...periods].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1];
    const after = sorted[i];
    if (before.effectiveTo === null || before.effectiveTo >= after.effectiveFrom) {
      problems.push(`${label}的生效期间重叠：${range(before)} 与 ${range(after)}`);
    } else if (addDays(before.effectiveTo, 1) !== after.effectiveFrom) {
      problems.push(`${label}的生效期间之间有空档：${range(before)} 与 ${range(after)} 之间没有适用的数值`);
    }
  }
  if (!problems.length && sorted[sorted.length - 1].effectiveTo !== null)
    problems.push(`${label}最后一个期间应为长期有效（不填截止日期），以免此后没有适用的数值`);
  return problems;
}

/**
 * Problems across kinds, day by day: the housing-fund base cap must not fall below any minimum wage
 * (its floor), or no base could satisfy both.
 */
export function checkRuleConfigs(configs: readonly RuleConfig[]): string[] {
  const problems: string[] = [];
  for (const config of configs) {
    const highest = Math.max(...Object.values(config.minimumWage.zones));
    if (config.housingFund.baseCap < highest)
      problems.push(
        `${config.effectiveFrom} 起住房公积金月缴存基数上限（${config.housingFund.baseCap} 元）低于最低工资标准（${highest} 元），即下限高于上限`,
      );
  }
  return problems;
}
