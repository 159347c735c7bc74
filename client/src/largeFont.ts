// 大字模式: one switch on the home page, kept on the device, read by every page's root (PageShell).
import { useSyncExternalStore } from 'react';
import { platform } from './platform';

const FONT_KEY = 'hiring:largeFont';
let largeFont = platform().storage.get<boolean>(FONT_KEY) ?? false;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setLargeFont(on: boolean): void {
  largeFont = on;
  platform().storage.set(FONT_KEY, on);
  listeners.forEach((l) => l());
}

export function useLargeFont(): [boolean, (on: boolean) => void] {
  return [useSyncExternalStore(subscribe, () => largeFont), setLargeFont];
}
