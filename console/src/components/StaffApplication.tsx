// One application as staff see it, the page the clerk's and the supervisor's share: the bff's view (the
// same for both roles, scoped and audited by it), its heading and summary line, the reasons of a return,
// and the hires (ID numbers masked; names masked too for the supervisor). Each role shows the matters.
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { call } from '../api/http';
import { dateTime } from './format';
import { Loaded } from './Status';
import { Table } from './Table';
import { useApi } from './useApi';

/** The fields of the bff's application detail the pages show (the route declares it as an object). */
export interface StaffApplication {
  id: string;
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

const DETAIL_PATHS = {
  clerk: '/api/v1/staff/clerk/applications/{id}',
  supervisor: '/api/v1/staff/supervisor/applications/{id}',
} as const;

/**
 * The page of one application (the address's `:id`) through the role's own route: crumbs back to the list
 * it was opened from, the summary (and `summary`'s addition under it), the matters as `children` shows
 * them, the hires (`employeesNote` after their count).
 */
export function StaffApplicationPage({
  role,
  back,
  summary,
  employeesNote = '',
  children,
}: {
  role: keyof typeof DETAIL_PATHS;
  back: { to: string; label: string };
  summary(application: StaffApplication): ReactNode;
  employeesNote?: string;
  children(application: StaffApplication): ReactNode;
}) {
  const id = useParams().id ?? '';
  const detail = useApi(
    async (signal) =>
      (await call('get', DETAIL_PATHS[role], { path: { id }, signal })) as unknown as StaffApplication,
    [role, id],
  );
  return (
    <section>
      <p className="crumbs">
        <Link to={back.to}>{back.label}</Link> / 办件
      </p>
      <Loaded state={detail}>
        {(a) => (
          <>
            <h1 data-testid="application-code">办件 {a.code}</h1>
            <div className="panel">
              <p>
                {a.unitName}（{a.uscc}），{a.channel === 'window' ? '窗口受理' : '小程序申报'}，
                {dateTime(a.submittedAt)} 提交，<b data-testid="application-status">{a.statusLabel}</b>
              </p>
              {summary(a)}
            </div>
            {children(a)}
            <div className="panel">
              <h2>
                员工（{a.employees.length} 人{employeesNote}）
              </h2>
              <Table columns={['姓名', '身份证号码']} testId="employees">
                {a.employees.map((e, i) => (
                  <tr key={e.key ?? i}>
                    <td>{e.name}</td>
                    <td>{e.idNumber}</td>
                  </tr>
                ))}
              </Table>
            </div>
          </>
        )}
      </Loaded>
    </section>
  );
}

export function ReturnReasons({ reasons }: { reasons: StaffApplication['matters'][number]['reasons'] }) {
  if (reasons.length === 0) return null;
  return (
    <ul className="plain small">
      {reasons.map((r, i) => (
        <li key={i}>
          退回原因：{r.message}（{r.advice}）
        </li>
      ))}
    </ul>
  );
}
