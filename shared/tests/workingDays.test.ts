import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  CalendarRangeError,
  PACKAGE_CALENDAR_YEARS,
  WorkingDayCalendar,
  addWorkingDays,
  calendarBasis,
  checkOfficialYear,
  defaultWorkingDayCalendar as calendar,
  provisionalYear,
  statutoryHolidays,
} from '../src/workingDays';
import { addDays, weekdayOf } from '../src/dates';
import { dueByLabel } from '../src/dueDateLabels';

describe('3 个工作日 due dates on official years', () => {
  it('counts from the first working day after acceptance on an ordinary week', () => {
    // Friday → Mon, Tue, Wed
    expect(calendar.dueDate('2025-06-06', 3)).toBe('2025-06-11');
  });

  it('skips the National Day holiday and counts the make-up Saturday (调休)', () => {
    // 2025-10-01..08 off; 2025-10-11 (Saturday) is a workday.
    expect(calendar.dueDateOf('2025-09-30', 3)).toEqual({ dueDate: '2025-10-11', basis: 'official' });
  });

  it('counts a make-up Sunday before the holiday', () => {
    // 2025-09-28 (Sunday) is a workday.
    expect(calendar.dueDate('2025-09-26', 3)).toBe('2025-09-30');
  });

  it('makes 即办 due on the day of acceptance, even a holiday', () => {
    expect(calendar.dueDateOf('2025-10-01', 0)).toEqual({ dueDate: '2025-10-01', basis: 'official' });
  });

  it('counts working days used and tells when a matter is overdue', () => {
    expect(calendar.workingDaysElapsed('2025-09-30', '2025-10-10')).toBe(2);
    expect(calendar.isOverdue('2025-09-30', 3, '2025-10-11')).toBe(false);
    expect(calendar.isOverdue('2025-09-30', 3, '2025-10-13')).toBe(true);
  });
});

