// 审计日志: who looked at or changed what, searchable by staff account, kind of action and date, newest
// first, a page at a time. Each search is itself recorded by the bff.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { AUDIT_ACTIONS } from '@hiring/shared';
import { call } from '../../api/http';
import { useApi } from '../../components/useApi';
import { Empty, Loaded } from '../../components/Status';

const FIELDS = ['actor', 'action', 'from', 'to'] as const;
type Query = Partial<Record<(typeof FIELDS)[number], string>>;
const PAGE_SIZE = 20;

export default function AuditPage() {
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
      call('get', '/api/v1/staff/supervisor/audit', {
        query: { ...query, action: query.action as never, page, pageSize: PAGE_SIZE },
        signal,
      }),
    [query, page],
  );
  return (
    <section>
      <h1>审计日志</h1>
      <form
        className="inline-form panel"
        data-testid="audit-form"
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
          工作人员账号
          <input
            value={form.actor ?? ''}
            onChange={(e) => setForm({ ...form, actor: e.target.value })}
            data-testid="audit-actor"
          />
        </label>
        <label>
          操作类型
          <select
            value={form.action ?? ''}
            onChange={(e) => setForm({ ...form, action: e.target.value })}
            data-testid="audit-action"
          >
            <option value="">全部</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a.code} value={a.code}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          日期 自
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
        <button type="submit" className="primary" data-testid="audit-submit">
          查询
        </button>
      </form>
      <Loaded state={results}>
        {({ items, total }) =>
          items.length === 0 ? (
            <Empty>没有符合条件的记录。</Empty>
          ) : (
            <>
              <p className="muted">
                共 {total} 条，第 {page} 页
              </p>
              <table className="table" data-testid="audit-results">
                <thead>
                  <tr>
                    <th>时间</th>
                    <th>操作人</th>
                    <th>操作</th>
                    <th>对象</th>
                    <th>结果</th>
                    <th>细节</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((r, i) => (
                    <tr key={`${r.at}-${i}`}>
                      <td>{new Date(r.at).toLocaleString('zh-CN', { hour12: false })}</td>
                      <td>
                        {r.actorId}
                        <div className="muted small">
                          {[r.actorKindLabel, r.actorRoleLabel, r.actorCountyLabel]
                            .filter(Boolean)
                            .join(' · ')}
                        </div>
                      </td>
                      <td>{r.actionLabel}</td>
                      <td>{r.subject || '—'}</td>
                      <td>
                        <span className={`badge ${r.outcome === 'ok' ? 'badge-ok' : 'badge-warn'}`}>
                          {r.outcomeLabel}
                        </span>
                      </td>
                      <td className="small">{[r.purpose, r.detail].filter(Boolean).join('；') || '—'}</td>
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
                {page * PAGE_SIZE < total && (
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
