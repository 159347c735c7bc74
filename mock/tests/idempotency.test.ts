import type { RunningMocks } from '../src/index';
import { caseBody, get, normalPeople, post, startTestMocks } from './helpers';

describe('agency idempotency', () => {
  let mocks: RunningMocks;
  beforeAll(async () => {
    mocks = await startTestMocks();
  });
  afterAll(() => mocks.stop());
  beforeEach(() => Object.values(mocks.agencies).forEach((agency) => agency.reset()));

  it('answers a repeated delivery with the first result and counts it as a duplicate, not a registration', async () => {
    const body = caseBody('employment', normalPeople(2));
    const first = await post(`${mocks.urls.hrss}/cases`, body, { 'Idempotency-Key': 'key-1' });
    const second = await post(`${mocks.urls.hrss}/cases`, body, { 'Idempotency-Key': 'key-1' });
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('completed');
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const counts = await get(`${mocks.urls.hrss}/_admin/counts`);
    expect(counts.body.keys['key-1']).toMatchObject({ deliveries: 2, duplicates: 1, registrations: 1 });
  });

  it('registers once when the same key arrives concurrently', async () => {
    const body = caseBody('medicalInsurance', normalPeople(1));
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        post(`${mocks.urls.medicalSecurity}/cases`, body, { 'Idempotency-Key': 'burst' }),
      ),
    );
    expect(new Set(responses.map((r) => r.body.caseId)).size).toBe(1);
    const counts = await get(`${mocks.urls.medicalSecurity}/_admin/counts`);
    expect(counts.body.keys.burst).toMatchObject({ deliveries: 8, duplicates: 7, registrations: 1 });
  });

  it('treats a reordered but equal body as the same delivery', async () => {
    const body = caseBody('housingFund', normalPeople(1));
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const a = await post(`${mocks.urls.housingFund}/cases`, body, { 'Idempotency-Key': 'k' });
    const b = await post(`${mocks.urls.housingFund}/cases`, reordered, { 'Idempotency-Key': 'k' });
    expect(b.body.caseId).toBe(a.body.caseId);
  });

  it('refuses the same key with a different body with 422', async () => {
    const people = normalPeople(2);
    await post(`${mocks.urls.hrss}/cases`, caseBody('employment', [people[0]]), { 'Idempotency-Key': 'k2' });
    const conflict = await post(`${mocks.urls.hrss}/cases`, caseBody('employment', [people[1]]), {
      'Idempotency-Key': 'k2',
    });
    expect(conflict.status).toBe(422);
    expect(conflict.body.code).toBe('IDEMPOTENCY_KEY_CONFLICT');
    expect(conflict.body.message).toMatch(/Idempotency-Key/);
  });

  it('lets a caller that lost the response ask by key instead of resending', async () => {
    const missing = await get(`${mocks.urls.medicalSecurity}/cases/by-key/never-sent`);
    expect(missing.status).toBe(404);
    const created = await post(
      `${mocks.urls.medicalSecurity}/cases`,
      caseBody('medicalInsurance', normalPeople(1)),
      {
        'Idempotency-Key': 'lost-response',
      },
    );
    const byKey = await get(`${mocks.urls.medicalSecurity}/cases/by-key/lost-response`);
    expect(byKey.status).toBe(200);
    expect(byKey.body).toMatchObject({
      caseId: created.body.caseId,
      idempotencyKey: 'lost-response',
      matter: 'medicalInsurance',
    });
    const byId = await get(`${mocks.urls.medicalSecurity}/cases/${created.body.caseId}`);
    expect(byId.body.caseId).toBe(created.body.caseId);
    const counts = await get(`${mocks.urls.medicalSecurity}/_admin/counts`);
    expect(counts.body.keys['lost-response'].deliveries).toBe(1);
  });

  it('rejects a missing key and a malformed body with 400 and a Chinese message', async () => {
    const noKey = await post(`${mocks.urls.hrss}/cases`, caseBody('employment', normalPeople(1)));
    expect(noKey.status).toBe(400);
    expect(noKey.body.message).toMatch(/Idempotency-Key/);
    const body = caseBody('employment', normalPeople(1)) as { employees: Record<string, unknown>[] };
    delete body.employees[0].name;
    body.employees[0].phone = '12345';
    const bad = await post(`${mocks.urls.hrss}/cases`, body, { 'Idempotency-Key': 'bad' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_REQUEST');
    expect(bad.body.message).toMatch(/姓名不能为空/);
    expect(bad.body.message).toMatch(/手机号码格式不正确/);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('employees[0].name');
    const stringWage = caseBody('socialInsurance', normalPeople(1)) as {
      employees: Record<string, unknown>[];
    };
    stringWage.employees[0].declaredWage = '4500';
    const coerced = await post(`${mocks.urls.hrss}/cases`, stringWage, { 'Idempotency-Key': 'string-wage' });
    expect(coerced.status).toBe(400);
    expect(coerced.body.message).toContain('申报工资必须是数字');
    const missingWage = caseBody('socialInsurance', normalPeople(1)) as {
      employees: Record<string, unknown>[];
    };
    delete missingWage.employees[0].declaredWage;
    const noWage = await post(`${mocks.urls.hrss}/cases`, missingWage, { 'Idempotency-Key': 'no-wage' });
    expect(noWage.status).toBe(400);
    expect(noWage.body.message).toContain('申报工资');
    const wrongAgency = await post(`${mocks.urls.hrss}/cases`, caseBody('housingFund', normalPeople(1)), {
      'Idempotency-Key': 'wrong-agency',
    });
    expect(wrongAgency.status).toBe(400);
    const notJson = await fetch(`${mocks.urls.hrss}/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'x' },
      body: '{"matter":',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { message: string }).message).toMatch(/不是合法的 JSON/);
    const counts = await get(`${mocks.urls.hrss}/_admin/counts`);
    expect(counts.body.keys.bad).toMatchObject({ registrations: 0, invalid: 1 });
  });
});
