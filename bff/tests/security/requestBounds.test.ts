// Bounded work per request: oversized lists, thousands of unknown keys and slow bodies are refused early,
// and an error answer never grows with the input (under 4 KB).
import net from 'node:net';
import { loginAs, startTestServer, type Client, type TestServer } from '../helpers/testServer';

let server: TestServer;
let owner: Client;

beforeAll(async () => {
  server = await startTestServer({ mocks: true, env: { BODY_TIMEOUT_MS: '600' } });
  owner = await loginAs(server, 'bounds');
});

afterAll(async () => {
  await server.close();
});

const raw = async (method: string, path: string, body: string, token: string | null = owner.token) => {
  const res = await fetch(`${server.api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await res.text();
  return { status: res.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
};

const manyKeys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 1]));

it('refuses a login with 70,000 unknown keys without listing them', async () => {
  const res = await raw(
    'POST',
    '/auth/login',
    JSON.stringify({ platform: 'weapp', code: 'x', ...manyKeys(70_000) }),
    null,
  );
  expect(res.status).toBe(413);
  expect(res.bytes).toBeLessThan(4096);
  expect(res.body.error.message).toBe('请求内容过大');
});

it('names only the first few of many unknown keys', async () => {
  const res = await raw(
    'POST',
    '/drafts',
    JSON.stringify({ application: { matters: [], ...manyKeys(300) } }),
  );
  expect(res.status).toBe(400);
  expect(res.bytes).toBeLessThan(4096);
  expect(res.body.error.details).toEqual([{ path: 'application', message: '不支持的字段：k0、k1、k2 等' }]);
});

it('refuses oversized lists by their length, before looking at their elements', async () => {
  const subscriptions = await raw(
    'POST',
    '/subscriptions',
    JSON.stringify({ templateIds: Array(1500).fill('x') }),
  );
  expect(subscriptions.status).toBe(400);
  expect(subscriptions.body.error.details).toEqual([
    { path: 'templateIds', message: 'templateIds最多 3 项' },
  ]);
  const draft = await owner.call('POST', '/drafts', { application: { matters: [] } });
  const matters = await raw(
    'PATCH',
    `/drafts/${draft.body.id}`,
    JSON.stringify({ version: 1, matters: Array(120_000).fill('x') }),
  );
  expect(matters.status).toBe(413);
  const employees = await raw(
    'POST',
    '/drafts',
    JSON.stringify({ application: { employees: Array(20_000).fill({}) } }),
  );
  expect(employees.status).toBe(400);
  expect(employees.body.error.details).toEqual([
    { path: 'application.employees', message: 'application.employees最多 500 项' },
  ]);
});

it('keeps the error answer under 4 KB however many fields are wrong', async () => {
  const wrong = Array.from({ length: 500 }, () => ({
    name: 1,
    phone: [],
    address: {},
    wage: 'x',
    idNumber: 5,
  }));
  const res = await raw('POST', '/drafts', JSON.stringify({ application: { employees: wrong } }));
  expect(res.status).toBe(400);
  expect(res.body.error.details.length).toBeLessThanOrEqual(20);
  expect(res.bytes).toBeLessThan(4096);
});

it('answers a body that does not arrive in time with 408 and closes the connection', async () => {
  const { port } = new URL(server.url);
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(
        `POST /api/v1/drafts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${owner.token}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"application":',
      );
    });
    let text = '';
    const giveUp = setTimeout(() => socket.destroy(), 10_000);
    socket.on('data', (chunk) => (text += chunk));
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve(text);
    });
    socket.on('error', reject);
  });
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
  expect(answer).toContain('REQUEST_TIMEOUT');
});
