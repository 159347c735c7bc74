// State kept in the tab's sessionStorage: what a clerk or administrator typed survives a reload and the
// round trip to the identity provider after the session expired. Cleared on logout and after saving.
import { useCallback, useEffect, useState } from 'react';

const PREFIX = 'hiring:console:';

export function useStoredState<T>(key: string, initial: T | (() => T)) {
  const storageKey = PREFIX + key;
  const [value, setValue] = useState<T>(() => {
    const saved = sessionStorage.getItem(storageKey);
    if (saved !== null) {
      try {
        return JSON.parse(saved) as T;
      } catch {
        /* unreadable: start over */
      }
    }
    return typeof initial === 'function' ? (initial as () => T)() : initial;
  });
  useEffect(() => {
    sessionStorage.setItem(storageKey, JSON.stringify(value));
  }, [storageKey, value]);
  const clear = useCallback(() => sessionStorage.removeItem(storageKey), [storageKey]);
  return [value, setValue, clear] as const;
}
