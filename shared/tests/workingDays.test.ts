import {
  CalendarNotCoveredError,
  addWorkingDays,
  WorkingDayCalendar,
  defaultWorkingDayCalendar as calendar,
} from '../src/workingDays';

describe('3 个工作日 due dates', () => {
  it('counts from the first working day after acceptance on an ordinary week', () => {
    // Friday → Mon, Tue, Wed
    expect(calendar.dueDate('2025-06-06', 3)).toBe('2025-06-11');
  });

  it('skips the National Day holiday and counts the make-up Saturday (调休)', () => {
    // 2025-10-01..08 off; 2025-10-11 (Saturday) is a workday.
    expect(calendar.dueDate('2025-09-30', 3)).toBe('2025-10-11');
  });

  it('counts a make-up Sunday before the holiday', () => {
    // 2025-09-28 (Sunday) is a workday.
    expect(calendar.dueDate('2025-09-26', 3)).toBe('2025-09-30');
  });

  it('makes 即办 due on the day of acceptance, even a holiday', () => {
    expect(calendar.dueDate('2025-10-01', 0)).toBe('2025-10-01');
  });

  it('counts working days used and tells when a matter is overdue', () => {
    expect(calendar.workingDaysElapsed('2025-09-30', '2025-10-10')).toBe(2);
    expect(calendar.isOverdue('2025-09-30', 3, '2025-10-11')).toBe(false);
    expect(calendar.isOverdue('2025-09-30', 3, '2025-10-13')).toBe(true);
  });
});

describe('coverage and overrides', () => {
  it('refuses to guess in a year the calendar does not cover, with a message for the user', () => {
    const lastYear = Math.max(...calendar.years);
    expect(() => calendar.dueDate(`${lastYear}-12-30`, 3)).toThrow(CalendarNotCoveredError);
    expect(() => calendar.dueDate(`${lastYear}-12-30`, 3)).toThrow(/尚未录入/);
  });

  it('covers 2025 and 2026', () => {
    expect(calendar.years).toEqual(expect.arrayContaining([2025, 2026]));
  });

  it('lets an administrator close an extra day', () => {
    const custom = new WorkingDayCalendar({
      overrides: [{ date: '2025-06-10', working: false, reason: '临时停工' }],
    });
    expect(custom.dueDate('2025-06-06', 3)).toBe('2025-06-12');
  });

  it('lets an administrator vouch for a new year once its schedule is entered', () => {
    const lastYear = Math.max(...calendar.years);
    const next = lastYear + 1;
    const custom = new WorkingDayCalendar({
      extraCoveredYears: [next],
      overrides: [{ date: `${next}-01-01`, working: false }],
    });
    expect(custom.covers(`${next}-01-01`)).toBe(true);
    expect(custom.isWorkingDay(`${next}-01-01`)).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('counts day 1 as the first working day after the date, across holidays and 调休', () => {
    expect(addWorkingDays('2025-06-06', 1)).toBe('2025-06-09');
    expect(addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
    expect(addWorkingDays('2025-10-01', 0)).toBe('2025-10-01');
  });

  it('refuses a year the calendar does not cover with the Chinese message', () => {
    const lastYear = Math.max(...calendar.years);
    expect(() => addWorkingDays(`${lastYear + 1}-03-02`, 1)).toThrow(CalendarNotCoveredError);
    expect(() => addWorkingDays(`${lastYear + 1}-03-02`, 1)).toThrow(
      `${lastYear + 1} 年的节假日安排尚未录入，暂无法计算办理时限，请联系管理员更新工作日历`,
    );
  });
});
