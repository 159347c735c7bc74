// The states every page shows the same way: loading, an error with a retry, nothing found.
import type { ReactNode } from 'react';
import { ApiError } from '../api/http';

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <div className="status status-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {text}
    </div>
  );
}

export function ErrorBox({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div className="status status-error" role="alert" data-testid="error">
      <p>{error.message}</p>
      {details.length > 0 && (
        <ul>
          {details.map((d, i) => (
            <li key={i}>{d.message}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="status status-empty" data-testid="empty">
      {children}
    </div>
  );
}

/** Loading / error / content, for a page section fed by useApi. */
export function Loaded<T>({
  state,
  children,
}: {
  state: { data: T | undefined; error: Error | undefined; loading: boolean; reload(): void };
  children: (data: T) => ReactNode;
}) {
  // Retrying helps after a network or server failure, not after a refusal or a missing object.
  const retryable =
    !(state.error instanceof ApiError) || state.error.status === 0 || state.error.status >= 500;
  if (state.error) return <ErrorBox error={state.error} onRetry={retryable ? state.reload : undefined} />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}
