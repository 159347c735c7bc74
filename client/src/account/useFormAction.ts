// The account pages' forms: one action at a time with its busy flag, and the message it ends with.
import { useState } from 'react';
import { errorText } from './errorText';

export interface FormMessage {
  text: string;
  ok?: boolean;
}

export function useFormAction() {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FormMessage>();

  /** Runs `work`; its answer is the success message (none when it returns nothing), a failure says why. */
  async function run(work: () => Promise<string | undefined>, failure: string) {
    setBusy(true);
    setMessage(undefined);
    try {
      const done = await work();
      if (done) setMessage({ text: done, ok: true });
    } catch (e) {
      setMessage({ text: errorText(e, failure) });
    } finally {
      setBusy(false);
    }
  }

  return { busy, message, setMessage, run };
}
