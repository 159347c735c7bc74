// Shown over the page when a call answered 401 after login: the bff ended the session after inactivity.
// What was typed is kept in the tab (useStoredState), so logging in again returns to it.
import { useEffect, useRef } from 'react';
import { currentPath, useSession } from '../session/SessionContext';

export function SessionExpiredDialog() {
  const { state, login } = useSession();
  const button = useRef<HTMLButtonElement>(null);
  const expired = state.kind === 'signedIn' && state.expired;
  useEffect(() => {
    if (expired) button.current?.focus();
  }, [expired]);
  if (!expired) return null;
  return (
    <div className="overlay">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="expired-title"
        data-testid="session-expired"
      >
        <h2 id="expired-title">登录已超时</h2>
        <p>您已较长时间未操作，为保护办件中的个人信息，系统已自动退出登录。</p>
        <p>本页已填写的内容保存在本机浏览器中，重新登录后回到本页即可继续。</p>
        <button type="button" className="primary" ref={button} onClick={() => login(currentPath())}>
          重新登录
        </button>
      </div>
    </div>
  );
}
