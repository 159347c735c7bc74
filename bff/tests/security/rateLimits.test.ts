// Limits that hold across processes and proxies: budgets are counted in the database (two bff apps on one
// database share them), each kind of traffic has its own (a flood of bad tokens locks out neither valid
// sessions, nor logins, nor callbacks), and behind TRUST_PROXY proxies the client is X-Forwarded-For's.
import {
  loginAs,
  startSecondApp,
  startTestServer,
  type SecondApp,
  type TestServer,
} from '../helpers/testServer';
import { loadConfig } from '../../src/config';

jest.setTimeout(60000);

const env = { RATE_LIMIT_PER_MINUTE: '10', AUTH_FAILURES_PER_MINUTE: '20', TRUST_PROXY: '1' };
let server: TestServer;
let second: SecondApp;

beforeAll(async () => {
  server = await startTestServer({ mocks: true, env });
  // A second process on the same database.
  const config = loadConfig({
    ...process.env,
    ...env,
    NODE_ENV: 'test',
    MONGODB_URI: server.config.mongodbUri,
  });
  second = await startSecondApp(config);
});

afterAll(async () => {
  await second.close();
  await server.close();
});

const get = (api: string, path: string, headers: Record<string, string>) =>
  fetch(`${api}${path}`, { headers }).then(async (res) => ({ status: res.status, body: await res.json() }));

it('shares one account budget between processes', async () => {
  const client = await loginAs(server, 'two-processes');
  const headers = { authorization: `Bearer ${client.token}`, 'X-Forwarded-For': '10.0.0.1' };
  const statuses: number[] = [];
  for (let i = 0; i < 16; i++)
    statuses.push((await get(i % 2 ? second.api : server.api, '/me', headers)).status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(10);
  expect(statuses.filter((s) => s === 429)).toHaveLength(6);
});

it('keeps failed authentication apart from valid sessions, logins and callbacks of the same IP', async () => {
  const ip = { 'X-Forwarded-For': '10.0.0.2' };
  const client = await loginAs(server, 'same-office'); // its login is not from 10.0.0.2: fine, sessions are per account
  const flood: number[] = [];
  for (let i = 0; i < 60; i++)
    flood.push(
      (
        await get(i % 2 ? second.api : server.api, '/me', {
          ...ip,
          authorization: `Bearer ${'x'.repeat(40)}`,
        })
      ).status,
    );
  expect(flood.slice(0, 20)).toEqual(Array(20).fill(401));
  expect(flood.slice(20)).toEqual(Array(40).fill(429));
  expect((await get(server.api, '/me', { ...ip, authorization: `Bearer ${client.token}` })).status).toBe(200);
  const login = await fetch(`${server.api}/auth/dev-login`, {
    method: 'POST',
    headers: { ...ip, 'content-type': 'application/json' },
    body: JSON.stringify({ nickname: 'office-colleague' }),
  });
  expect(login.status).toBe(200);
  const callback = await fetch(`${server.api}/agency-callbacks/hrss`, {
    method: 'POST',
    headers: { ...ip, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(callback.status).toBe(401); // refused for its missing signature, not for the flood
});

it('tells clients behind the proxy apart by X-Forwarded-For', async () => {
  const bad = { authorization: `Bearer ${'y'.repeat(40)}` };
  for (let i = 0; i < 21; i++) await get(server.api, '/me', { ...bad, 'X-Forwarded-For': '10.0.0.3' });
  expect((await get(server.api, '/me', { ...bad, 'X-Forwarded-For': '10.0.0.3' })).status).toBe(429);
  // The proxy appends the address it saw; whatever the client wrote before it is not trusted.
  expect((await get(server.api, '/me', { ...bad, 'X-Forwarded-For': '10.0.0.3, 10.0.0.4' })).status).toBe(
    401,
  );
});
