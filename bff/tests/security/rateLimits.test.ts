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
import { counterModel, RateCounters, RateLimiter } from '../../src/http/rateLimit';

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

it('leases hits to each process and never allows more than the limit between them', async () => {
  // Two processes' limiters, each on its own connection, drawing on one budget of 200 per window.
  const limiters = [server.services.rateCounters, new RateCounters(counterModel(second.db))].map(
    (counters) => new RateLimiter(counters, 'lease-test', 200),
  );
  const now = Date.UTC(2026, 11, 1, 10, 0, 5);
  const burst = (limiter: RateLimiter, n: number) =>
    Promise.all(Array.from({ length: n }, () => limiter.hit('account-1', now)));
  // 150 from each at once, a burst of concurrent requests per process: exactly 200 allowed in all.
  const [a, b] = await Promise.all(limiters.map((limiter) => burst(limiter, 150)));
  const allowed = [...a, ...b].filter((wait) => wait === 0).length;
  expect(allowed).toBe(200);
  expect([...a, ...b].filter((wait) => wait === 55)).toHaveLength(100); // the window ends at 10:01:00
  // Hits past the limit were refused without counting (one count per request would have made 300), and
  // at most one lease per process overshoots it.
  const counter = await counterModel(second.db)
    .findById(`lease-test:account-1:${now - 5000}`)
    .lean();
  expect(counter!.count).toBeGreaterThanOrEqual(200);
  expect(counter!.count).toBeLessThanOrEqual(200 + 2 * 12);
  // A new window starts afresh in both.
  expect(await limiters[1].hit('account-1', now + 60000)).toBe(0);
});
