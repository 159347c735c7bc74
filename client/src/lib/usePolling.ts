import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { FIRST_POLL_MS, nextPollDelay } from './pollDelay';

/**
 * Calls `poll` while the page is on screen and `enabled`, with back-off (see pollDelay.ts): the delay starts
 * over whenever `fingerprint` (what the user sees change) changes. Nothing runs while the page is hidden
 * (another page on top, the app or the browser tab in the background).
 */
export function usePolling(poll: () => Promise<unknown>, enabled: boolean, fingerprint: string): void {
  const [visible, setVisible] = useState(true);
  const [round, setRound] = useState(0);
  const delay = useRef(FIRST_POLL_MS);
  const latestPoll = useRef(poll);
  latestPoll.current = poll;
  useDidShow(() => setVisible(true));
  useDidHide(() => setVisible(false));
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined;
    const onChange = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  useEffect(() => {
    delay.current = FIRST_POLL_MS;
  }, [fingerprint]);
  useEffect(() => {
    if (!enabled || !visible) return undefined;
    const timer = setTimeout(() => {
      delay.current = nextPollDelay(delay.current);
      void latestPoll.current().finally(() => setRound((n) => n + 1));
    }, delay.current);
    return () => clearTimeout(timer);
  }, [enabled, visible, round]);
}