describe('provisional years', () => {
  it('gives a matter accepted on 2026-12-30 a 预计 due date in 2027 that skips 元旦 and the weekend', () => {
    // Thu 31 (day 1), Fri 2027-01-01 元旦, Sat, Sun, Mon 4 (day 2), Tue 5 (day 3).
    expect(calendar.dueDateOf('2026-12-30', 3)).toEqual({ dueDate: '2027-01-05', basis: 'provisional' });
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    // A due date reached inside the official year stays official.
    expect(calendar.dueDateOf('2026-12-24', 3)).toEqual({ dueDate: '2026-12-29', basis: 'official' });
  });

  it('reads a provisional due date as 预计', () => {
    expect(dueByLabel('2027-01-05', 'provisional')).toBe('预计于 2027-01-05 前');
    expect(dueByLabel('2026-12-29', 'official')).toBe('应于 2026-12-29 前');
    expect(dueByLabel('2026-12-29', null)).toBe('应于 2026-12-29 前');
  });

  it('answers for every year from 2004 to 2100 and says which are official', () => {
    expect(PACKAGE_CALENDAR_YEARS[0]).toBe(2004);
    expect(PACKAGE_CALENDAR_YEARS.at(-1)).toBe(2026);
    for (let year = CALENDAR_FIRST_YEAR; year <= CALENDAR_LAST_YEAR; year++) {
      expect(calendarBasis(year)).toBe(year <= 2026 ? 'official' : 'provisional');
      const last = year < CALENDAR_LAST_YEAR ? `${year}-12-31` : `${year}-12-24`; // 2101 is out of range
      expect(calendar.dueDate(last, 3) > last).toBe(true);
    }
    expect(calendar.years()).toHaveLength(97);
    expect(() => addWorkingDays('2101-01-04', 1)).toThrow(CalendarRangeError);
    expect(() => addWorkingDays('2101-01-04', 1)).toThrow('工作日历仅支持 2004—2100 年，2101 年超出范围');
  });

  it('lists the 13 statutory days of the 2024 amendment, with 清明 from the solar term', () => {
    expect(statutoryHolidays(2027).map((h) => `${h.date} ${h.name}`)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节', // 除夕
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
  });

  it('makes up a holiday on a Saturday or Sunday on the next working day (第六条)', () => {
    const off = (year: number) => Object.keys(provisionalYear(year).holidays).sort();
    // 2027: 春节 Fri 5 - Mon 8 Feb, Sat and Sun made up on Tue 9 and Wed 10; 劳动节 Sat/Sun → Mon 3, Tue 4.
    expect(off(2027)).toEqual(
      expect.arrayContaining([
        '2027-02-09',
        '2027-02-10',
        '2027-05-03',
        '2027-05-04',
        '2027-10-04',
        '2027-10-05',
      ]),
    );
    expect(provisionalYear(2027).holidays['2027-02-09']).toBe('春节（补休）');
    expect(calendar.dueDate('2027-02-04', 3)).toBe('2027-02-15'); // Thu before 除夕 → Thu 11, Fri 12, Mon 15
    // No 调休: provisional years never turn a weekend into a workday.
    for (let year = 2027; year <= CALENDAR_LAST_YEAR; year++)
      expect(provisionalYear(year).workdays).toEqual({});
  });

  it('makes up 中秋 when it falls inside 国庆 (2028-10-03, a Tuesday)', () => {
    const year = provisionalYear(2028);
    expect(statutoryHolidays(2028).filter((h) => h.date === '2028-10-03')).toHaveLength(2);
    expect(year.holidays['2028-10-04']).toMatch(/（补休）$/);
    expect(calendar.isWorkingDay('2028-10-04')).toBe(false);
  });

  it('keeps 13 weekdays off every provisional year', () => {
    for (let year = 2027; year <= CALENDAR_LAST_YEAR; year++) {
      const weekdaysOff = Object.keys(provisionalYear(year).holidays).filter((d) => {
        const day = weekdayOf(d);
        return day !== 0 && day !== 6;
      });
      expect([year, weekdaysOff.length]).toEqual([year, 13]);
    }
  });
});

describe('years an administrator enters', () => {
  const notice2027 = {
    year: 2027,
    holidays: {
      '2027-01-01': '元旦',
      '2027-01-02': '元旦',
      '2027-01-03': '元旦',
      ...Object.fromEntries(
        Array.from({ length: 9 }, (_, i) => [addDays('2027-02-05', i), '春节']), // Fri 5 - Sat 13
      ),
    },
    workdays: { '2027-02-14': '春节' }, // a Sunday
  };

  it('replaces the provisional year and makes due dates official', () => {
    const entered = new WorkingDayCalendar({ officialYears: [notice2027] });
    expect(entered.basis(2027)).toBe('official');
    expect(entered.basis(2028)).toBe('provisional');
    expect(entered.dueDateOf('2026-12-30', 3)).toEqual({ dueDate: '2027-01-05', basis: 'official' });
    // Before: Tue 9, Wed 10 off (补休), due Mon 15. After: off until Sat 13, Sun 14 is a workday.
    expect(calendar.dueDate('2027-02-04', 3)).toBe('2027-02-15');
    expect(entered.dueDate('2027-02-04', 3)).toBe('2027-02-16'); // Sun 14, Mon 15, Tue 16
  });

  const entry = (holidays: [string, string][], workdays: [string, string][] = []) => ({
    year: 2027,
    holidays: holidays.map(([date, name]) => ({ date, name })),
    workdays: workdays.map(([date, name]) => ({ date, name })),
  });

  it('accepts every package year and a real-looking notice', () => {
    for (const year of PACKAGE_CALENDAR_YEARS) {
      const s = calendar.schedule(year);
      const problems = checkOfficialYear({
        year,
        holidays: Object.entries(s.holidays).map(([date, name]) => ({ date, name })),
        workdays: Object.entries(s.workdays).map(([date, name]) => ({ date, name })),
      });
      expect([year, problems]).toEqual([year, []]);
    }
    const statutory = provisionalYear(2027);
    expect(checkOfficialYear(entry(Object.entries(statutory.holidays)))).toEqual([]);
  });

  it('refuses bad entries with Chinese messages', () => {
    expect(checkOfficialYear({ ...entry([]), year: 2101 })).toEqual(['年份须在 2004—2100 之间']);
    expect(
      checkOfficialYear(
        entry(
          [
            ['2027-02-30', '春节'],
            ['2028-01-01', '元旦'],
            ['2027-01-01', '元旦'],
            ['2027-01-01', '元旦'],
            ['2027-02-14', '春节'],
          ],
          [
            ['2027-02-14', '春节'],
            ['2027-02-10', '春节'],
          ],
        ),
      ),
    ).toEqual([
      '放假日 2027-02-30 不是有效日期（应为 YYYY-MM-DD）',
      '放假日 2028-01-01 不在 2027 年内',
      '放假日 2027-01-01 重复填写',
      '2027-02-14 不能既是放假日又是调休上班日',
      '调休上班日 2027-02-10 是工作日（周一至周五），只有周六、周日才需要登记为调休上班',
    ]);
    expect(checkOfficialYear(entry([['2027-01-01', '元旦']]))).toEqual([
      '放假安排少于法定节假日天数：周一至周五放假 1 天、调休上班 0 天，净放假 1 天，少于 2027 年的法定节假日 13 天，请核对通知',
    ]);
  });
});

describe('provisional against official for the package years (2004-2026)', () => {
  // The provisional rule is the 2024 law; before 2025 other rules applied (and 调休 always moves days), so
  // this measures how far a 预计 date can be off rather than asserting they agree.
  const packageOnly = calendar;

  it('agrees on most 3-working-day due dates in 2025 and 2026, the years under the same law', () => {
    const stats = PACKAGE_CALENDAR_YEARS.map((year) => {
      const provisional = new WorkingDayCalendar({ officialYears: [provisionalYear(year)] });
      let differ = 0;
      let maxShift = 0;
      let days = 0;
      for (
        let date = `${year}-01-01`;
        date.startsWith(`${year}-`) && date <= `${year}-12-20`;
        date = addDays(date, 1)
      ) {
        days++;
        const a = packageOnly.dueDate(date, 3);
        const b = provisional.dueDate(date, 3);
        if (a !== b) {
          differ++;
          maxShift = Math.max(maxShift, Math.abs(Date.parse(a) - Date.parse(b)) / 86400000);
        }
      }
      return { year, differ, days, maxShift };
    });
    if (process.env.CALENDAR_REPORT) console.table(stats);
    const recent = stats.filter((s) => s.year >= 2025);
    for (const s of recent) expect(s.differ / s.days).toBeLessThan(0.15);
  });
});
