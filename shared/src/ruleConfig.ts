// Figures that change by year or by policy (the *config* values in domain.md). They live here as
// versioned data with an effective date, so an administrator can add next year's version without a
// code change; validation always resolves the version in force on the application date.
import * as yup from 'yup';
import type { IsoDate } from './dates';
import { isRealDate } from './dates';

export type WageZone = '1' | '2' | '3';

export interface RuleConfig {
  /** Human-readable identifier, e.g. "2021-jx-min-wage". */
  version: string;
  effectiveFrom: IsoDate;
  minimumWage: {
    /** 元/月 per zone. */
    zones: Record<WageZone, number>;
    /** Zone of each county by six-digit division code. */
    counties: Record<string, WageZone>;
    /** Used for a county missing from the table; the result is then marked as assumed. */
    defaultZone: WageZone;
  };
  /** Social insurance contribution base limits, 元/月. */
  socialInsuranceBase: { floor: number; cap: number; placeholder: boolean };
  housingFund: {
    /** The base floor is the county minimum wage; the cap is 3 × last year's local average monthly wage. */
    baseCap: number;
    baseCapPlaceholder: boolean;
    ratioMinPercent: number;
    ratioMaxPercent: number;
    /** Each side's monthly amount is base × ratio rounded to whole 元, half up (四舍五入). */
    rounding: 'halfUpYuan';
  };
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

/**
 * Shipped defaults. The minimum wage is Jiangxi's 2021-04-01 table as cited in domain.md §3; counties it
 * does not name (鄱阳, 万年, 婺源, 德兴) fall to the default zone and are reported as assumed. The social
 * insurance base limits and the housing fund cap are PLACEHOLDERS: no official figure was found, and an
 * administrator must replace them with a new version before they are relied on.
 */
export const DEFAULT_RULE_CONFIGS: readonly RuleConfig[] = [
  {
    version: '2021-04-jx-default',
    effectiveFrom: '2021-04-01',
    minimumWage: {
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
    socialInsuranceBase: { floor: 4000, cap: 20000, placeholder: true },
    housingFund: {
      baseCap: 21000,
      baseCapPlaceholder: true,
      ratioMinPercent: 5,
      ratioMaxPercent: 12,
      rounding: 'halfUpYuan',
    },
    age: { minimumHiring: 16, adult: 18 },
    deadlines: { registrationDays: 30, reliefMaterialsMonths: 1 },
  },
];

const positiveYuan = () => yup.number().required().positive().integer();

/** Checks a configuration version an administrator submits, with messages in Chinese. */
export const ruleConfigSchema = yup.object({
  version: yup.string().required('请填写版本号'),
  effectiveFrom: yup
    .string()
    .required('请填写生效日期')
    .test('real-date', '生效日期格式应为 YYYY-MM-DD', (value) => isRealDate(value)),
  minimumWage: yup.object({
    zones: yup.object({ '1': positiveYuan(), '2': positiveYuan(), '3': positiveYuan() }),
    counties: yup
      .mixed<Record<string, WageZone>>()
      .required()
      .test('zones', '县区代码应为 6 位数字，档次应为 1、2 或 3', (value) =>
        Object.entries(value).every(([code, zone]) => /^\d{6}$/.test(code) && ['1', '2', '3'].includes(zone)),
      ),
    defaultZone: yup.mixed<WageZone>().oneOf(['1', '2', '3']).required(),
  }),
  socialInsuranceBase: yup.object({
    floor: positiveYuan(),
    cap: positiveYuan().min(yup.ref('floor'), '缴费基数上限不能低于下限'),
    placeholder: yup.boolean().required(),
  }),
  housingFund: yup.object({
    baseCap: positiveYuan(),
    baseCapPlaceholder: yup.boolean().required(),
    ratioMinPercent: yup.number().required().min(0).max(100),
    ratioMaxPercent: yup
      .number()
      .required()
      .min(yup.ref('ratioMinPercent'), '缴存比例上限不能低于下限')
      .max(100),
    rounding: yup.mixed<'halfUpYuan'>().oneOf(['halfUpYuan']).required(),
  }),
  age: yup.object({
    minimumHiring: yup.number().required().integer().min(16, '最低招用年龄不得低于 16 周岁'),
    adult: yup.number().required().integer().min(yup.ref('minimumHiring')),
  }),
  deadlines: yup.object({
    registrationDays: yup.number().required().integer().positive(),
    reliefMaterialsMonths: yup.number().required().integer().positive(),
  }),
});

export class RuleConfigError extends Error {}

/** The configuration version in force on `date`: the latest whose effective date is not after it. */
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

/** Names of the figures in `config` that are placeholders, for an administrator's attention. */
export function placeholderFigures(config: RuleConfig): string[] {
  const names: string[] = [];
  if (config.socialInsuranceBase.placeholder) names.push('社会保险缴费基数上下限');
  if (config.housingFund.baseCapPlaceholder) names.push('住房公积金月缴存基数上限');
  return names;
}
