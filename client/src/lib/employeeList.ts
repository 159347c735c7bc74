// The hires list of step ③: search by name or ID number, and the ones still to complete first.
import type { DraftEmployee } from '../api/types';

export interface ListedHire {
  employee: DraftEmployee;
  /** Position in the draft: ids, review links and validation paths use it, whatever the order shown. */
  index: number;
  problems: number;
}

export function listHires(
  employees: readonly DraftEmployee[],
  problemsAt: (index: number) => number,
  { query = '', incompleteFirst = false }: { query?: string; incompleteFirst?: boolean },
): ListedHire[] {
  const q = query.replace(/\s+/g, '').toUpperCase();
  const rows = employees
    .map((employee, index) => ({ employee, index, problems: problemsAt(index) }))
    .filter(
      ({ employee }) =>
        !q || (employee.name ?? '').includes(q) || (employee.idNumber ?? '').toUpperCase().includes(q),
    );
  // Stable: within each group the order stays the order of entry.
  return incompleteFirst
    ? [...rows.filter((r) => r.problems > 0), ...rows.filter((r) => r.problems === 0)]
    : rows;
}
