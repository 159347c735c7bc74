// Loads data for a page: loading, the error (with a retry) and the data, reloaded when `deps` change.
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): void;
}

export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const latestLoad = useRef(load);
  latestLoad.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    latestLoad
      .current(controller.signal)
      .then((value) => !controller.signal.aborted && setData(value))
      .catch((e: unknown) => !controller.signal.aborted && setError(e as Error))
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
    // `deps` is the caller's list: eslint checks it against `load` where useApi is called (additionalHooks).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload };
}
