import { canTransition, matterDueDate, overallStatus } from '../src/matterStatus';
import { defaultWorkingDayCalendar } from '../src/workingDays';

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
    expect(matterDueDate(defaultWorkingDayCalendar, 'employment', '2025-09-30')).toBe('2025-09-30');
    expect(matterDueDate(defaultWorkingDayCalendar, 'medicalInsurance', '2025-09-30')).toBe('2025-10-11');
  });
});
