// One application as a clerk sees it: each matter's progress, due date (预计 on a provisional year), what an
// agency returned and why, who the hires are (ID numbers masked), and the two documents to print.
import { Link, useParams } from 'react-router';
import { dueByLabel } from '@hiring/shared';
import { call } from '../../api/http';
import { useApi } from '../../components/useApi';
import { Loaded } from '../../components/Status';
import { PrintButtons } from './PrintButtons';

/** The fields of the bff's application detail the page shows (the route declares it as an object). */
interface ApplicationView {
  id: string;
  code: string;
  unitName: string;
  uscc: string;
  channel: 'online' | 'window';
  statusLabel: string;
  submittedAt: string;
  employees: { key: string | null; name: string; idNumber: string }[];
  matters: {
    matter: string;
    label: string;
    agencyLabel: string;
    timeLimit: string;
    statusLabel: string;
    dueDate: string | null;
    dueDateBasis: 'official' | 'provisional' | null;
    overdue: boolean;
    reasons: { code: string; message: string; advice: string }[];
    timeline: { at: string; statusLabel: string; note: string | null }[];
  }[];
}

export default function ApplicationPage() {
  const id = useParams().id ?? '';
  const detail = useApi(
    async (signal) =>
      (await call('get', '/api/v1/staff/clerk/applications/{id}', {
        path: { id },
        signal,
      })) as unknown as ApplicationView,
    [id],
  );
  return (
    <section>
      <p className="crumbs">
        <Link to="/clerk/search">办件查询</Link> / 办件
      </p>
      <Loaded state={detail}>
        {(a) => (
          <>
            <h1 data-testid="application-code">办件 {a.code}</h1>
            <div className="panel">
              <p>
                {a.unitName}（{a.uscc}），{a.channel === 'window' ? '窗口受理' : '小程序申报'}，
                {new Date(a.submittedAt).toLocaleString('zh-CN')} 提交，
                <b data-testid="application-status">{a.statusLabel}</b>
              </p>
              <PrintButtons applicationId={a.id} />
            </div>
            <div className="panel">
              <h2>办理事项</h2>
              <table className="table" data-testid="application-matters">
                <thead>
                  <tr>
                    <th>事项</th>
                    <th>部门</th>
                    <th>时限</th>
                    <th>状态</th>
                    <th>办理期限</th>
                  </tr>
                </thead>
                <tbody>
                  {a.matters.map((m) => (
                    <tr key={m.matter} data-testid={`matter-${m.matter}`}>
                      <td>
                        {m.label}
                        {m.reasons.length > 0 && (
                          <ul className="plain small">
                            {m.reasons.map((r, i) => (
                              <li key={i}>
                                退回原因：{r.message}（{r.advice}）
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td>{m.agencyLabel}</td>
                      <td>{m.timeLimit}</td>
                      <td>
                        {m.statusLabel}
                        {m.overdue && <span className="badge badge-error">已超期</span>}
                      </td>
                      <td>{m.dueDate ? dueByLabel(m.dueDate, m.dueDateBasis) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="panel">
              <h2>员工（{a.employees.length} 人）</h2>
              <table className="table">
                <thead>
                  <tr>
                    <th>姓名</th>
                    <th>身份证号码</th>
                  </tr>
                </thead>
                <tbody>
                  {a.employees.map((e, i) => (
                    <tr key={e.key ?? i}>
                      <td>{e.name}</td>
                      <td>{e.idNumber}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Loaded>
    </section>
  );
}
