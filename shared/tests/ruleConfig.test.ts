import {
  DEFAULT_RULE_CONFIGS,
  RuleConfigError,
  minimumWageFor,
  resolveRuleConfig,
  ruleConfigSchema,
} from '../src/ruleConfig';
import type { RuleConfig } from '../src/ruleConfig';

const base = DEFAULT_RULE_CONFIGS[0];
const next: RuleConfig = {
  ...base,
  version: '2026-test',
  effectiveFrom: '2026-01-01',
  minimumWage: { ...base.minimumWage, zones: { '1': 2000, '2': 1900, '3': 1800 } },
};

describe('versioned rule configuration', () => {
  it('uses the version in force on the application date', () => {
    const configs = [next, base];
    expect(resolveRuleConfig('2025-12-31', configs).version).toBe(base.version);
    expect(resolveRuleConfig('2026-01-01', configs).version).toBe('2026-test');
  });

  it('has nothing to apply before the first version', () => {
    expect(() => resolveRuleConfig('2020-01-01')).toThrow(RuleConfigError);
  });

  it('marks the minimum wage as assumed for a county missing from the table', () => {
    expect(minimumWageFor(base, '361128')).toEqual({ amount: 1610, zone: '3', assumed: true });
    expect(minimumWageFor(base, '361102')).toEqual({ amount: 1730, zone: '2', assumed: false });
  });

  it('accepts the shipped defaults and rejects an administrator’s inconsistent version, in Chinese', () => {
    expect(ruleConfigSchema.isValidSync(base)).toBe(true);
    const broken = { ...base, socialInsuranceBase: { floor: 5000, cap: 4000, placeholder: false } };
    expect(() => ruleConfigSchema.validateSync(broken)).toThrow('缴费基数上限不能低于下限');
    const tooYoung = { ...base, age: { minimumHiring: 15, adult: 18 } };
    expect(() => ruleConfigSchema.validateSync(tooYoung)).toThrow('最低招用年龄不得低于 16 周岁');
  });
});
