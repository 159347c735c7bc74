// 审计日志: who looked at or changed what, searchable by staff account, kind of action and date, newest
// first, a page at a time. Each search is itself recorded by the bff.
import { AUDIT_ACTIONS } from '@hiring/shared';
import { call } from '../../api/http';
import { useApi } from '../../components/useApi';
import { CodeOptions } from '../../components/fields';
import { DateRangeFields, SearchForm, TextCriterion } from '../../components/forms';
import { dateTime } from '../../components/format';
import { PagedResults } from '../../components/Pager';
import { NotedCell, Table } from '../../components/Table';
import { useSearchQuery } from '../../components/useSearchQuery';

const FIELDS = ['actor', 'action', 'from', 'to'] as const;
const PAGE_SIZE = 20;

export default function AuditPage() {
  const { query, page, form, update, search, goToPage } = useSearchQuery(FIELDS);
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
      <SearchForm name="audit" onSearch={search}>
        <TextCriterion
          label="工作人员账号"
          value={form.actor}
          onChange={(actor) => update({ actor })}
          data-testid="audit-actor"
        />
        <label>
          操作类型
          <select
            value={form.action ?? ''}
            onChange={(e) => update({ action: e.target.value })}
            data-testid="audit-action"
          >
            <CodeOptions options={AUDIT_ACTIONS} none="全部" />
          </select>
        </label>
        <DateRangeFields label="日期" value={form} onChange={update} />
      </SearchForm>
      <PagedResults
        state={results}
        page={page}
        pageSize={PAGE_SIZE}
        unit="条"
        empty="没有符合条件的记录。"
        onPage={goToPage}
      >
        {(items) => (
          <Table columns={['时间', '操作人', '操作', '对象', '结果', '细节']} testId="audit-results">
            {items.map((r, i) => (
              <tr key={`${r.at}-${i}`}>
                <td>{dateTime(r.at)}</td>
                <NotedCell
                  note={[r.actorKindLabel, r.actorRoleLabel, r.actorCountyLabel].filter(Boolean).join(' · ')}
                >
                  {r.actorId}
                </NotedCell>
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
          </Table>
        )}
      </PagedResults>
    </section>
  );
}
