// One application as a clerk sees it: each matter's progress, due date (预计 on a provisional year), what an
// agency returned and why, who the hires are (ID numbers masked), and the two documents to print.
import { dueByLabel } from '@hiring/shared';
import { ReturnReasons, StaffApplicationPage } from '../../components/StaffApplication';
import { Table } from '../../components/Table';
import { PrintButtons } from './PrintButtons';

export default function ApplicationPage() {
  return (
    <StaffApplicationPage
      role="clerk"
      back={{ to: '/clerk/search', label: '办件查询' }}
      summary={(a) => <PrintButtons applicationId={a.id} />}
    >
      {(a) => (
        <div className="panel">
          <h2>办理事项</h2>
          <Table columns={['事项', '部门', '时限', '状态', '办理期限']} testId="application-matters">
            {a.matters.map((m) => (
              <tr key={m.matter} data-testid={`matter-${m.matter}`}>
                <td>
                  {m.label}
                  <ReturnReasons reasons={m.reasons} />
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
          </Table>
        </div>
      )}
    </StaffApplicationPage>
  );
}
