// One application as 政务服务管理局 sees it when following up an overdue matter: each matter's time limit,
// due date and whether it is overdue, its whole timeline (when it went to the agency, was accepted, returned,
// 办结) and the reasons of a return. Hires are masked (姓名 and 身份证号); the bff audits the view.
import { dueByLabel } from '@hiring/shared';
import { ReturnReasons, StaffApplicationPage } from '../../components/StaffApplication';
import { dateTime } from '../../components/format';
import { Table } from '../../components/Table';

export default function SupervisedApplicationPage() {
  return (
    <StaffApplicationPage
      role="supervisor"
      back={{ to: '/supervisor/dashboard', label: '督查统计' }}
      summary={() => <p className="muted small">员工姓名与身份证号已脱敏；本次查看已记入审计日志。</p>}
      employeesNote="，已脱敏"
    >
      {(a) =>
        a.matters.map((m) => (
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
              {m.dueDate ? `，${dueByLabel(m.dueDate, m.dueDateBasis)}` : '，部门尚未受理（未确定办理期限）'}
            </p>
            <ReturnReasons reasons={m.reasons} />
            <Table columns={['时间', '状态', '说明']}>
              {m.timeline.map((t, i) => (
                <tr key={i}>
                  <td>{dateTime(t.at)}</td>
                  <td>{t.statusLabel}</td>
                  <td>{t.note ?? ''}</td>
                </tr>
              ))}
            </Table>
          </div>
        ))
      }
    </StaffApplicationPage>
  );
}
