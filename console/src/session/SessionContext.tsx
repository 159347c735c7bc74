// Who is signed in (GET /staff/me), and what happens when the session ends: before login the login page;
// after a 401 mid-work (the bff ends sessions after inactivity) a dialog says so in Chinese and sends the
// user to the identity provider again, back to the same page. Forms keep what was typed in sessionStorage
// (useStoredState), which survives that round trip in the same tab.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, call, LOGIN_PATH, logout as endSession, onActivity, onUnauthorized } from '../api/http';
import type { StaffMember } from './roles';

type SessionState =
  | { kind: 'loading' }
  | { kind: 'signedOut'; reason?: string }
  | { kind: 'signedIn'; staff: StaffMember; expired: boolean }
  | { kind: 'failed'; message: string };

interface Session {
  state: SessionState;
  login(returnTo?: string): void;
  logout(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in member; only for pages rendered behind the login. */
export function useStaff(): StaffMember {
  const { state } = useSession();
  if (state.kind !== 'signedIn') throw new Error('useStaff before login');
  return state.staff;
}

export const currentPath = () => `${location.pathname}${location.search}${location.hash}`;

export function loginUrl(returnTo: string): string {
  // Only a path of this console may be returned to (the bff checks it too).
  const safe = returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
  return `${LOGIN_PATH}?returnTo=${encodeURIComponent(safe)}`;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    call('get', '/api/v1/staff/me', { signal: controller.signal })
      .then((staff) => setState({ kind: 'signedIn', staff, expired: false }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) setState({ kind: 'signedOut' });
        else setState({ kind: 'failed', message: (error as Error).message });
      });
    return () => controller.abort();
  }, [attempt]);

  useEffect(
    () =>
      onUnauthorized(() =>
        setState((current) => (current.kind === 'signedIn' ? { ...current, expired: true } : current)),
      ),
    [],
  );

  // The bff ends a session after a stretch without requests (sessionExpiresAt, slid by each request): the
  // console counts the same stretch from the last answered request and says so before the next click.
  // Keyed on the login's expiry, not on every render: later renders must not re-arm from a shorter remainder.
  const expiresAt = state.kind === 'signedIn' ? state.staff.sessionExpiresAt : undefined;
  useEffect(() => {
    const idleMs = expiresAt ? Date.parse(expiresAt) - Date.now() : NaN;
    if (!(idleMs > 0)) return;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => setState((current) => (current.kind === 'signedIn' ? { ...current, expired: true } : current)),
        idleMs + 5000,
      );
    };
    arm();
    const stop = onActivity(arm);
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [expiresAt]);

  const login = useCallback((returnTo: string = currentPath()) => location.assign(loginUrl(returnTo)), []);
  const logout = useCallback(async () => {
    await endSession();
    sessionStorage.clear();
    setState({ kind: 'signedOut', reason: '您已退出登录。' });
  }, []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return (
    <SessionContext.Provider value={{ state, login, logout, retry }}>{children}</SessionContext.Provider>
  );
}
