// Two real bff processes on one database: a calendar year entered through one and a rule figure changed
// through the other are in force in both at once, with no restart (each checks the rules' revision on use).
import { HOLIDAY_NOTICE_2027 } from '@hiring/mock';
import { testDatabaseUri } from '../../tools/jest/testDatabase';
import { DEV_STAFF_TOKENS } from '../../bff/src/staff/staffTokens';
import { freePort, startBff, type BffProcess } from '../src/bffProcess';

jest.setTimeout(60000);

// The dev tokens apply when STAFF_TOKENS is unset outside production.
const ADMIN = DEV_STAFF_TOKENS.find((t) => t.role === 'admin')!.token;
const SUPERVISOR = DEV_STAFF_TOKENS.find((t) => t.role === 'supervisor')!.token;

const running: BffProcess[] = [];

beforeAll(async () => {
  const env = { MONGODB_URI: testDatabaseUri('rules'), WORKERS: 'false' };
  const ports = [await freePort(), await freePort()];
  running.push(...(await Promise.all(ports.map((port) => startBff(port, env)))));
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.kill()));
});

async function call(base: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

it('sees a calendar year entered through the other process without a restart', async () => {
  const [a, b] = running.map((p) => p.url);
  // Both processes have read (and cached) 2027 as provisional.
  expect((await call(a, SUPERVISOR, 'GET', '/staff/calendar/years/2027')).body.basis).toBe('provisional');
  expect((await call(b, SUPERVISOR, 'GET', '/staff/calendar/years/2027')).body.basis).toBe('provisional');

  const entered = await call(a, ADMIN, 'PUT', '/staff/admin/calendar/years/2027', HOLIDAY_NOTICE_2027);
  expect(entered.status).toBe(200);

  const seen = await call(b, SUPERVISOR, 'GET', '/staff/calendar/years/2027');
  expect(seen.body).toMatchObject({ basis: 'official', origin: 'entered' });
  expect(seen.body.workdays).toContainEqual({ date: '2027-02-14', name: '春节' });
  const years = await call(b, SUPERVISOR, 'GET', '/staff/calendar/years');
  expect(years.body.items.find((y: { year: number }) => y.year === 2027).basis).toBe('official');
});

it('sees a rule figure changed through the other process without a restart', async () => {
  const [a, b] = running.map((p) => p.url);
  const before = await call(a, SUPERVISOR, 'GET', '/staff/rules/figures');
  const kind = (body: any) => body.kinds.find((k: { kind: string }) => k.kind === 'socialInsuranceBase');
  expect(kind(before.body).periods).toHaveLength(1);

  const added = await call(b, ADMIN, 'POST', '/staff/admin/rules/figures/socialInsuranceBase/periods', {
    effectiveFrom: '2027-01-01',
    value: { floor: 4200, cap: 21000 },
    placeholder: false,
    source: '关于公布2027年度社会保险缴费基数上下限的通知（测试用）',
  });
  expect(added.status).toBe(201);

  const after = await call(a, SUPERVISOR, 'GET', '/staff/rules/figures');
  expect(kind(after.body).periods.map((p: { effectiveFrom: string }) => p.effectiveFrom)).toEqual([
    '2021-04-01',
    '2027-01-01',
  ]);
  // Still the old figure today: the new one starts on 2027-01-01.
  expect(kind(after.body).inForce.effectiveFrom).toBe('2021-04-01');
});
