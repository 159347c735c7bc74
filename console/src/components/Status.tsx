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

/** What a save just did, in green, until the next one. */
export function SavedNotice({ message, testId }: { message: string | undefined; testId: string }) {
  if (!message) return null;
  return (
    <p className="notice notice-ok" role="status" data-testid={testId}>
      {message}
    </p>
  );
}

/**
 * Why a form was not saved: the problems found before sending (or the bff's, from the last error's
 * details), else the last error itself.
 */
export function FormProblems({
  problems,
  error,
  title,
  testId,
}: {
  problems: readonly string[];
  error: Error | undefined;
  title?: string;
  testId: string;
}) {
  const shown = problems.length ? problems : problemsOf(error);
  if (shown.length === 0) return error ? <ErrorBox error={error} /> : null;
  return (
    <div className="status status-error" role="alert" data-testid={testId}>
      {title && <p>{title}</p>}
      <ul>
        {shown.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

/** The bff's per-field problems of a refused request, none for any other error. */
const problemsOf = (error: Error | undefined): string[] =>
  error instanceof ApiError ? error.details.map((d) => d.message) : [];
