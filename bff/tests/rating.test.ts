// 好差评 over real HTTP, the stand-in agencies deciding: an application can be rated only once every matter
// is 办结, only by an account entitled to it, once (also when two ratings race), 1-5 with a comment of at
// most 200 characters; the detail shows the rating, and the application document holds it as the
// supervisor's dashboard reads it (rating: { score, comment, ratedAt }).
import { randomUUID } from 'node:crypto';
import { todayInChina } from '@hiring/shared';
import { adults, applicationFor, makeLegalRepresentative } from './helpers/fixtures';
import { FAST_DISPATCH, loginAs, startTestServer, type Client, type TestServer } from './helpers/testServer';

jest.setTimeout(120_000);

let server: TestServer;
let alice: Client;
let bob: Client;

beforeAll(async () => {
  // Manual review: the 3-working-day matters wait in 审核中 until the test approves them.
  server = await startTestServer({ mocks: { reviewMode: 'manual' }, env: FAST_DISPATCH });
  server.services.dispatcher.start(2);
  alice = await loginAs(server, 'rating-alice');
  bob = await loginAs(server, 'rating-bob');
  const units = server.mocks!.world.population.units.filter(
    (u) => u.socialInsuranceCode && u.housingFundAccount,
  );
  await makeLegalRepresentative(server.api, alice.token, units[40]);
  await makeLegalRepresentative(server.api, bob.token, units[41]);
  aliceUnit = units[40];
});

afterAll(async () => {
  await server?.services.dispatcher.stop();
  await server?.close();
});

let aliceUnit: { uscc: string; name: string };
let hireSkip = 300;

async function submitted(client: Client): Promise<string> {
  const unit = server.mocks!.world.population.units.find((u) => u.uscc === aliceUnit.uscc)!;
  const application = applicationFor(unit, adults(server.mocks!.world.population, 'normal', 1, hireSkip++));
  const draft = await client.call('POST', '/drafts', {
    application: {
      ...application,
      unit: { applicationDate: todayInChina(), firstApplication: false, ...application.unit },
    },
  });
  expect(draft.status).toBe(201);
  const res = await client.call(
    'POST',
    `/drafts/${draft.body.id}/submit`,
    {},
    { 'Idempotency-Key': randomUUID() },
  );
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ rating: null, rateable: false });
  return res.body.id as string;
}

