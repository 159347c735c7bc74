// The console's data tables: one header row from the column titles, the page's rows as children, and the
// cell that puts a smaller second line (a credit code, an agency, a county) under its value.
import type { ReactNode } from 'react';

/** A column title ('' over a column of buttons); a numeric column is right-aligned with tabular figures, like its cells. */
export type Column = string | { title: string; numeric: true };

export function Table({
  columns,
  testId,
  children,
}: {
  columns: readonly Column[];
  testId?: string;
  children: ReactNode;
}) {
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column, i) => {
            const { title, numeric: figures } =
              typeof column === 'string' ? { title: column, numeric: false } : column;
            return (
              <th key={i} className={figures ? 'num' : undefined}>
                {title}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** `title` right-aligned, for a column of figures. */
export const numeric = (title: string): Column => ({ title, numeric: true });

/** A cell with its value and, under it, a muted smaller note. */
export function NotedCell({ note, children }: { note: ReactNode; children: ReactNode }) {
  return (
    <td>
      {children}
      <div className="muted small">{note}</div>
    </td>
  );
}
