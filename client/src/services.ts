// App-wide singletons: the session, the bff endpoints and one DraftStore per open draft.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { ApiClient } from './api/client';
import { endpoints } from './api/endpoints';
import type { Session } from './api/types';
import { DraftStore, type DraftState } from './draft/draftStore';
import { platform } from './platform';
import type { WizardStep } from './routes';

const TOKEN_KEY = 'hiring:session';

let session: Session | undefined = platform().storage.get<Session>(TOKEN_KEY);

const client = new ApiClient({
  baseUrl: API_BASE,
  platform: platform(),
  getToken: () => session?.token,
  onUnauthorized: () => {
    session = undefined;
    platform().storage.remove(TOKEN_KEY);
  },
  reauthenticate: async () => {
    await ensureLoggedIn();
  },
});

export const api = endpoints(client);
/** The same client, for endpoint groups kept in modules of their own (api/authority.ts). */
export { client as apiClient };

function sessionValid(s: Session | undefined): s is Session {
  return !!s && (!s.expiresAt || Date.parse(s.expiresAt) > Date.now() + 60_000);
}

let loggingIn: Promise<Session> | undefined;

/** H5 has no platform identity; one nickname per browser keeps the same dev account across sessions. */
function deviceNickname(): string {
  const key = 'hiring:deviceNickname';
  let nickname = platform().storage.get<string>(key);
  if (!nickname) {
    nickname = `h5-${Math.random().toString(36).slice(2, 10)}`;
    platform().storage.set(key, nickname);
  }
  return nickname;
}

/** Logs in once per session: the platform's code on WeChat/Alipay, the bff's dev login on H5. */
export function ensureLoggedIn(): Promise<Session> {
  if (sessionValid(session)) return Promise.resolve(session);
  loggingIn ??= (async () => {
    const p = platform();
    const code = await p.loginCode();
    const s = code && p.name !== 'h5' ? await api.login(p.name, code) : await api.devLogin(deviceNickname());
    session = s;
    p.storage.set(TOKEN_KEY, s);
    return s;
  })().finally(() => {
    loggingIn = undefined;
  });
  return loggingIn;
}

const stores = new Map<string, DraftStore>();

export function draftStore(id: string): DraftStore {
  let store = stores.get(id);
  if (!store) {
    const p = platform();
    store = new DraftStore(id, { api, storage: p.storage, onOnline: (l) => p.onOnline(l) });
    stores.set(id, store);
  }
  return store;
}

/**
 * Forgets the device copy of a submitted or deleted draft. The in-memory store stays (inert) so that a page
 * still on screen does not fetch the draft again and get a 404.
 */
export function forgetDraft(id: string): void {
  stores.get(id)?.discard();
  platform().storage.remove(lastStepKey(id));
}

/** The draft for a wizard page: loads it once (from the device copy or the bff) and re-renders on change. */
export function useDraft(id: string | undefined): {
  store: DraftStore | undefined;
  state: DraftState | undefined;
  loadError?: string;
} {
  const store = id ? draftStore(id) : undefined;
  const [loadError, setLoadError] = useState<string>();
  const state = useSyncExternalStore(store?.subscribe ?? noopSubscribe, store?.getState ?? noState);
  useEffect(() => {
    if (!store || store.getState().loaded) return;
    ensureLoggedIn()
      .then(() => store.load())
      .catch((err: unknown) => setLoadError(err instanceof Error ? err.message : '加载失败'));
  }, [store]);
  return { store, state, loadError };
}

const noopSubscribe = () => () => undefined;
const noState = () => undefined;

function lastStepKey(draftId: string): string {
  return `hiring:lastStep:${draftId}`;
}

/** Remembers where the user was, so 继续填写 on the home page resumes there. */
export function rememberStep(draftId: string, step: WizardStep): void {
  platform().storage.set(lastStepKey(draftId), step);
}

export function lastStep(draftId: string): WizardStep {
  return platform().storage.get<WizardStep>(lastStepKey(draftId)) ?? 'unit';
}

const FONT_KEY = 'hiring:largeFont';
let largeFont = platform().storage.get<boolean>(FONT_KEY) ?? false;
const fontListeners = new Set<() => void>();

export function useLargeFont(): [boolean, (on: boolean) => void] {
  const value = useSyncExternalStore(
    (l) => {
      fontListeners.add(l);
      return () => fontListeners.delete(l);
    },
    () => largeFont,
  );
  return [
    value,
    (on) => {
      largeFont = on;
      platform().storage.set(FONT_KEY, on);
      fontListeners.forEach((l) => l());
    },
  ];
}
