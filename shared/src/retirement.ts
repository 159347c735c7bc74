// Statutory retirement age under the gradual raise that began on 2025-01-01 (全国人大常委会关于实施渐进式
// 延迟法定退休年龄的决定, 2024): men 60→63 and women cadres 55→58 by one month every four months of
// birth; women workers 50→55 by one month every two months of birth.
// The parameters are an administered figure (ruleConfig.ts, kind 'retirement'); the default is the 2024 decision.
import type { IsoDate, IsoMonth } from './dates';
import { addMonths, monthsBetween } from './dates';
import { RETIREMENT_2025, type RetirementCategory, type RetirementFigure } from './ruleConfig';

/** Retirement age in months for someone born in `birthMonth`. */
export function retirementAgeMonths(
  birthMonth: IsoMonth,
  category: RetirementCategory,
  rules: RetirementFigure = RETIREMENT_2025,
): number {
  const rule = rules[category];
  const sinceFirst = monthsBetween(rule.firstDelayedBirth, birthMonth);
  const extra =
    sinceFirst < 0
      ? 0
      : Math.min(rule.maxExtraMonths, Math.floor(sinceFirst / rule.birthMonthsPerExtraMonth) + 1);
  return rule.baseYears * 12 + extra;
}

/** The date on which the person reaches statutory retirement age. */
export function retirementDate(
  birthDate: IsoDate,
  category: RetirementCategory,
  rules: RetirementFigure = RETIREMENT_2025,
): IsoDate {
  return addMonths(birthDate, retirementAgeMonths(birthDate.slice(0, 7), category, rules));
}

/** "60岁3个月" */
export function formatAgeMonths(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? `${years}岁` : `${years}岁${rest}个月`;
}
