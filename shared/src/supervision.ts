// The supervision dashboard's period (issue 17): the bff refuses, and the console's picker says at once,
// the same thing about a period that is reversed, not a date, or too long to count in one go.
import { daysBetween, isRealDate } from './dates';

export const SUPERVISION_MAX_PERIOD_DAYS = 366;

/** What is wrong with a period (YYYY-MM-DD, both ends included), in words, or null. */
export function supervisionPeriodProblem(from: string, to: string): string | null {
  if (!isRealDate(from) || !isRealDate(to)) return '请选择有效的起止日期';
  const days = daysBetween(from, to) + 1;
  if (days < 1 || days > SUPERVISION_MAX_PERIOD_DAYS)
    return `统计期间应为 1—${SUPERVISION_MAX_PERIOD_DAYS} 天，且截止日期不早于起始日期`;
  return null;
}
