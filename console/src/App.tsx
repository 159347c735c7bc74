// Routes: the login, then per role its page group (each group a chunk of its own, loaded on first use).
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Shell } from './layout/Shell';
import { ErrorBox, Loading } from './components/Status';
import { useSession } from './session/SessionContext';
import { homeOf, type StaffRole } from './session/roles';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';

const CalendarPage = lazy(() => import('./pages/admin/CalendarPage'));
const CalendarYearPage = lazy(() => import('./pages/admin/CalendarYearPage'));
const FiguresPage = lazy(() => import('./pages/admin/FiguresPage'));
const WalkInPage = lazy(() => import('./pages/clerk/WalkInPage'));
const AuthorityPage = lazy(() => import('./pages/clerk/AuthorityPage'));
const SearchPage = lazy(() => import('./pages/clerk/SearchPage'));
const ApplicationPage = lazy(() => import('./pages/clerk/ApplicationPage'));
const ReturnsPage = lazy(() => import('./pages/clerk/ReturnsPage'));
const DashboardPage = lazy(() => import('./pages/supervisor/DashboardPage'));
const SupervisedApplicationPage = lazy(() => import('./pages/supervisor/ApplicationPage'));
const AuditPage = lazy(() => import('./pages/supervisor/AuditPage'));

function Page({ roles, children }: { roles: StaffRole[]; children: ReactNode }) {
  const { state } = useSession();
  if (state.kind !== 'signedIn') return null;
  if (!roles.includes(state.staff.role)) return <NotFoundPage forbidden />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export function App() {
  const { state, retry } = useSession();
  if (state.kind === 'loading') return <Loading text="正在确认登录状态…" />;
  if (state.kind === 'failed')
    return (
      <div className="login-page">
        <ErrorBox error={new Error(`无法确认登录状态：${state.message}`)} onRetry={retry} />
      </div>
    );
  if (state.kind === 'signedOut') return <LoginPage reason={state.reason} />;
  const home = homeOf(state.staff.role);
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<Navigate to={home} replace />} />
        <Route path="login" element={<Navigate to={home} replace />} />
        <Route
          path="admin/calendar"
          element={
            <Page roles={['admin']}>
              <CalendarPage />
            </Page>
          }
        />
        <Route
          path="admin/calendar/:year"
          element={
            <Page roles={['admin']}>
              <CalendarYearPage />
            </Page>
          }
        />
        <Route
          path="admin/figures"
          element={
            <Page roles={['admin']}>
              <FiguresPage />
            </Page>
          }
        />
        <Route
          path="clerk/walk-in"
          element={
            <Page roles={['clerk']}>
              <WalkInPage />
            </Page>
          }
        />
        <Route
          path="clerk/authorities"
          element={
            <Page roles={['clerk']}>
              <AuthorityPage />
            </Page>
          }
        />
        <Route
          path="clerk/search"
          element={
            <Page roles={['clerk']}>
              <SearchPage />
            </Page>
          }
        />
        <Route
          path="clerk/applications/:id"
          element={
            <Page roles={['clerk']}>
              <ApplicationPage />
            </Page>
          }
        />
        <Route
          path="clerk/returns"
          element={
            <Page roles={['clerk']}>
              <ReturnsPage />
            </Page>
          }
        />
        <Route
          path="supervisor/dashboard"
          element={
            <Page roles={['supervisor']}>
              <DashboardPage />
            </Page>
          }
        />
        <Route
          path="supervisor/applications/:id"
          element={
            <Page roles={['supervisor']}>
              <SupervisedApplicationPage />
            </Page>
          }
        />
        <Route
          path="supervisor/audit"
          element={
            <Page roles={['supervisor']}>
              <AuditPage />
            </Page>
          }
        />
        <Route path="welcome" element={<NotFoundPage nothingYet />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
