// The staff login through the identity provider stand-in over real HTTP (the IdP's login form, its
// redirects, the bff's callback), the session cookie, its inactivity expiry, logout and CSRF.
import { STAFF_ACCOUNTS, staffLogin, type StaffCookie } from '@hiring/mock';
import { ConfigError, loadConfig } from '../../src/config';
import { productionEnv } from '../helpers/productionEnv';
import { startTestServer, type TestServer } from '../helpers/testServer';

let server: TestServer;
let idp: string;

beforeAll(async () => {
  server = await startTestServer({ mocks: true });
  idp = server.mocks!.urls.staffIdp;
}, 60_000);

afterAll(async () => {
  await server.close();
});

const staffCall = (cookie: StaffCookie | null, method: string, path: string, init: RequestInit = {}) =>
  fetch(`${server.api}${path}`, {
    method,
    redirect: 'manual',
    ...init,
    headers: { ...(cookie ? { cookie: cookie.header } : {}), ...(init.headers as Record<string, string>) },
  }) as Promise<Omit<Response, 'json'> & { json(): Promise<any> }>;

const sessions = () => server.db.collection('staffsessions');

describe('staff login through the identity provider', () => {
  it('logs a clerk in and back to the console page asked for, with role, county and name from the claims', async () => {
    const cookie = await staffLogin(server.url, idp, 'xz-clerk', { returnTo: '/clerk/applications?q=1' });
    expect(cookie.location).toBe(`${server.url}/clerk/applications?q=1`);
    expect(cookie.setCookie).toMatch(/^staff_session=[\w-]{43}; path=\/; samesite=lax; httponly$/i);
    const me = await staffCall(cookie, 'GET', '/staff/me');
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body).toEqual({
      id: 'xz-clerk',
      name: '周敏',
      role: 'clerk',
      county: '361102',
      sessionExpiresAt: expect.any(String),
    });
    // 30 minutes of inactivity by default.
    const left = new Date(body.sessionExpiresAt).getTime() - Date.now();
    expect(left).toBeGreaterThan(29 * 60_000);
    expect(left).toBeLessThanOrEqual(30 * 60_000);
    const trail = await server.services.audit.search({
      action: 'staff.login',
      actorId: 'xz-clerk',
      page: 1,
      pageSize: 5,
    });
    expect(trail.items[0]).toMatchObject({
      outcome: 'ok',
      actor: { kind: 'staff', role: 'clerk', county: '361102' },
    });
  });

  it('gives a supervisor and an admin no county', async () => {
    for (const [account, role] of [
      ['city-supervisor', 'supervisor'],
      ['city-admin', 'admin'],
    ]) {
      const cookie = await staffLogin(server.url, idp, account);
      expect(cookie.location).toBe(`${server.url}/`);
      const me = await (await staffCall(cookie, 'GET', '/staff/me')).json();
      expect(me).toMatchObject({ id: account, role });
      expect(me.county).toBeUndefined();
    }
  });

  it('keeps a wrong password at the identity provider, in Chinese', async () => {
    await expect(staffLogin(server.url, idp, 'xz-clerk', { password: 'wrong-password' })).rejects.toThrow(
      /wrong password/,
    );
  });

  it('refuses an account without a staff role: back to the console login page, no session, audited', async () => {
    expect(STAFF_ACCOUNTS.find((a) => a.username === 'visitor')!.role).toBeUndefined();
    await expect(staffLogin(server.url, idp, 'visitor')).rejects.toThrow(
      new RegExp(`302 ${server.url}/login\\?error=STAFF_ROLE_MISSING without a session`),
    );
    const trail = await server.services.audit.search({
      action: 'staff.login',
      actorId: 'visitor',
      page: 1,
      pageSize: 5,
    });
    expect(trail.items[0]).toMatchObject({ outcome: 'refused' });
  });

  it('refuses a returnTo outside the console (open redirect)', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'clerk']) {
      const res = await staffCall(null, 'GET', `/staff/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error.details[0].message).toMatch(/返回地址/);
    }
  });

  it('sends the browser to the IdP with PKCE (S256), state and nonce', async () => {
    const res = await staffCall(null, 'GET', '/staff/auth/login');
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(idp);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(to.searchParams.get('state')).toBeTruthy();
    expect(to.searchParams.get('nonce')).toBeTruthy();
    expect(to.searchParams.get('scope')).toBe('openid profile staff');
    expect(to.searchParams.get('redirect_uri')).toBe(`${server.url}/api/v1/staff/auth/callback`);
  });

  it('refuses a callback whose state this browser did not start, or one replayed', async () => {
    const start = await staffCall(null, 'GET', '/staff/auth/login');
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    // Another browser (no staff_login cookie) brings the state back.
    const foreign = await staffCall(null, 'GET', `/staff/auth/callback?code=abc&state=${state}`);
    expect(foreign.status).toBe(302);
    expect(foreign.headers.get('location')).toBe(`${server.url}/login?error=STAFF_LOGIN_EXPIRED`);
    expect(
      foreign.headers
        .getSetCookie()
        .some((c) => c.startsWith('staff_session=') && !/staff_session=;/.test(c)),
    ).toBe(false);
  });

  it('answers 401 without a session and with an unknown one', async () => {
    const none = await staffCall(null, 'GET', '/staff/me');
    expect(none.status).toBe(401);
    expect((await none.json()).error).toEqual({ code: 'UNAUTHORIZED', message: '请先以工作人员身份登录' });
    const forged = await staffCall(
      { header: `staff_session=${'a'.repeat(43)}` } as StaffCookie,
      'GET',
      '/staff/me',
    );
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.message).toBe('工作人员登录已失效，请重新登录');
  });
});

describe('staff sessions', () => {
  it('slide with each request and end after inactivity', async () => {
    const cookie = await staffLogin(server.url, idp, 'city-supervisor');
    const [session] = await sessions()
      .find({ 'staff.id': 'city-supervisor' })
      .sort({ createdAt: -1 })
      .limit(1)
      .toArray();
    // Ten minutes ago was the last request: this one pushes the expiry forward.
    await sessions().updateOne(
      { _id: session._id },
      {
        $set: {
          lastSeenAt: new Date(Date.now() - 10 * 60_000),
          idleExpiresAt: new Date(Date.now() + 20 * 60_000),
        },
      },
    );
    const me = await (await staffCall(cookie, 'GET', '/staff/me')).json();
    expect(new Date(me.sessionExpiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    // Then 31 minutes pass without a request.
    await sessions().updateOne(
      { _id: session._id },
      { $set: { idleExpiresAt: new Date(Date.now() - 60_000) } },
    );
    const expired = await staffCall(cookie, 'GET', '/staff/me');
    expect(expired.status).toBe(401);
    expect((await expired.json()).error).toEqual({
      code: 'STAFF_SESSION_EXPIRED',
      message: '登录已超时（长时间未操作），请重新登录',
    });
  });

  it('end at logout, which needs the CSRF header', async () => {
    const cookie = await staffLogin(server.url, idp, 'city-admin');
    const bare = await staffCall(cookie, 'POST', '/staff/auth/logout');
    expect(bare.status).toBe(403);
    expect((await bare.json()).error.code).toBe('CSRF_REJECTED');
    expect((await staffCall(cookie, 'GET', '/staff/me')).status).toBe(200);
    const out = await staffCall(cookie, 'POST', '/staff/auth/logout', {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/staff_session=;/);
    expect((await staffCall(cookie, 'GET', '/staff/me')).status).toBe(401);
  });
});

describe('CSRF and roles on state-changing staff routes', () => {
  let clerk: StaffCookie;
  beforeAll(async () => {
    clerk = await staffLogin(server.url, idp, 'xz-clerk');
  });
  const post = (headers: Record<string, string>) =>
    staffCall(clerk, 'POST', '/staff/authorities', {
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({}),
    });

  it('refuses a cookie request without X-Requested-With or from a foreign origin', async () => {
    const bare = await post({});
    expect(bare.status).toBe(403);
    expect((await bare.json()).error).toEqual({
      code: 'CSRF_REJECTED',
      message: '请求来源无法确认，请在工作台页面内操作',
    });
    const foreign = await post({ 'X-Requested-With': 'XMLHttpRequest', Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    // With the header from our own origin the request reaches its validation.
    const ours = await post({ 'X-Requested-With': 'XMLHttpRequest', Origin: server.url });
    expect(ours.status).toBe(400);
  });

  it('keeps a clerk out of the admin routes', async () => {
    const res = await staffCall(clerk, 'PUT', '/staff/admin/calendar/years/2030', {
      headers: { 'content-type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
      body: JSON.stringify({}),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toBe('该操作仅限管理员');
  });
});

describe('staff login configuration', () => {
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig({ MONGODB_URI: 'mongodb://127.0.0.1/x', ...env });
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it('needs the real identity provider in production and refuses the bearer tokens there', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(
      expect.arrayContaining([
        '生产环境的 STAFF_OIDC_ISSUER 必须是 https 地址',
        '生产环境必须设置 STAFF_OIDC_CLIENT_SECRET（统一身份认证分配的客户端密钥）',
        '生产环境必须设置 STAFF_OIDC_REDIRECT_URI（https，在统一身份认证登记的回调地址）',
      ]),
    );
    expect(problemsOf({ NODE_ENV: 'production', STAFF_TOKENS: `a:${'x'.repeat(30)}:admin` })).toEqual(
      expect.arrayContaining(['生产环境不使用 STAFF_TOKENS：工作人员通过统一身份认证（STAFF_OIDC_*）登录']),
    );
    const ok = {
      NODE_ENV: 'production',
      STAFF_OIDC_ISSUER: 'https://idp.example.gov.cn/oidc',
      STAFF_OIDC_CLIENT_SECRET: 's'.repeat(32),
      STAFF_OIDC_REDIRECT_URI: 'https://zp.example.gov.cn/api/v1/staff/auth/callback',
    };
    expect(problemsOf(ok).filter((p) => p.includes('STAFF'))).toEqual([]);
    expect(loadConfig({ ...productionEnv(), ...ok }).staffTokens).toEqual([]);
  });
});
