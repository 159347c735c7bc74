// Logs a staff member in the way a browser does: the bff's login route, the identity provider's login form,
// the redirects back, with a cookie jar; returns the bff's session cookie. For tests and demos.
import { STAFF_DEMO_PASSWORD, staffAccount } from './accounts';

export const STAFF_SESSION_COOKIE = 'staff_session';

export interface StaffCookie {
  name: string;
  value: string;
  /** Ready for a Cookie request header: `staff_session=…`. */
  header: string;
  /** Where the bff sent the browser after the login (the console path asked for). */
  location: string;
  /** The bff's Set-Cookie line for the session, attributes included. */
  setCookie: string;
}

/** Cookies by name, as a browser keeps them for one host (all our servers are on the loopback host). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

async function step(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
  });
  jar.take(response);
  return response;
}

/**
 * The whole authorization-code flow over real HTTP. `bffUrl` is the bff's origin (…/api/v1 is accepted
 * too); `idpUrl` is checked to be where the bff sends the browser. Throws with what went wrong.
 */
export async function staffLogin(
  bffUrl: string,
  idpUrl: string,
  account: string,
  options: { password?: string; returnTo?: string } = {},
): Promise<StaffCookie> {
  const origin = bffUrl.replace(/\/api\/v1\/?$/, '').replace(/\/$/, '');
  const password = options.password ?? staffAccount(account)?.password ?? STAFF_DEMO_PASSWORD;
  const jar = new CookieJar();
  const returnTo = encodeURIComponent(options.returnTo ?? '/');
  let response = await step(jar, `${origin}/api/v1/staff/auth/login?returnTo=${returnTo}`);
  let url = response.headers.get('location');
  if (response.status !== 302 || !url) throw new Error(`bff login answered ${response.status}`);
  if (!url.startsWith(idpUrl)) throw new Error(`bff login sent the browser to ${url}, not ${idpUrl}`);
  // Authorization endpoint → interaction (login form).
  for (let hops = 0; hops < 10; hops++) {
    response = await step(jar, url);
    const next = response.headers.get('location');
    if (!next) break;
    url = new URL(next, url).href;
  }
  const page = await response.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
  if (!action) throw new Error(`no login form at ${url} (${response.status})`);
  response = await step(jar, new URL(action.replace(/&amp;/g, '&'), url).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: account, password }).toString(),
  });
  if (response.status === 401) throw new Error(`the identity provider refused ${account}: wrong password`);
  // Form → resume at the authorization endpoint → the bff's callback → the console.
  for (let hops = 0; hops < 10; hops++) {
    const next = response.headers.get('location');
    if (!next) throw new Error(`login stopped at ${url} with ${response.status}: ${await response.text()}`);
    url = new URL(next, url).href;
    if (url.startsWith(`${origin}/api/v1/staff/auth/callback`)) {
      response = await step(jar, url);
      const location = response.headers.get('location') ?? '';
      const value = jar.get(STAFF_SESSION_COOKIE);
      if (!value)
        throw new Error(`the bff's callback answered ${response.status} ${location} without a session`);
      const setCookie = response.headers
        .getSetCookie()
        .find((line) => line.startsWith(`${STAFF_SESSION_COOKIE}=`))!;
      return {
        name: STAFF_SESSION_COOKIE,
        value,
        header: `${STAFF_SESSION_COOKIE}=${value}`,
        location,
        setCookie,
      };
    }
    response = await step(jar, url);
  }
  throw new Error('too many redirects during the staff login');
}
