// A search's results a page at a time: nothing found, else the count and page, the page's table, and
// 上一页 / 下一页 (shown only where there is a page to go to).
import type { ReactNode } from 'react';
import { Empty, Loaded } from './Status';
import type { Loaded as LoadedState } from './useApi';

export function PagedResults<T>({
  state,
  page,
  pageSize,
  unit,
  empty,
  onPage,
  children,
}: {
  state: LoadedState<{ items: T[]; total: number }>;
  page: number;
  pageSize: number;
  /** What the count counts: 件, 条. */
  unit: string;
  empty: ReactNode;
  onPage(page: number): void;
  children(items: T[]): ReactNode;
}) {
  return (
    <Loaded state={state}>
      {({ items, total }) =>
        items.length === 0 ? (
          <Empty>{empty}</Empty>
        ) : (
          <>
            <p className="muted">
              共 {total} {unit}，第 {page} 页
            </p>
            {children(items)}
            <Pager page={page} pageSize={pageSize} total={total} onPage={onPage} />
          </>
        )
      }
    </Loaded>
  );
}

function Pager({
  page,
  pageSize,
  total,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
}) {
  return (
    <div className="actions">
      {page > 1 && (
        <button type="button" onClick={() => onPage(page - 1)}>
          上一页
        </button>
      )}
      {page * pageSize < total && (
        <button type="button" onClick={() => onPage(page + 1)}>
          下一页
        </button>
      )}
    </div>
  );
}
