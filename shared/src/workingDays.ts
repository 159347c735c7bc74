// Working days for the "3 个工作日" time limits: weekends and official holidays are off, make-up
// workdays (调休) count. A year is either official — the chinese-days package's data, or a year an
// administrator entered from the State Council's notice — or provisional: the statutory holidays of
// 《全国年节及纪念日放假办法》 (2024 amendment) with 第六条's make-up day, weekends off and no other 调休.
// Every year from 2004 to 2099 has an answer, so no matter is ever left without a due date.
import calendarData from 'chinese-days/dist/chinese-days.json';
import type { IsoDate } from './dates';
import { addDays, isRealDate, weekdayOf } from './dates';
import type { CalendarBasis } from './dueDateLabels';
import { LUNAR_HOLIDAY_DATES, LUNAR_TABLE_FIRST_YEAR, LUNAR_TABLE_LAST_YEAR } from './lunarHolidayDates';

export const CALENDAR_FIRST_YEAR = LUNAR_TABLE_FIRST_YEAR;
export const CALENDAR_LAST_YEAR = LUNAR_TABLE_LAST_YEAR;

/** One year's official schedule: the days off (including weekend days inside a holiday) and the 调休 workdays. */
export interface OfficialCalendarYear {
  year: number;
  /** Date → holiday name, e.g. '2027-01-01': '元旦'. */
  holidays: Readonly<Record<IsoDate, string>>;
  /** Date → the holiday it makes up for, e.g. '2027-02-07': '春节'. Weekend days only. */
  workdays: Readonly<Record<IsoDate, string>>;
}

export class CalendarRangeError extends RangeError {
  constructor(readonly year: number) {
    super(`工作日历仅支持 ${CALENDAR_FIRST_YEAR}—${CALENDAR_LAST_YEAR} 年，${year} 年超出范围`);
    this.name = 'CalendarRangeError';
  }
}

interface YearDays {
  basis: CalendarBasis;
  holidays: ReadonlyMap<IsoDate, string>;
  workdays: ReadonlyMap<IsoDate, string>;
}

const isWeekend = (date: IsoDate) => {
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6;
};

/** The package's years, split by year; its entries read "English name,中文名,days". */
function packageYears(): Map<number, OfficialCalendarYear> {
  const years = new Map<number, { holidays: Record<string, string>; workdays: Record<string, string> }>();
  const yearOf = (date: string) => {
    const year = Number(date.slice(0, 4));
    let entry = years.get(year);
    if (!entry) years.set(year, (entry = { holidays: {}, workdays: {} }));
    return entry;
  };
  const nameOf = (value: string) => value.split(',')[1] ?? value;
  for (const [date, value] of Object.entries(calendarData.holidays))
    yearOf(date).holidays[date] = nameOf(value);
  for (const [date, value] of Object.entries(calendarData.workdays))
    yearOf(date).workdays[date] = nameOf(value);
  return new Map([...years].map(([year, days]) => [year, { year, ...days }]));
}

const PACKAGE_YEARS = packageYears();

/** The years whose official schedule ships with the package, ascending. */
export const PACKAGE_CALENDAR_YEARS: readonly number[] = [...PACKAGE_YEARS.keys()].sort((a, b) => a - b);

export interface StatutoryHoliday {
  date: IsoDate;
  name: string;
}

