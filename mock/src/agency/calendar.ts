// The calendar due date printed on a 受理回执, from shared's working-day calendar (the same one the bff
// uses): day 1 is the first working day after the day of acceptance, holidays and 调休 included.
import { defaultWorkingDayCalendar } from '@hiring/shared';

export function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The due date on shared's default calendar (provisional past the package's years); null outside 2004-2100. */
export function dueDateAfter(acceptedOn: string, workingDays: number): string | null {
  try {
    return defaultWorkingDayCalendar.dueDate(acceptedOn, workingDays);
  } catch {
    return null;
  }
}
