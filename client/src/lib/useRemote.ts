import { useCallback, useEffect, useRef, useState } from 'react';
import { ensureLoggedIn } from '../services';

/**
 * Loads something from the bff after login, again whenever `deps` change; `reload` re-fetches
 * (pull-to-refresh, polling, after an action).
 */
export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const latestLoad = useRef(load);
  latestLoad.current = load;
  const depsKey = JSON.stringify(deps);
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const reload = useCallback(() => {
    setLoading(true);
    return ensureLoggedIn()
      .then(() => latestLoad.current())
      .then((d) => {
        setData(d);
        setError(undefined);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : '加载失败'))
      .finally(() => setLoading(false));
  }, []);
  useEffect(() => {
    void reload();
  }, [reload, depsKey]);
  return { data, error, loading, reload };
}
