// Login through the platform stand-ins, and sessions that can be revoked and rotated.
import { callApi, loginAs, startTestServer, type TestServer } from './helpers/testServer';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ mocks: true });
});

afterAll(async () => {
  await server.close();
});

/** A login code minted by the platform's stand-in, as its client would hand it to the mini-program. */
async function platformCode(platform: 'wechat' | 'alipay', nickname: string): Promise<string> {
  const res = await fetch(`${server.mocks!.urls[platform]}/_dev/code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname }),
  });
  return ((await res.json()) as any).code;
}

const wechatCode = (nickname: string) => platformCode('wechat', nickname);
const alipayCode = (nickname: string) => platformCode('alipay', nickname);

describe('platform login', () => {
  it('logs in with a WeChat code once; the same user gets the same account; the code cannot be reused', async () => {
    const code = await wechatCode('wang');
    const first = await callApi(server, null, 'POST', '/auth/login', { platform: 'weapp', code });
    expect(first.status).toBe(200);
    expect(first.body.token).toMatch(/^[\w-]{40,}$/);
    expect(JSON.stringify(first.body)).not.toMatch(/session_?key/i);

    const reused = await callApi(server, null, 'POST', '/auth/login', { platform: 'weapp', code });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('LOGIN_FAILED');

    const again = await callApi(server, null, 'POST', '/auth/login', {
      platform: 'weapp',
      code: await wechatCode('wang'),
    });
    expect(again.body.account.id).toBe(first.body.account.id);
  });

  it('logs in with an Alipay code', async () => {
    const res = await callApi(server, null, 'POST', '/auth/login', {
      platform: 'alipay',
      code: await alipayCode('li'),
    });
    expect(res.status).toBe(200);
    expect(res.body.account.platform).toBe('alipay');
  });

  it('refuses unknown platforms and missing codes with Chinese messages', async () => {
    const res = await callApi(server, null, 'POST', '/auth/login', { platform: 'qq' });
    expect(res.status).toBe(400);
    const messages = res.body.error.details.map((d: { message: string }) => d.message);
    expect(messages).toEqual(expect.arrayContaining(['不支持的登录平台', '缺少登录凭证']));
  });

  it('keeps the platform session key encrypted at rest', async () => {
    await loginAs(server, 'zhao');
    const raw = await server.db.collection('accounts').find().toArray();
    expect(raw.length).toBeGreaterThan(0);
    for (const doc of raw) expect(String(doc.sessionKeySealed)).toMatch(/^v1:/);
  });

  it('answers 503 in Chinese when the platform is down', async () => {
    await fetch(`${server.mocks!.urls.wechat}/_admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ down: true }),
    });
    try {
      const res = await callApi(server, null, 'POST', '/auth/login', {
        platform: 'weapp',
        code: 'whatever-code',
      });
      expect(res.status).toBe(503);
      expect(res.body.error.message).toContain('暂时不可用');
    } finally {
      await fetch(`${server.mocks!.urls.wechat}/_admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ down: false }),
      });
    }
  });
});

describe('sessions', () => {
  it('rejects requests without a valid token', async () => {
    expect((await callApi(server, null, 'GET', '/me')).status).toBe(401);
    expect((await callApi(server, 'x'.repeat(43), 'GET', '/me')).status).toBe(401);
  });

  it('stops accepting a token after logout', async () => {
    const client = await loginAs(server, 'logout-user');
    expect((await client.call('GET', '/me')).status).toBe(200);
    expect((await client.call('POST', '/auth/logout')).status).toBe(204);
    const after = await client.call('GET', '/me');
    expect(after.status).toBe(401);
    expect(after.body.error.message).toBe('登录已失效，请重新登录');
  });

  it('rotates a token: the new one works and the old one stops', async () => {
    const client = await loginAs(server, 'rotate-user');
    const rotated = await client.call('POST', '/auth/refresh');
    expect(rotated.status).toBe(200);
    expect((await client.call('GET', '/me')).status).toBe(401);
    expect((await callApi(server, rotated.body.token, 'GET', '/me')).status).toBe(200);
  });

  it('stops accepting an expired token', async () => {
    const client = await loginAs(server, 'expiring-user');
    await server.db
      .collection('sessions')
      .updateMany({ accountId: { $exists: true } }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await client.call('GET', '/me')).status).toBe(401);
  });

  it('stores only hashes of tokens', async () => {
    const client = await loginAs(server, 'hash-user');
    const dump = JSON.stringify(await server.db.collection('sessions').find().toArray());
    expect(dump).not.toContain(client.token);
  });
});

describe('dev login', () => {
  it('does not exist unless enabled', async () => {
    const other = await startTestServer({ env: { DEV_LOGIN: 'false' } });
    try {
      const res = await callApi(other, null, 'POST', '/auth/dev-login', { nickname: 'x' });
      expect(res.status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
