// The calendar due date printed on a 受理回执: the Nth working day after the day of acceptance
// (weekends and official holidays excluded, 调休 make-up days counted), in China's time zone.
import chineseDays from 'chinese-days';

export function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Null when the calendar cannot answer: better no due date than a guessed one. */
export function dueDateAfter(acceptedOn: string, workingDays: number): string | null {
  try {
    return chineseDays.findWorkday(workingDays, acceptedOn) || null;
  } catch {
    return null;
  }
}
