// 退回补正: the county's matters an agency returned, with the reasons and what the unit should do, and a
// record that the window told the unit (the agency's decision itself stays as it is).
import { Link } from 'react-router';
import { call } from '../../api/http';
import { useApi } from '../../components/useApi';
import { Empty, ErrorBox, Loaded } from '../../components/Status';
import { dateTime } from '../../components/format';
import { NotedCell, Table } from '../../components/Table';
import { useAction } from '../../components/useAction';

export default function ReturnsPage() {
  const list = useApi(
    (signal) => call('get', '/api/v1/staff/clerk/returns', { query: { pageSize: 50 }, signal }),
    [],
  );
  const { error, run } = useAction();
  const handBack = (applicationId: string, matter: string) =>
    run(async () => {
      await call('post', '/api/v1/staff/clerk/applications/{id}/matters/{matter}/handed-back', {
        path: { id: applicationId, matter: matter as never },
        body: {},
      });
      list.reload();
    });
  return (
    <section>
      <h1>退回补正</h1>
      <p className="lead">
        各部门退回、待单位补正的事项。请将退回原因告知单位，单位可在小程序中补正或到窗口办理。
      </p>
      {error && <ErrorBox error={error} />}
      <Loaded state={list}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>本区县目前没有被退回的事项。</Empty>
          ) : (
            <Table columns={['办件', '事项', '退回原因', '退回时间', '告知单位']} testId="returns">
              {items.map((r) => (
                <tr key={`${r.applicationId}-${r.matter}`}>
                  <NotedCell note={r.unitName}>
                    <Link to={`/clerk/applications/${r.applicationId}`}>{r.code}</Link>
                  </NotedCell>
                  <NotedCell note={r.agencyLabel}>{r.label}</NotedCell>
                  <td>
                    <ul className="plain">
                      {r.reasons.map((reason, i) => (
                        <li key={i}>
                          {reason.label}：{reason.message} <span className="muted">（{reason.advice}）</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{r.returnedAt ? dateTime(r.returnedAt) : '—'}</td>
                  <td>
                    {r.handedBackAt ? (
                      `已告知（${dateTime(r.handedBackAt)}）`
                    ) : (
                      <button type="button" onClick={() => void handBack(r.applicationId, r.matter)}>
                        已当面告知单位
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          )
        }
      </Loaded>
    </section>
  );
}
