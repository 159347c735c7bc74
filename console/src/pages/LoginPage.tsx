// Before login: the console signs staff in through the identity provider (统一身份认证); accounts, roles
// and counties are managed there, not here.
// A failed login comes back to /login?error=CODE (the bff's callback; texts in shared).
import { STAFF_LOGIN_ERROR_PATH, STAFF_LOGIN_ERRORS } from '@hiring/shared';
import { currentPath, useSession } from '../session/SessionContext';

export function LoginPage({ reason }: { reason?: string }) {
  const { login } = useSession();
  const onLoginPath = location.pathname === STAFF_LOGIN_ERROR_PATH;
  const returnTo = onLoginPath ? '/' : currentPath();
  const code = onLoginPath ? new URLSearchParams(location.search).get('error') : null;
  const failure = code
    ? (STAFF_LOGIN_ERRORS[code as keyof typeof STAFF_LOGIN_ERRORS] ?? '登录未完成，请重新登录')
    : null;
  return (
    <div className="login-page">
      <div className="login-card">
        <h1>员工招聘一件事</h1>
        <p className="login-sub">工作人员控制台 · 一窗受理、监督与管理</p>
        {reason && <p className="notice">{reason}</p>}
        {failure && (
          <p className="notice notice-warn" role="alert" data-testid="login-error">
            {failure}
          </p>
        )}
        <button type="button" className="primary big" onClick={() => login(returnTo)} data-testid="login">
          统一身份认证登录
        </button>
        <p className="hint">窗口人员、监督人员与管理员的账号由统一身份认证平台管理。</p>
      </div>
    </div>
  );
}
