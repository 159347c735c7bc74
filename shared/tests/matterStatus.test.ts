import { canTransition, matterDueDate, matterDueDateIn, overallStatus } from '../src/matterStatus';
import { WorkingDayCalendar, defaultWorkingDayCalendar } from '../src/workingDays';

describe('matter status', () => {
  it('lets a returned matter go back to 待推送 after correction, but never reopens a finished one', () => {
    expect(canTransition('returned', 'pending')).toBe(true);
    expect(canTransition('completed', 'reviewing')).toBe(false);
    expect(canTransition('pending', 'completed')).toBe(false);
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
    const closed = new WorkingDayCalendar({ overrides: [{ date: '2025-10-09', working: false }] });
    expect(matterDueDateIn(closed, 'housingFund', '2025-09-30')).toBe('2025-10-13');
  });
});
