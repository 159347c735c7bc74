// 上一页 / 下一页 under a paged list: shown only where there is a page to go to.
export function Pager({
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