async function detail(id: string, client = alice) {
  const res = await client.call('GET', `/applications/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function until(id: string, what: string, ok: (app: any) => boolean) {
  for (let i = 0; i < 400; i++) {
    const app = await detail(id);
    if (ok(app)) return app;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`application ${id} never reached: ${what}`);
}

/** 即办 matters 办结, the 3-working-day ones 审核中 (waiting for the test to approve them). */
const reviewing = (id: string) =>
  until(id, '3-day matters reviewing', (app) =>
    app.matters.every((m: any) =>
      ['medicalInsurance', 'housingFund'].includes(m.matter)
        ? m.status === 'reviewing'
        : m.status === 'completed',
    ),
  );

async function completed(id: string) {
  const app = await reviewing(id);
  for (const m of app.matters.filter((m: any) => m.status === 'reviewing')) {
    const agency = m.matter === 'medicalInsurance' ? 'medicalSecurity' : 'housingFund';
    expect(server.mocks!.agencies[agency as 'medicalSecurity' | 'housingFund'].approve(m.caseId)).toBeNull();
  }
  return until(id, '办结', (a) => a.status === 'completed');
}

const rate = (id: string, body: unknown, client = alice) =>
  client.call('POST', `/applications/${id}/rating`, body);
const stored = async (id: string) =>
  (await server.services.applications.findById(id, { rating: 1 }).lean())?.rating;

let done: string;
let racing: string;

it('is refused before 办结 (422 in Chinese) and offered once every matter is 办结', async () => {
  done = await submitted(alice);
  racing = await submitted(alice);
  const early = await reviewing(done);
  expect(early).toMatchObject({ rateable: false, rating: null });
  const refused = await rate(done, { score: 5 });
  expect(refused.status).toBe(422);
  expect(refused.body.error).toEqual({
    code: 'NOT_COMPLETED',
    message: '全部事项办结后才能评价，请办结后再来',
  });
  expect(await stored(done)).toBeUndefined();

  const app = await completed(done);
  expect(app).toMatchObject({ status: 'completed', rateable: true, rating: null });
  await completed(racing);
});

it('is 404 for an application of someone else, as for one that does not exist', async () => {
  const foreign = await rate(done, { score: 1, comment: '不是我的办件' }, bob);
  expect(foreign.status).toBe(404);
  expect(foreign.body.error).toEqual({ code: 'NOT_FOUND', message: '办件不存在' });
  expect((await rate('0123456789abcdef01234567', { score: 3 })).status).toBe(404);
  expect((await server.services.applications.findById(done).lean())?.rating).toBeUndefined();
  const anonymous = await fetch(`${server.api}/applications/${done}/rating`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"score":5}',
  });
  expect(anonymous.status).toBe(401);
});

it('takes 1-5 whole stars and up to 200 characters of comment, refusing the rest in Chinese', async () => {
  const bad: [unknown, string][] = [
    [{}, '请选择评分（1 到 5 星）'],
    [{ score: 0 }, '评分应为 1 到 5 星的整数'],
    [{ score: 6 }, '评分应为 1 到 5 星的整数'],
    [{ score: 3.5 }, '评分应为 1 到 5 星的整数'],
    [{ score: 'five' }, '评分应为 1 到 5 星的整数'],
    [{ score: [5] }, '评分应为 1 到 5 星的整数'],
    [{ score: 5, comment: '好'.repeat(201) }, '评价内容最多 200 个字'],
    [{ score: 5, comment: { text: '好' } }, '评价内容应为文字'],
    [{ score: 5, stars: 5 }, '不支持的字段：stars'],
  ];
  for (const [body, message] of bad) {
    const res = await rate(done, body);
    expect([JSON.stringify(body).slice(0, 40), res.status]).toEqual([JSON.stringify(body).slice(0, 40), 400]);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(res.body.error.details.map((d: { message: string }) => d.message)).toContain(message);
  }
  expect(await stored(done)).toBeUndefined();
  expect((await detail(done)).rateable).toBe(true);
});

it('is taken once: the comment trimmed, shown on the detail, a second rating 409', async () => {
  const comment = `  ${'办'.repeat(198)}好  `;
  const res = await rate(done, { score: 4, comment });
  expect(res.status).toBe(201);
  expect(res.body).toEqual({ score: 4, comment: `${'办'.repeat(198)}好`, ratedAt: expect.any(String) });
  expect(Date.now() - Date.parse(res.body.ratedAt)).toBeLessThan(60_000);

  const app = await detail(done);
  expect(app).toMatchObject({ rateable: false, rating: res.body });

  const again = await rate(done, { score: 1, comment: '改成差评' });
  expect(again.status).toBe(409);
  expect(again.body.error).toEqual({
    code: 'ALREADY_RATED',
    message: '该办件已经评价过了，每个办件只能评价一次',
  });
  // The stored contract the supervisor's dashboard aggregates.
  const rating = await stored(done);
  expect(rating).toEqual({ score: 4, comment: `${'办'.repeat(198)}好`, ratedAt: expect.any(Date) });
  const trail = await server.services.audit.search({ action: 'application.rate', page: 1, pageSize: 10 });
  expect(trail.items.map((r) => [r.actor?.id, r.detail])).toEqual([[alice.accountId, { score: 4 }]]);
});

it('lets one of ten concurrent ratings win; the others get 409 and the stored one is the winner', async () => {
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => rate(racing, { score: (i % 5) + 1, comment: `第 ${i} 个` })),
  );
  const won = results.filter((r) => r.status === 201);
  expect(won).toHaveLength(1);
  expect(results.filter((r) => r.status === 409)).toHaveLength(9);
  const rating = await stored(racing);
  expect(rating).toMatchObject({ score: won[0].body.score, comment: won[0].body.comment });
  expect((await detail(racing)).rating).toEqual(won[0].body);
});
