// After a child form saved: its message shown (SavedNotice) and the page's data loaded again, so the page
// shows what is now stored.
import { useCallback, useState } from 'react';

export function useSaved(reload: () => void) {
  const [message, setMessage] = useState<string>();
  const saved = useCallback(
    (text: string) => {
      setMessage(text);
      reload();
    },
    [reload],
  );
  return { message, saved };
}
