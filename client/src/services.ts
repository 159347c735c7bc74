// The bff as the signed-in user: the session and the endpoints. Drafts live in draft/drafts.ts (wizard
// only, so the main package stays small), the large-font setting in largeFont.ts.
import { ApiClient } from './api/client';
import { endpoints } from './api/endpoints';
import type { Session } from './api/types';
import { platform } from './platform';

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
