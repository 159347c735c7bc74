// Agency callbacks: only signed, fresh, never-seen ones count; duplicates and stale news change nothing.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { CALLBACK_SECRET, loginAs, startTestServer, type TestServer } from './helpers/testServer';
import { adults, applicationFor, makeLegalRepresentative } from './helpers/fixtures';

let server: TestServer;
let applicationId: string;
let code: string;
let caseId: string;

beforeAll(async () => {
  server = await startTestServer({
    // A long working day: the stand-in's own "reviewing" callback stays out of the way of these tests.
    mocks: { reviewMode: 'manual', workingDayMs: 3_600_000 },
    env: { DISPATCH_POLL_MS: '50', RECONCILE_AFTER_MS: '3600000' },
  });
  server.services.dispatcher.start(2);
  const client = await loginAs(server, 'callback-owner');
  const population = server.mocks!.world.population;
  await makeLegalRepresentative(server.api, client.token, population.units[7]);
  const draft = await client.call('POST', '/drafts', {
    application: applicationFor(population.units[7], adults(population, 'normal', 1, 40), ['housingFund']),
  });
  const submitted = await client.call(
    'POST',
    `/drafts/${draft.body.id}/submit`,
    {},
    { 'Idempotency-Key': randomUUID() },
  );
  applicationId = submitted.body.id;
  code = submitted.body.code;
  for (let i = 0; i < 100; i++) {
    const doc = await server.services.applications.findById(applicationId).lean();
    if (doc!.matters[0].caseId && doc!.matters[0].status === 'accepted') {
      caseId = doc!.matters[0].caseId;
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}, 60_000);

afterAll(async () => {
  await server.services.dispatcher.stop();
  await server.close();
});

function signed(
  body: object,
  { secret = CALLBACK_SECRET, timestamp = Date.now(), nonce = randomBytes(12).toString('hex') } = {},
) {
  const raw = JSON.stringify(body);
  const signature = createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n${raw}`).digest('hex');
  return {
    raw,
    headers: {
      'content-type': 'application/json',
      'X-Agency-Timestamp': String(timestamp),
      'X-Agency-Nonce': nonce,
      'X-Agency-Signature': signature,
    },
  };
}

async function post(body: object, options?: Parameters<typeof signed>[1], agency = 'housingFund') {
  const { raw, headers } = signed(body, options);
  const res = await fetch(`${server.api}/agency-callbacks/${agency}`, { method: 'POST', headers, body: raw });
  return { status: res.status, body: (await res.json()) as any };
}

const callback = (status: string, sequence: number, extra: object = {}) => ({
  caseId,
  idempotencyKey: `${code}-housingFund-1`,
  matter: 'housingFund',
  applicationCode: code,
  status,
  decidedAt: new Date().toISOString(),
  sequence,
  ...extra,
});

const matter = async () => (await server.services.applications.findById(applicationId).lean())!.matters[0];

it('had the case accepted and waiting for review', async () => {
  expect(caseId).toBeTruthy();
  expect((await matter()).status).toBe('accepted');
});

it('refuses a wrong signature, a stale timestamp and missing headers with 401', async () => {
  expect((await post(callback('completed', 5), { secret: 'wrong-secret-wrong-secret' })).status).toBe(401);
  expect((await post(callback('completed', 5), { timestamp: Date.now() - 10 * 60000 })).status).toBe(401);
  const res = await fetch(`${server.api}/agency-callbacks/housingFund`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(callback('completed', 5)),
  });
  expect(res.status).toBe(401);
  expect((await matter()).status).toBe('accepted');
});

it('refuses a replayed nonce', async () => {
  const nonce = randomBytes(12).toString('hex');
  expect((await post(callback('reviewing', 1), { nonce })).status).toBe(200);
  const replay = await post(callback('reviewing', 1), { nonce });
  expect(replay.status).toBe(409);
  expect(replay.body.error.code).toBe('NONCE_REUSED');
});

it('refuses a malformed body after the signature checks, and callbacks for another agency', async () => {
  expect((await post({ caseId, status: 'completed' })).status).toBe(400);
  expect((await post(callback('completed', 9), undefined, 'hrss')).status).toBe(404);
  expect((await matter()).status).toBe('reviewing');
});

it('applies news in order, ignores duplicates and late out-of-order callbacks', async () => {
  const done = await post(callback('completed', 3));
  expect(done.body).toEqual({ ok: true, applied: true });
  const duplicate = await post(callback('completed', 3));
  expect(duplicate.body).toEqual({ ok: true, applied: false });
  const late = await post(callback('reviewing', 2));
  expect(late.body).toEqual({ ok: true, applied: false });
  const final = await matter();
  expect(final.status).toBe('completed');
  expect(final.timeline.map((t) => t.status)).toEqual(['pending', 'accepted', 'reviewing', 'completed']);
});
