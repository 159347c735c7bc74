// One action of the user's at a time (a print, an export, a save): whether one is running (and which, where a
// page has several buttons), so its button can say so and the others wait, and the error of the last one.
import { useCallback, useState } from 'react';

export function useAction<K extends string = 'busy'>() {
  const [busy, setBusy] = useState<K>();
  const [error, setError] = useState<Error>();
  const run = useCallback(async (action: () => Promise<unknown>, key = 'busy' as K) => {
    setBusy(key);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(undefined);
    }
  }, []);
  return { busy, error, run };
}
