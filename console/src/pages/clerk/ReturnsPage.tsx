// 退回补正: the county's matters an agency returned, with the reasons and what the unit should do, and a
// record that the window told the unit (the agency's decision itself stays as it is).
import { useState } from 'react';
import { Link } from 'react-router';
import { call } from '../../api/http';
import { useApi } from '../../components/useApi';
import { Empty, ErrorBox, Loaded } from '../../components/Status';

export default function ReturnsPage() {
  const list = useApi(
    (signal) => call('get', '/api/v1/staff/clerk/returns', { query: { pageSize: 50 }, signal }),
    [],
  );
  const [error, setError] = useState<Error>();
  async function handBack(applicationId: string, matter: string) {
    setError(undefined);
    try {
      await call('post', '/api/v1/staff/clerk/applications/{id}/matters/{matter}/handed-back', {
        path: { id: applicationId, matter: matter as never },
        body: {},
      });
      list.reload();
    } catch (e) {
      setError(e as Error);
    }
  }
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
            <table className="table" data-testid="returns">
              <thead>
                <tr>
                  <th>办件</th>
                  <th>事项</th>
                  <th>退回原因</th>
                  <th>退回时间</th>
                  <th>告知单位</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={`${r.applicationId}-${r.matter}`}>
                    <td>
                      <Link to={`/clerk/applications/${r.applicationId}`}>{r.code}</Link>
                      <div className="muted small">{r.unitName}</div>
                    </td>
                    <td>
                      {r.label}
                      <div className="muted small">{r.agencyLabel}</div>
                    </td>
                    <td>
                      <ul className="plain">
                        {r.reasons.map((reason, i) => (
                          <li key={i}>
                            {reason.label}：{reason.message}{' '}
                            <span className="muted">（{reason.advice}）</span>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{r.returnedAt ? new Date(r.returnedAt).toLocaleString('zh-CN') : '—'}</td>
                    <td>
                      {r.handedBackAt ? (
                        `已告知（${new Date(r.handedBackAt).toLocaleString('zh-CN')}）`
                      ) : (
                        <button type="button" onClick={() => void handBack(r.applicationId, r.matter)}>
                          已当面告知单位
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}
