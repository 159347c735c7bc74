// Where each matter of a submitted application stands (docs/domain.md §1: 受理 → 审核 → 办结 or 退回), with the
// labels the client shows and the transitions the BFF allows.
import type { CodeItem, MatterCode } from './codes';
import { MATTERS } from './codes';
import type { IsoDate } from './dates';
import type { DueDate, WorkingDayCalendar } from './workingDays';
import { defaultWorkingDayCalendar } from './workingDays';

export type MatterStatus = 'pending' | 'accepted' | 'reviewing' | 'completed' | 'returned';

export const MATTER_STATUSES: readonly CodeItem<MatterStatus>[] = [
  { code: 'pending', label: '待推送' },
  { code: 'accepted', label: '已受理' },
  { code: 'reviewing', label: '审核中' },
  { code: 'completed', label: '已办结' },
  { code: 'returned', label: '已退回' },
];

/**
 * Where an agency's news can take a matter (docs/domain.md §1: 受理 → 审核 → 办结 or 退回). The employer's own
 * step, a returned matter corrected and resubmitted alone, starts a new attempt at pending instead.
 */
const NEXT: Record<MatterStatus, readonly MatterStatus[]> = {
  pending: ['accepted'],
  // 即办 matters may finish or be returned straight after acceptance.
  accepted: ['reviewing', 'completed', 'returned'],
  reviewing: ['completed', 'returned'],
  completed: [],
  returned: [],
};

/**
 * The statuses a matter passes through to get from `from` to `to` (shortest, forward only), so news that
 * skips a step (a 即办 case answered 办结 at once) still leaves a complete timeline; [] when it is already
 * there, null when `to` is not ahead of `from` (late or out-of-order news).
 */
export function progressPath(from: MatterStatus, to: MatterStatus): MatterStatus[] | null {
  if (from === to) return [];
  const queue: MatterStatus[][] = [[from]];
  while (queue.length) {
    const path = queue.shift()!;
    for (const next of NEXT[path[path.length - 1]]) {
      if (next === to) return [...path.slice(1), next];
      queue.push([...path, next]);
    }
  }
  return null;
}

export type OverallStatus = 'processing' | 'completed' | 'returned';

export const OVERALL_STATUSES: readonly CodeItem<OverallStatus>[] = [
  { code: 'processing', label: '办理中' },
  { code: 'completed', label: '已办结' },
  { code: 'returned', label: '部分退回' },
];

/** The application's status for the employer: any returned matter needs their action first. */
export function overallStatus(statuses: readonly MatterStatus[]): OverallStatus {
  if (statuses.includes('returned')) return 'returned';
  if (statuses.length > 0 && statuses.every((status) => status === 'completed')) return 'completed';
  return 'processing';
}

/** The due date of a matter accepted on `acceptedOn` on the given calendar, and whether it is 预计. */
export function matterDueDateOf(
  calendar: WorkingDayCalendar,
  matter: MatterCode,
  acceptedOn: IsoDate,
): DueDate {
  const limit = MATTERS.find((item) => item.code === matter);
  if (!limit) throw new RangeError(`未知事项：${matter}`);
  return calendar.dueDateOf(acceptedOn, limit.workingDays);
}

/** The due date of a matter accepted on `acceptedOn` on the given calendar (即办 or N 个工作日). */
export function matterDueDateIn(
  calendar: WorkingDayCalendar,
  matter: MatterCode,
  acceptedOn: IsoDate,
): IsoDate {
  return matterDueDateOf(calendar, matter, acceptedOn).dueDate;
}

/** The due date of a matter accepted on `acceptedDate`, on the default calendar. */
export function matterDueDate(acceptedDate: IsoDate, matter: MatterCode): IsoDate {
  return matterDueDateIn(defaultWorkingDayCalendar, matter, acceptedDate);
}
