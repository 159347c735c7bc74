// Working days for the "3 个工作日" time limits: weekends and official holidays are off, make-up
// workdays (调休) count. The official schedule comes from the chinese-days package's data; its date
// functions are not used because they shift dates west of UTC. An administrator's override table wins
// over the package, and a date in a year neither covers is refused rather than guessed.
import calendarData from 'chinese-days/dist/chinese-days.json';
import type { IsoDate } from './dates';
import { addDays, isRealDate, weekdayOf } from './dates';

export interface CalendarOverride {
  date: IsoDate;
  working: boolean;
  /** Why the day differs, e.g. a late-published 调休 notice. */
  reason?: string;
}

export interface WorkingDayCalendarOptions {
  overrides?: readonly CalendarOverride[];
  /**
   * Years the administrator vouches for beyond the package's own (normally after entering that year's
   * holiday notice as overrides).
   */
  extraCoveredYears?: readonly number[];
}

export class CalendarNotCoveredError extends Error {
  constructor(readonly year: number) {
    super(`${year} 年的节假日安排尚未录入，暂无法计算办理时限，请联系管理员更新工作日历`);
  }
}

interface CalendarSource {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function yearsIn(source: CalendarSource): Set<number> {
  const years = new Set<number>();
  for (const date of Object.keys(source.holidays)) years.add(Number(date.slice(0, 4)));
  return years;
}

export class WorkingDayCalendar {
  private readonly overrides: Map<string, boolean>;
  private readonly coveredYears: Set<number>;

  constructor(
    options: WorkingDayCalendarOptions = {},
    private readonly source: CalendarSource = calendarData,
  ) {
    this.overrides = new Map((options.overrides ?? []).map((o) => [o.date, o.working]));
    this.coveredYears = yearsIn(source);
    for (const year of options.extraCoveredYears ?? []) this.coveredYears.add(year);
  }

  /** The years the calendar can answer for, ascending. */
  get years(): number[] {
    return [...this.coveredYears].sort((a, b) => a - b);
  }

  covers(date: IsoDate): boolean {
    return this.coveredYears.has(Number(date.slice(0, 4)));
  }

  isWorkingDay(date: IsoDate): boolean {
    if (!isRealDate(date)) throw new RangeError(`无效日期：${date}`);
    const override = this.overrides.get(date);
    if (override !== undefined) return override;
    if (!this.covers(date)) throw new CalendarNotCoveredError(Number(date.slice(0, 4)));
    if (date in this.source.workdays) return true;
    if (date in this.source.holidays) return false;
    const weekday = weekdayOf(date);
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The due date of a matter accepted on `acceptedOn` with a limit of `workingDays`: day 1 is the first
   * working day after the day of acceptance. A limit of 0 (即办) is due the same day.
   */
  dueDate(acceptedOn: IsoDate, workingDays: number): IsoDate {
    if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError('办理时限应为非负整数');
    let date = acceptedOn;
    for (let counted = 0; counted < workingDays;) {
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) counted++;
    }
    return date;
  }

  /** Working days used so far: those after `acceptedOn` up to and including `until`. */
  workingDaysElapsed(acceptedOn: IsoDate, until: IsoDate): number {
    let count = 0;
    for (let date = addDays(acceptedOn, 1); date <= until; date = addDays(date, 1)) {
      if (this.isWorkingDay(date)) count++;
    }
    return count;
  }

  /** True when a matter still open on `today` (or finished on it) is past its due date. */
  isOverdue(acceptedOn: IsoDate, workingDays: number, today: IsoDate): boolean {
    return today > this.dueDate(acceptedOn, workingDays);
  }
}

/** A calendar with the package's schedule and no overrides. */
export const defaultWorkingDayCalendar = new WorkingDayCalendar();

/**
 * `n` working days after `date` on the default calendar: day 1 is the first working day after `date`,
 * and 0 is `date` itself. Throws CalendarNotCoveredError for a year the calendar does not cover.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  return defaultWorkingDayCalendar.dueDate(date, n);
}
