// 办件查询: the clerk's county's applications by 办件编码, unit (name or credit code) or submission date.
import { Link } from 'react-router';
import { call } from '../../api/http';
import { useApi } from '../../components/useApi';
import { DateRangeFields, SearchForm, TextCriterion } from '../../components/forms';
import { dateTime } from '../../components/format';
import { PagedResults } from '../../components/Pager';
import { NotedCell, Table } from '../../components/Table';
import { useSearchQuery } from '../../components/useSearchQuery';

const FIELDS = ['code', 'unit', 'from', 'to'] as const;
const PAGE_SIZE = 20;

export default function SearchPage() {
  const { query, page, form, update, search, goToPage } = useSearchQuery(FIELDS);
  const results = useApi(
    (signal) =>
      call('get', '/api/v1/staff/clerk/applications', {
        query: { ...query, page, pageSize: PAGE_SIZE },
        signal,
      }),
    [query, page],
  );
  return (
    <section>
      <h1>办件查询</h1>
      <SearchForm name="search" onSearch={search}>
        <TextCriterion
          label="办件编码"
          value={form.code}
          onChange={(code) => update({ code: code.toUpperCase() })}
          placeholder="ZP…"
        />
        <TextCriterion
          label="单位名称或统一社会信用代码"
          value={form.unit}
          onChange={(unit) => update({ unit })}
          size={28}
        />
        <DateRangeFields label="提交日期" value={form} onChange={update} />
      </SearchForm>
      <PagedResults
        state={results}
        page={page}
        pageSize={PAGE_SIZE}
        unit="件"
        empty="没有符合条件的办件（只显示本区县的办件）。"
        onPage={goToPage}
      >
        {(items) => (
          <Table columns={['办件编码', '单位', '渠道', '员工', '状态', '提交时间']} testId="search-results">
            {items.map((a) => (
              <tr key={a.id} data-testid={`result-${a.code}`}>
                <td>
                  <Link to={`/clerk/applications/${a.id}`}>{a.code}</Link>
                </td>
                <NotedCell note={a.uscc}>{a.unitName}</NotedCell>
                <td>{a.channel === 'window' ? '窗口受理' : '小程序'}</td>
                <td className="num">{a.employeeCount}</td>
                <td>
                  {a.statusLabel}
                  {a.overdueCount > 0 && <span className="badge badge-error">超期 {a.overdueCount} 项</span>}
                </td>
                <td>{dateTime(a.submittedAt)}</td>
              </tr>
            ))}
          </Table>
        )}
      </PagedResults>
    </section>
  );
}
