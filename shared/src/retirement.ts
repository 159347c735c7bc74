// Statutory retirement age under the gradual raise that began on 2025-01-01 (全国人大常委会关于实施渐进式
// 延迟法定退休年龄的决定, 2024): men 60→63 and women cadres 55→58 by one month every four months of
// birth; women workers 50→55 by one month every two months of birth.
import type { IsoDate, IsoMonth } from './dates';
import { addMonths, monthsBetween } from './dates';

export type RetirementCategory = 'male' | 'femaleCadre' | 'femaleWorker';

interface Rule {
  baseYears: number;
  /** The first birth month whose retirement falls on or after 2025-01 and is therefore delayed. */
  firstDelayedBirth: IsoMonth;
  birthMonthsPerExtraMonth: number;
  maxExtraMonths: number;
}

const RULES: Record<RetirementCategory, Rule> = {
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

/** Retirement age in months for someone born in `birthMonth`. */
export function retirementAgeMonths(birthMonth: IsoMonth, category: RetirementCategory): number {
  const rule = RULES[category];
  const sinceFirst = monthsBetween(rule.firstDelayedBirth, birthMonth);
  const extra =
    sinceFirst < 0
      ? 0
      : Math.min(rule.maxExtraMonths, Math.floor(sinceFirst / rule.birthMonthsPerExtraMonth) + 1);
  return rule.baseYears * 12 + extra;
}

/** The date on which the person reaches statutory retirement age. */
export function retirementDate(birthDate: IsoDate, category: RetirementCategory): IsoDate {
  return addMonths(birthDate, retirementAgeMonths(birthDate.slice(0, 7), category));
}

/** "60岁3个月" */
export function formatAgeMonths(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? `${years}岁` : `${years}岁${rest}个月`;
}