/** The statutory holidays of `year` (2024 amendment, 第二条), before any make-up day. */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR)
    throw new CalendarRangeError(year);
  const [eve, qingming, dragonBoat, midAutumn] = LUNAR_HOLIDAY_DATES[year - CALENDAR_FIRST_YEAR]
    .split(' ')
    .map((mmdd) => `${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2)}`);
  const days = (name: string, from: IsoDate, count: number) =>
    Array.from({ length: count }, (_, i) => ({ date: addDays(from, i), name }));
  return [
    ...days('元旦', `${year}-01-01`, 1),
    ...days('春节', eve, 4), // 除夕 and 正月初一至初三
    ...days('清明节', qingming, 1),
    ...days('劳动节', `${year}-05-01`, 2),
    ...days('端午节', dragonBoat, 1),
    ...days('中秋节', midAutumn, 1),
    ...days('国庆节', `${year}-10-01`, 3),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The provisional schedule of `year`: each statutory holiday is a day off; one that falls on a Saturday
 * or Sunday (第六条) — or on a day already off for another holiday, as when 中秋 meets 国庆 — is made up
 * on the next day that is still a working day. No other 调休 is assumed.
 */
export function provisionalYear(year: number): OfficialCalendarYear {
  const holidays: Record<IsoDate, string> = {};
  const statutory = statutoryHolidays(year);
  for (const { date, name } of statutory) {
    const alreadyOff = isWeekend(date) || date in holidays;
    if (!alreadyOff) {
      holidays[date] = name;
      continue;
    }
    if (!(date in holidays)) holidays[date] = name;
    let makeUp = addDays(date, 1);
    while (isWeekend(makeUp) || makeUp in holidays || statutory.some((h) => h.date === makeUp)) {
      makeUp = addDays(makeUp, 1);
    }
    holidays[makeUp] = `${name}（补休）`;
  }
  return { year, holidays, workdays: {} };
}

const toDays = (basis: CalendarBasis, year: OfficialCalendarYear): YearDays => ({
  basis,
  holidays: new Map(Object.entries(year.holidays)),
  workdays: new Map(Object.entries(year.workdays)),
});

export interface WorkingDayCalendarOptions {
  /** Years an administrator entered from the State Council's notice; each replaces the package's or the provisional year. */
  officialYears?: readonly OfficialCalendarYear[];
}

export interface DueDate {
  dueDate: IsoDate;
  /** 'provisional' when any day the count passed through lies in a provisional year: the date is 预计. */
  basis: CalendarBasis;
}

export class WorkingDayCalendar {
  private readonly entered: Map<number, OfficialCalendarYear>;
  private readonly cache = new Map<number, YearDays>();

  constructor(options: WorkingDayCalendarOptions = {}) {
    this.entered = new Map((options.officialYears ?? []).map((year) => [year.year, year]));
  }

  private daysOf(year: number): YearDays {
    let days = this.cache.get(year);
    if (!days) {
      if (!Number.isInteger(year) || year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR)
        throw new CalendarRangeError(year);
      const official = this.entered.get(year) ?? PACKAGE_YEARS.get(year);
      days = official ? toDays('official', official) : toDays('provisional', provisionalYear(year));
      this.cache.set(year, days);
    }
    return days;
  }

  /** Whether `year`'s schedule is official (package or entered) or provisional (computed from the law). */
  basis(year: number): CalendarBasis {
    return this.daysOf(year).basis;
  }

  /** Every year the calendar answers for, with its basis. */
  years(): { year: number; basis: CalendarBasis }[] {
    const out: { year: number; basis: CalendarBasis }[] = [];
    for (let year = CALENDAR_FIRST_YEAR; year <= CALENDAR_LAST_YEAR; year++) {
      out.push({
        year,
        basis: this.entered.has(year) || PACKAGE_YEARS.has(year) ? 'official' : 'provisional',
      });
    }
    return out;
  }

  /** The year's days off and 调休 workdays as this calendar sees them. */
  schedule(year: number): OfficialCalendarYear & { basis: CalendarBasis } {
    const days = this.daysOf(year);
    return {
      year,
      basis: days.basis,
      holidays: Object.fromEntries(days.holidays),
      workdays: Object.fromEntries(days.workdays),
    };
  }

  isWorkingDay(date: IsoDate): boolean {
    if (!isRealDate(date)) throw new RangeError(`无效日期：${date}`);
    const days = this.daysOf(Number(date.slice(0, 4)));
    if (days.workdays.has(date)) return true;
    if (days.holidays.has(date)) return false;
    return !isWeekend(date);
  }

  /**
   * The due date of a matter accepted on `acceptedOn` with a limit of `workingDays`, and whether it is
   * official: day 1 is the first working day after the day of acceptance; 0 (即办) is due the same day.
   */
  dueDateOf(acceptedOn: IsoDate, workingDays: number): DueDate {
    if (!Number.isInteger(workingDays) || workingDays < 0 || workingDays > 366)
      throw new RangeError('办理时限应为 0—366 之间的整数');
    if (!isRealDate(acceptedOn)) throw new RangeError(`无效日期：${acceptedOn}`);
    let date = acceptedOn;
    for (let counted = 0; counted < workingDays;) {
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) counted++;
    }
    // 即办 needs no calendar; otherwise only the days after acceptance decide whether the date is 预计.
    return { dueDate: date, basis: workingDays === 0 ? 'official' : this.basisBetween(acceptedOn, date) };
  }

  private basisBetween(acceptedOn: IsoDate, dueDate: IsoDate): CalendarBasis {
    const first = Number(addDays(acceptedOn, 1).slice(0, 4));
    for (let year = first; year <= Number(dueDate.slice(0, 4)); year++) {
      if (this.basis(year) === 'provisional') return 'provisional';
    }
    return 'official';
  }

  dueDate(acceptedOn: IsoDate, workingDays: number): IsoDate {
    return this.dueDateOf(acceptedOn, workingDays).dueDate;
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

/** The package's official years, provisional ones elsewhere; the bff adds the years administrators enter. */
export const defaultWorkingDayCalendar = new WorkingDayCalendar();

/** Whether `year` is official on the default calendar (the package's data) or provisional. */
export function calendarBasis(year: number): CalendarBasis {
  return defaultWorkingDayCalendar.basis(year);
}

/**
 * `n` working days after `date` on the default calendar: day 1 is the first working day after `date`,
 * and 0 is `date` itself. Answers for every year from 2004 to 2099 (provisionally where no notice exists).
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  return defaultWorkingDayCalendar.dueDate(date, n);
}

export interface OfficialYearEntry {
  year: number;
  holidays: readonly { date: IsoDate; name: string }[];
  workdays: readonly { date: IsoDate; name: string }[];
}

/** A year's notice as an administrator types it: ranges of days off and single 调休 workdays. */
export interface CalendarNoticeInput {
  holidays: readonly { name: string; from: IsoDate; to?: IsoDate | null }[];
  workdays: readonly { name: string; date: IsoDate }[];
}

const MAX_HOLIDAY_RANGE_DAYS = 31;

/** The notice's ranges as single days (for checkOfficialYear); problems in Chinese. */
export function expandCalendarNotice(input: CalendarNoticeInput): {
  holidays: { date: IsoDate; name: string }[];
  workdays: { date: IsoDate; name: string }[];
  problems: string[];
} {
  const problems: string[] = [];
  const holidays: { date: IsoDate; name: string }[] = [];
  for (const [index, range] of input.holidays.entries()) {
    const to = range.to || range.from;
    if (!isRealDate(range.from) || !isRealDate(to)) {
      problems.push(`第 ${index + 1} 段放假安排的日期无效（应为 YYYY-MM-DD）`);
      continue;
    }
    if (to < range.from) {
      problems.push(`第 ${index + 1} 段放假安排的结束日期早于开始日期`);
      continue;
    }
    let date = range.from;
    for (let n = 0; date <= to; n++, date = addDays(date, 1)) {
      if (n >= MAX_HOLIDAY_RANGE_DAYS) {
        problems.push(`第 ${index + 1} 段放假安排超过 ${MAX_HOLIDAY_RANGE_DAYS} 天，请核对日期`);
        break;
      }
      holidays.push({ date, name: range.name });
    }
  }
  return { holidays, workdays: input.workdays.map((w) => ({ date: w.date, name: w.name })), problems };
}

/**
 * Problems (in Chinese) with a year an administrator enters: dates in the year, no day both off and
 * worked, 调休 workdays only on a Saturday or Sunday, and (from 2025) at least the statutory days off.
 */
export function checkOfficialYear(entry: OfficialYearEntry): string[] {
  const problems: string[] = [];
  const { year } = entry;
  if (!Number.isInteger(year) || year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) {
    return [`年份须在 ${CALENDAR_FIRST_YEAR}—${CALENDAR_LAST_YEAR} 之间`];
  }
  const seen = new Map<IsoDate, 'holiday' | 'workday'>();
  const check = (kind: 'holiday' | 'workday', date: IsoDate) => {
    const label = kind === 'holiday' ? '放假日' : '调休上班日';
    if (!isRealDate(date)) return problems.push(`${label} ${date} 不是有效日期（应为 YYYY-MM-DD）`);
    if (!date.startsWith(`${year}-`)) return problems.push(`${label} ${date} 不在 ${year} 年内`);
    const earlier = seen.get(date);
    if (earlier === kind) return problems.push(`${label} ${date} 重复填写`);
    if (earlier) return problems.push(`${date} 不能既是放假日又是调休上班日`);
    seen.set(date, kind);
    if (kind === 'workday' && !isWeekend(date))
      problems.push(`调休上班日 ${date} 是工作日（周一至周五），只有周六、周日才需要登记为调休上班`);
    return undefined;
  };
  for (const { date } of entry.holidays) check('holiday', date);
  for (const { date } of entry.workdays) check('workday', date);
  // From 2025 (the 2024 amendment) the net weekdays off — days off from Monday to Friday less the 调休
  // weekend workdays — cover at least the 13 statutory days. Earlier years followed other rules and
  // cross-year arrangements, so they are not checked this way.
  const weekdaysOff = entry.holidays.filter((h) => isRealDate(h.date) && !isWeekend(h.date)).length;
  const net = weekdaysOff - entry.workdays.length;
  const required = statutoryHolidays(year).length;
  if (!problems.length && year >= 2025 && net < required) {
    problems.push(
      `放假安排少于法定节假日天数：周一至周五放假 ${weekdaysOff} 天、调休上班 ${entry.workdays.length} 天，净放假 ${net} 天，少于 ${year} 年的法定节假日 ${required} 天，请核对通知`,
    );
  }
  return problems;
}
