// One application as 政务服务管理局 sees it when following up an overdue matter: each matter's time limit,
// due date and whether it is overdue, its whole timeline (when it went to the agency, was accepted, returned,
// 办结) and the reasons of a return. Hires are masked (姓名 and 身份证号); the bff audits the view.
import { Link, useParams } from 'react-router';
import { dueByLabel } from '@hiring/shared';
import { call } from '../../api/http';
import { useApi } from '../../components/useApi';
import { Loaded } from '../../components/Status';

/** The fields of the bff's application detail this page shows (the route declares it as an object). */
interface SupervisedApplication {
  code: string;
  unitName: string;
  uscc: string;
  county: string | null;
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
    attempt: number;
    dueDate: string | null;
    dueDateBasis: 'official' | 'provisional' | null;
    overdue: boolean;
    reasons: { code: string; message: string; advice: string }[];
    timeline: { at: string; statusLabel: string; note: string | null }[];
  }[];
}

const when = (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false });

export default function SupervisedApplicationPage() {
  const id = useParams().id ?? '';
  const detail = useApi(
    async (signal) =>
      (await call('get', '/api/v1/staff/supervisor/applications/{id}', {
        path: { id },
        signal,
      })) as unknown as SupervisedApplication,
    [id],
  );
  return (
    <section>
      <p className="crumbs">
        <Link to="/supervisor/dashboard">督查统计</Link> / 办件
      </p>
      <Loaded state={detail}>
        {(a) => (
          <>
            <h1 data-testid="application-code">办件 {a.code}</h1>
            <div className="panel">
              <p>
                {a.unitName}（{a.uscc}），{a.channel === 'window' ? '窗口受理' : '小程序申报'}，
                {when(a.submittedAt)} 提交，<b data-testid="application-status">{a.statusLabel}</b>
              </p>
              <p className="muted small">员工姓名与身份证号已脱敏；本次查看已记入审计日志。</p>
            </div>
            {a.matters.map((m) => (
              <div className="panel" key={m.matter} data-testid={`matter-${m.matter}`}>
                <h2>
                  {m.label}
                  <span className="muted small">
                    {' '}
                    {m.agencyLabel} · {m.timeLimit}
                    {m.attempt > 1 ? ` · 第 ${m.attempt} 次提交` : ''}
                  </span>
                </h2>
                <p>
                  {m.statusLabel}
                  {m.overdue && <span className="badge badge-error">已超期</span>}
                  {m.dueDate
                    ? `，${dueByLabel(m.dueDate, m.dueDateBasis)}`
                    : '，部门尚未受理（未确定办理期限）'}
                </p>
                {m.reasons.length > 0 && (
                  <ul className="plain small">
                    {m.reasons.map((r, i) => (
                      <li key={i}>
                        退回原因：{r.message}（{r.advice}）
                      </li>
                    ))}
                  </ul>
                )}
                <table className="table">
                  <thead>
                    <tr>
                      <th>时间</th>
                      <th>状态</th>
                      <th>说明</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.timeline.map((t, i) => (
                      <tr key={i}>
                        <td>{when(t.at)}</td>
                        <td>{t.statusLabel}</td>
                        <td>{t.note ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
            <div className="panel">
              <h2>员工（{a.employees.length} 人，已脱敏）</h2>
              <table className="table" data-testid="employees">
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
