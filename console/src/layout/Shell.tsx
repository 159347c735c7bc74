// The frame of every signed-in page: who is signed in (role, county), the role's navigation, the page, and
// the dialog that appears when the session has expired.
import { NavLink, Outlet } from 'react-router';
import { SHANGRAO_COUNTIES } from '@hiring/shared';
import { useSession, useStaff } from '../session/SessionContext';
import { NAVIGATION, roleLabel } from '../session/roles';
import { SessionExpiredDialog } from './SessionExpiredDialog';

export const countyName = (code: string | undefined) =>
  code ? (SHANGRAO_COUNTIES[code] ?? `区县 ${code}`) : '全市';

export function Shell() {
  const staff = useStaff();
  const { logout } = useSession();
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          员工招聘一件事<span className="brand-sub">工作人员控制台</span>
        </div>
        <div className="who" data-testid="who">
          <span className="who-name">{staff.name}</span>
          <span className="badge">{roleLabel(staff.role)}</span>
          <span className="who-county">{staff.role === 'admin' ? '' : countyName(staff.county)}</span>
          <button type="button" className="link-button" onClick={() => void logout()} data-testid="logout">
            退出登录
          </button>
        </div>
      </header>
      <div className="body">
        <nav className="sidebar" aria-label="功能导航">
          {NAVIGATION[staff.role].map((item) => (
            <NavLink key={item.to} to={item.to} className="nav-item">
              {item.label}
            </NavLink>
          ))}
        </nav>
        <main className="content">
          <Outlet />
        </main>
      </div>
      <SessionExpiredDialog />
    </div>
  );
}
