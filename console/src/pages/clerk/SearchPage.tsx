// 办件查询: the clerk's county's applications by 办件编码, unit (name or credit code) or submission date.
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { call } from '../../api/http';
import { useApi } from '../../components/useApi';
import { Empty, Loaded } from '../../components/Status';

const FIELDS = ['code', 'unit', 'from', 'to'] as const;
type Query = Partial<Record<(typeof FIELDS)[number], string>>;

export default function SearchPage() {
  const [params, setParams] = useSearchParams();
  // One object per URL (useSearchParams keeps `params` while the URL stays): the search reloads on a new one.
  const query: Query = useMemo(
    () => Object.fromEntries(FIELDS.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : []))),
    [params],
  );
  const page = Number(params.get('page') ?? '1') || 1;
  const [form, setForm] = useState<Query>(query);
  const results = useApi(
    (signal) =>
      call('get', '/api/v1/staff/clerk/applications', { query: { ...query, page, pageSize: 20 }, signal }),
    [query, page],
  );
  return (
    <section>
      <h1>办件查询</h1>
      <form
        className="inline-form panel"
        data-testid="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(
            Object.fromEntries(
              Object.entries(form)
                .filter(([, v]) => v && v.trim())
                .map(([k, v]) => [k, v!.trim()]),
            ),
          );
        }}
      >
        <label>
          办件编码
          <input
            value={form.code ?? ''}
            onChange={(e) => setForm({ ...form, code: e.target.value.toUpperCase() })}
            placeholder="ZP…"
          />
        </label>
        <label>
          单位名称或统一社会信用代码
          <input
            value={form.unit ?? ''}
            onChange={(e) => setForm({ ...form, unit: e.target.value })}
            size={28}
          />
        </label>
        <label>
          提交日期 自
          <input
            type="date"
            value={form.from ?? ''}
            onChange={(e) => setForm({ ...form, from: e.target.value })}
          />
        </label>
        <label>
          至
          <input
            type="date"
            value={form.to ?? ''}
            onChange={(e) => setForm({ ...form, to: e.target.value })}
          />
        </label>
        <button type="submit" className="primary" data-testid="search-submit">
          查询
        </button>
      </form>
      <Loaded state={results}>
        {({ items, total, pageSize }) =>
          items.length === 0 ? (
            <Empty>没有符合条件的办件（只显示本区县的办件）。</Empty>
          ) : (
            <>
              <p className="muted">
                共 {total} 件，第 {page} 页
              </p>
              <table className="table" data-testid="search-results">
                <thead>
                  <tr>
                    <th>办件编码</th>
                    <th>单位</th>
                    <th>渠道</th>
                    <th>员工</th>
                    <th>状态</th>
                    <th>提交时间</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((a) => (
                    <tr key={a.id} data-testid={`result-${a.code}`}>
                      <td>
                        <Link to={`/clerk/applications/${a.id}`}>{a.code}</Link>
                      </td>
                      <td>
                        {a.unitName}
                        <div className="muted small">{a.uscc}</div>
                      </td>
                      <td>{a.channel === 'window' ? '窗口受理' : '小程序'}</td>
                      <td className="num">{a.employeeCount}</td>
                      <td>
                        {a.statusLabel}
                        {a.overdueCount > 0 && (
                          <span className="badge badge-error">超期 {a.overdueCount} 项</span>
                        )}
                      </td>
                      <td>{new Date(a.submittedAt).toLocaleString('zh-CN')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="actions">
                {page > 1 && (
                  <button type="button" onClick={() => setParams({ ...query, page: String(page - 1) })}>
                    上一页
                  </button>
                )}
                {page * pageSize < total && (
                  <button type="button" onClick={() => setParams({ ...query, page: String(page + 1) })}>
                    下一页
                  </button>
                )}
              </div>
            </>
          )
        }
      </Loaded>
    </section>
  );
}
