// How a due date reads: apart from the working-day calendar (workingDays.ts) so that a page showing a
// date does not carry the holiday tables it was computed with (chinese-days, 32 KB in a mini-program).
import type { IsoDate } from './dates';

export type CalendarBasis = 'official' | 'provisional';

export const CALENDAR_BASIS_LABELS: Readonly<Record<CalendarBasis, string>> = {
  official: '正式',
  provisional: '预计',
};

/** "应于 2026-12-04 前", or "预计于 2027-01-05 前" until the provisional year's notice is entered. */
export function dueByLabel(dueDate: IsoDate, basis: CalendarBasis | null | undefined): string {
  return `${basis === 'provisional' ? '预计于' : '应于'} ${dueDate} 前`;
}
