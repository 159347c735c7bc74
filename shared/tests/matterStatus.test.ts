import {
  matterDueDate,
  matterDueDateIn,
  matterDueDateOf,
  overallStatus,
  progressPath,
} from '../src/matterStatus';
import { WorkingDayCalendar, defaultWorkingDayCalendar } from '../src/workingDays';

describe('matter status', () => {
  it('moves forward only, filling in the steps that news skipped, and never reopens a decided matter', () => {
    expect(progressPath('pending', 'completed')).toEqual(['accepted', 'completed']);
    expect(progressPath('pending', 'reviewing')).toEqual(['accepted', 'reviewing']);
    expect(progressPath('accepted', 'returned')).toEqual(['returned']);
    expect(progressPath('reviewing', 'reviewing')).toEqual([]);
    expect(progressPath('completed', 'reviewing')).toBeNull();
    expect(progressPath('returned', 'completed')).toBeNull();
    expect(progressPath('reviewing', 'accepted')).toBeNull();
  });

  it('shows 部分退回 while any matter is returned and 已办结 only when all are done', () => {
    expect(overallStatus(['completed', 'returned', 'reviewing'])).toBe('returned');
    expect(overallStatus(['completed', 'reviewing'])).toBe('processing');
    expect(overallStatus(['completed', 'completed'])).toBe('completed');
    expect(overallStatus([])).toBe('processing');
  });

  it('gives 即办 matters the acceptance day and 医保/公积金 three working days', () => {
    expect(matterDueDate('2025-09-30', 'employment')).toBe('2025-09-30');
    expect(matterDueDate('2025-09-30', 'medicalInsurance')).toBe('2025-10-11');
    expect(matterDueDateIn(defaultWorkingDayCalendar, 'housingFund', '2025-09-30')).toBe('2025-10-11');
  });

  it("follows an administrator's calendar when one is given", () => {
    const official2025 = defaultWorkingDayCalendar.schedule(2025);
    const closed = new WorkingDayCalendar({
      officialYears: [{ ...official2025, holidays: { ...official2025.holidays, '2025-10-09': '临时' } }],
    });
    expect(matterDueDateIn(closed, 'housingFund', '2025-09-30')).toBe('2025-10-13');
    expect(matterDueDateOf(closed, 'employment', '2026-12-30')).toEqual({
      dueDate: '2026-12-30',
      basis: 'official',
    });
    expect(matterDueDateOf(closed, 'housingFund', '2026-12-30')).toEqual({
      dueDate: '2027-01-05',
      basis: 'provisional',
    });
  });
});
