// The public status lookup: right and wrong passwords, a wrong code answered like a wrong password, the
// lockout after 5 failures per code (and 20 per client), masking, and the audit trail.
import { randomUUID } from 'node:crypto';
import { population } from '@hiring/mock';
import { callApi, loginAs, startTestServer, type TestServer } from '../helpers/testServer';
import { adults, applicationFor, makeLegalRepresentative } from '../helpers/fixtures';

jest.setTimeout(60_000);

let server: TestServer;
const apps: any[] = [];
const people = () => adults(population(), 'normal', 6, 500);

beforeAll(async () => {
  server = await startTestServer({ mocks: true, env: { WORKERS: 'false' } });
  const owner = await loginAs(server, 'lookup-owner');
  // One account acts for one unit (its legal representative): the three applications are that unit's.
  const unit = population().units[20];
  await makeLegalRepresentative(server.api, owner.token, unit);
  for (let i = 0; i < 3; i++) {
    const draft = await owner.call('POST', '/drafts', {
      application: applicationFor(unit, people().slice(i * 2, i * 2 + 2)),
    });
    const res = await owner.call(
      'POST',
      `/drafts/${draft.body.id}/submit`,
      {},
      { 'Idempotency-Key': randomUUID() },
    );
    expect(res.status).toBe(201);
    apps.push(res.body);
  }
});

afterAll(async () => {
  await server?.close();
});

const lookup = (code: string, password: string) =>
  callApi(server, null, 'POST', '/status-lookup', { code, password });
const wrong = (password: string) => (password === '000000' ? '111111' : '000000');

it('shows each matter with status and due date, and personal data only masked', async () => {
  const app = apps[0];
  const res = await lookup(app.code.toLowerCase(), app.queryPassword);
  expect(res.status).toBe(200);
  expect(res.body.code).toBe(app.code);
  expect(res.body.employeeCount).toBe(2);
  expect(res.body.matters.map((m: any) => m.matter)).toEqual(app.matters.map((m: any) => m.matter));
  for (const m of res.body.matters) {
    expect(m).toEqual(
      expect.objectContaining({
        label: expect.any(String),
        statusLabel: expect.any(String),
        timeLimit: expect.any(String),
      }),
    );
    expect(m).toHaveProperty('dueDate');
    expect(Array.isArray(m.reasons)).toBe(true);
  }
  const text = JSON.stringify(res.body);
  for (const person of people().slice(0, 2)) {
    expect(text).not.toContain(person.idNumber);
    expect(text).not.toContain(person.phone);
    expect(text).not.toContain(person.name);
    expect(text).not.toContain(person.address);
  }
  expect(res.body.employees[0].name).toMatch(/^.\*+$/u);
  expect(res.body.employees[0].idNumber).toMatch(/\*{4,}/);
  expect(text).not.toContain(app.queryPassword);
});

it('answers a wrong password and an unknown code the same way', async () => {
  const app = apps[1];
  const badPassword = await lookup(app.code, wrong(app.queryPassword));
  const badCode = await lookup('ZP361120990101000000', app.queryPassword);
  expect(badPassword.status).toBe(404);
  expect(badCode.status).toBe(badPassword.status);
  expect(badCode.body).toEqual(badPassword.body);
  expect(badPassword.body.error.message).toBe('办件编码或查询密码不正确，请核对回执后重试');
  const malformed = await lookup('ZP3611', '12');
  expect(malformed.status).toBe(400);
  expect(malformed.body.error.details.map((d: any) => d.message)).toContain('查询密码为 6 位数字');
});

it('locks a code after 5 wrong passwords within the hour, even for the right one, with a clear message', async () => {
  const app = apps[2];
  for (let i = 0; i < 5; i++) expect((await lookup(app.code, wrong(app.queryPassword))).status).toBe(404);
  const locked = await lookup(app.code, app.queryPassword);
  expect(locked.status).toBe(429);
  expect(locked.body.error.code).toBe('LOOKUP_LOCKED');
  expect(locked.body.error.message).toMatch(/该办件编码查询密码错误次数过多，已暂停查询，请 \d+ 分钟后再试/);
  expect(locked.body.retryAfterSeconds).toBeGreaterThan(3000);
  // Other codes are not affected.
  expect((await lookup(apps[0].code, apps[0].queryPassword)).status).toBe(200);
});

it('audits every lookup, with its outcome and no password', async () => {
  const { items } = await server.services.audit.search({ action: 'status.lookup', page: 1, pageSize: 100 });
  const outcomes = new Set(items.map((i) => i.outcome));
  expect(outcomes).toEqual(new Set(['ok', 'not-found', 'refused']));
  expect(items.some((i) => i.subject === apps[2].code && i.outcome === 'refused')).toBe(true);
  expect(JSON.stringify(items)).not.toContain(apps[0].queryPassword);
});

it('locks a client after 20 failures within the hour across codes', async () => {
  // 3 failures so far from this client (127.0.0.1) plus 5 on the locked code; refusals do not count.
  let status = 0;
  let tries = 0;
  for (; tries < 30; tries++) {
    const res = await lookup(`ZP36112099010100${String(tries).padStart(4, '0')}`, '123456');
    status = res.status;
    if (status === 429) {
      expect(res.body.error.message).toMatch(/查询失败次数过多，已暂停查询/);
      break;
    }
  }
  expect(status).toBe(429);
  expect(tries).toBeLessThan(20);
});
