import {
  DEFAULT_RULE_CONFIGS,
  DEFAULT_RULE_FIGURES,
  RuleConfigError,
  checkFigurePeriods,
  checkRuleConfigs,
  minimumWageFor,
  resolveRuleConfig,
  ruleConfigsFromFigures,
  type AnyRuleFigurePeriod,
} from '../src/ruleConfig';
import { retirementAgeMonths } from '../src/retirement';

const base = DEFAULT_RULE_CONFIGS[0];
const wage2027: AnyRuleFigurePeriod = {
  kind: 'minimumWage',
  effectiveFrom: '2027-01-01',
  effectiveTo: null,
  placeholder: false,
  source: '测试通知',
  value: { ...base.minimumWage, zones: { '1': 2000, '2': 1900, '3': 1800 } },
};
const wage2021 = { ...DEFAULT_RULE_FIGURES[0], effectiveTo: '2026-12-31' } as AnyRuleFigurePeriod;

describe('figures in force on a date', () => {
  it('applies a change with a future effective date only from that date', () => {
    const configs = ruleConfigsFromFigures([wage2021, wage2027], 7);
    expect(resolveRuleConfig('2026-12-31', configs).minimumWage.zones['2']).toBe(1730);
    expect(resolveRuleConfig('2027-01-01', configs).minimumWage.zones['2']).toBe(1900);
    expect(resolveRuleConfig('2027-01-01', configs).version).toBe('2027-01-01#r7');
    // Kinds not entered keep the shipped figures, placeholders included.
    expect(resolveRuleConfig('2027-01-01', configs).socialInsuranceBase).toEqual({
      floor: 4000,
      cap: 20000,
      placeholder: true,
    });
  });

  it('has nothing to apply before the first figures', () => {
    expect(() => resolveRuleConfig('2020-01-01')).toThrow(RuleConfigError);
  });

  it('marks the minimum wage as assumed for a county missing from the table', () => {
    expect(minimumWageFor(base, '361128')).toEqual({ amount: 1610, zone: '3', assumed: true });
    expect(minimumWageFor(base, '361102')).toEqual({ amount: 1730, zone: '2', assumed: false });
  });

  it('takes retirement ages from the figures', () => {
    expect(retirementAgeMonths('1970-01', 'male', base.retirement)).toBe(60 * 12 + 16);
    const later = { ...base.retirement, male: { ...base.retirement.male, baseYears: 61 } };
    expect(retirementAgeMonths('1970-01', 'male', later)).toBe(61 * 12 + 16);
  });
});

describe('checking what an administrator enters', () => {
  it('accepts the shipped figures', () => {
    for (const period of DEFAULT_RULE_FIGURES) expect(checkFigurePeriods(period.kind, [period])).toEqual([]);
    expect(checkRuleConfigs(DEFAULT_RULE_CONFIGS)).toEqual([]);
    expect(checkFigurePeriods('minimumWage', [wage2021, wage2027])).toEqual([]);
  });

  const period = <K extends AnyRuleFigurePeriod['kind']>(kind: K, value: unknown, extra = {}) =>
    ({
      kind,
      effectiveFrom: '2027-01-01',
      effectiveTo: null,
      placeholder: false,
      source: '通知',
      value,
      ...extra,
    }) as AnyRuleFigurePeriod;

  it('refuses a floor above its cap and a ratio range outside 1-12 %', () => {
    expect(
      checkFigurePeriods('socialInsuranceBase', [period('socialInsuranceBase', { floor: 5000, cap: 4000 })]),
    ).toEqual(['社会保险缴费基数上下限（2027-01-01—长期）：缴费基数下限（5000 元）高于上限（4000 元）']);
    expect(
      checkFigurePeriods('housingFundRatio', [
        period('housingFundRatio', { minPercent: 0.5, maxPercent: 12 }),
      ]),
    ).toEqual(['住房公积金缴存比例范围（2027-01-01—长期）：缴存比例范围须在 1%—12% 之间（最多两位小数）']);
    expect(
      checkFigurePeriods('housingFundRatio', [period('housingFundRatio', { minPercent: 5, maxPercent: 15 })]),
    ).toHaveLength(1);
    expect(
      checkFigurePeriods('housingFundRatio', [period('housingFundRatio', { minPercent: 12, maxPercent: 5 })]),
    ).toEqual(['住房公积金缴存比例范围（2027-01-01—长期）：缴存比例下限（12%）高于上限（5%）']);
    const lowCap = ruleConfigsFromFigures([
      period('housingFundBaseCap', { cap: 1500 }, { effectiveFrom: '2021-04-01' }),
    ]);
    expect(checkRuleConfigs(lowCap)).toEqual([
      '2021-04-01 起住房公积金月缴存基数上限（1500 元）低于最低工资标准（1850 元），即下限高于上限',
    ]);
  });

  it('refuses overlapping periods, gaps and a missing source', () => {
    expect(checkFigurePeriods('minimumWage', [DEFAULT_RULE_FIGURES[0], wage2027])).toEqual([
      '最低工资标准的生效期间重叠：2021-04-01—长期 与 2027-01-01—长期',
    ]);
    const gap = { ...wage2021, effectiveTo: '2026-06-30' } as AnyRuleFigurePeriod;
    expect(checkFigurePeriods('minimumWage', [gap, wage2027])).toEqual([
      '最低工资标准的生效期间之间有空档：2021-04-01—2026-06-30 与 2027-01-01—长期 之间没有适用的数值',
    ]);
    expect(checkFigurePeriods('minimumWage', [{ ...wage2027, source: ' ' } as AnyRuleFigurePeriod])).toEqual([
      '最低工资标准（2027-01-01—长期）：请注明来源（文件名称、文号）',
    ]);
    expect(
      checkFigurePeriods('minimumWage', [{ ...wage2027, effectiveTo: '2027-12-31' } as AnyRuleFigurePeriod]),
    ).toEqual(['最低工资标准最后一个期间应为长期有效（不填截止日期），以免此后没有适用的数值']);
  });

  it('refuses a minimum wage table out of order or with bad county codes', () => {
    const value = { zones: { '1': 1600, '2': 1700, '3': 1800 }, counties: { '3611': '4' }, defaultZone: '3' };
    expect(checkFigurePeriods('minimumWage', [period('minimumWage', value)])).toEqual([
      '最低工资标准（2027-01-01—长期）：最低工资应为第一档最高、第三档最低',
      '最低工资标准（2027-01-01—长期）：县区 3611：代码应为 6 位数字，档次应为 1、2 或 3',
    ]);
  });
});
