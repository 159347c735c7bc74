// Working days between two dates in O(1) after a one-off walk: the dashboard measures thousands of matters
// over the same stretch of calendar, and counting day by day for each would repeat the same walk for all.
// The answers are those of the calendar in force (WorkingDayCalendar.workingDaysElapsed), which the due
// dates use too.
import { addDays, daysBetween, type IsoDate, type WorkingDayCalendar } from '@hiring/shared';

export class WorkingDayCounter {
  /** cumulative[i] = working days from `first` + 1 up to and including `first` + i. */
  private readonly cumulative: number[] = [0];
  /** Date → its offset from `first`: the same few hundred dates come up again and again. */
  private readonly offsets = new Map<IsoDate, number>();

  constructor(
    private readonly calendar: WorkingDayCalendar,
    private readonly first: IsoDate,
  ) {}

  private upTo(date: IsoDate): number {
    let offset = this.offsets.get(date);
    if (offset === undefined) {
      offset = daysBetween(this.first, date);
      if (this.offsets.size < 100_000) this.offsets.set(date, offset);
    }
    while (this.cumulative.length <= offset) {
      const day = addDays(this.first, this.cumulative.length);
      const before = this.cumulative[this.cumulative.length - 1];
      this.cumulative.push(before + (this.calendar.isWorkingDay(day) ? 1 : 0));
    }
    return this.cumulative[offset];
  }

  /** Working days after `from` up to and including `until` (0 when `until` is not after `from`). */
  elapsed(from: IsoDate, until: IsoDate): number {
    if (until <= from) return 0;
    if (from < this.first) return this.calendar.workingDaysElapsed(from, until);
    return this.upTo(until) - this.upTo(from);
  }
}
