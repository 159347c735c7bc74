// Agency callbacks are claims, the agency's status is the truth: only a callback signed with the sending
// agency's own key (two during a rotation), fresh and never seen, about the case the agency opened, moving
// the sequence on by a bounded step, counts; a decision (已办结/已退回) is applied only once the agency's
// status query confirms it, with the agency's reasons and result.
import { randomBytes, randomUUID } from 'node:crypto';
import { signCallback } from '@hiring/mock';
import { loginAs, startTestServer, type Client, type TestServer } from './helpers/testServer';
import { adults, applicationFor, makeLegalRepresentative } from './helpers/fixtures';
import { confirmedView, type CallbackBody } from '../src/dispatch/callbackRoutes';
import type { MatterDoc } from '../src/applications/models';

const KEYS = {
  hrss: 'hrss-callback-key-0123456789',
  medicalSecurity: 'medical-callback-key-0123456789',
  housingFund: 'fund-callback-key-new-0123456789',
};
const OLD_FUND_KEY = 'fund-callback-key-old-0123456789';

let server: TestServer;
let client: Client;
let people = 40;

beforeAll(async () => {
  server = await startTestServer({
    // A long working day: the stand-in's own "reviewing" callback stays out of the way of these tests.
    mocks: { reviewMode: 'manual', workingDayMs: 3_600_000, callbackSecrets: KEYS },
    env: {
      DISPATCH_POLL_MS: '50',
      RECONCILE_AFTER_MS: '3600000',
      // Mid-rotation: the new key and the old one are both accepted for 公积金.
      HOUSING_FUND_CALLBACK_KEYS: `${KEYS.housingFund},${OLD_FUND_KEY}`,
    },
  });
  server.services.dispatcher.start(2);
  client = await loginAs(server, 'callback-owner');
  await makeLegalRepresentative(server.api, client.token, server.mocks!.world.population.units[7]);
}, 60000);

afterAll(async () => {
  await server.services.dispatcher.stop();
  await server.close();
});

/** A 公积金 application whose case the stand-in has accepted and keeps for a manual decision. */
async function acceptedCase() {
  const population = server.mocks!.world.population;
  const draft = await client.call('POST', '/drafts', {
    application: applicationFor(population.units[7], adults(population, 'normal', 1, people++), [
      'housingFund',
    ]),
  });
  const submitted = await client.call(
    'POST',
    `/drafts/${draft.body.id}/submit`,
    {},
    { 'Idempotency-Key': randomUUID() },
  );
  const id: string = submitted.body.id;
  for (let i = 0; i < 400; i++) {
    const doc = await server.services.applications.findById(id).lean();
    if (doc!.matters[0].caseId && doc!.matters[0].status === 'accepted')
      return { id, code: submitted.body.code as string, caseId: doc!.matters[0].caseId };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the case was not accepted');
}

type Case = Awaited<ReturnType<typeof acceptedCase>>;

const callback = (c: Case, status: string, sequence: number, extra: object = {}) => ({
  caseId: c.caseId,
  idempotencyKey: `${c.code}-housingFund-1`,
  matter: 'housingFund',
  applicationCode: c.code,
  status,
  decidedAt: new Date().toISOString(),
  sequence,
  ...extra,
});

async function post(
  body: object,
  { key = KEYS.housingFund, agency = 'housingFund', signAs = agency, ...options }: Record<string, any> = {},
) {
  const raw = JSON.stringify(body);
  const headers = { 'content-type': 'application/json', ...signCallback(key, signAs, raw, options) };
  const res = await fetch(`${server.api}/agency-callbacks/${agency}`, { method: 'POST', headers, body: raw });
  return { status: res.status, body: (await res.json()) as any };
}

const matterOf = async (c: Case) => (await server.services.applications.findById(c.id).lean())!.matters[0];

describe('signatures', () => {
  let c: Case;
  beforeAll(async () => {
    c = await acceptedCase();
  });

  it('accepts the agency key and, during a rotation, the old one too', async () => {
    expect((await post(callback(c, 'reviewing', 1))).status).toBe(200);
    expect((await post(callback(c, 'reviewing', 1), { key: OLD_FUND_KEY })).status).toBe(200);
  });

  it("refuses another agency's key, a wrong key, a stale timestamp and missing headers with 401", async () => {
    for (const options of [
      { key: KEYS.hrss },
      { key: KEYS.hrss, signAs: 'hrss' },
      { key: 'wrong-secret-wrong-secret' },
      { timestamp: Date.now() - 10 * 60000 },
    ]) {
      expect((await post(callback(c, 'completed', 5), options)).status).toBe(401);
    }
    const res = await fetch(`${server.api}/agency-callbacks/housingFund`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(callback(c, 'completed', 5)),
    });
    expect(res.status).toBe(401);
    expect((await matterOf(c)).status).toBe('reviewing');
  });

  it('refuses a replayed nonce', async () => {
    const nonce = randomBytes(12).toString('hex');
    expect((await post(callback(c, 'reviewing', 2), { nonce })).status).toBe(200);
    const replay = await post(callback(c, 'reviewing', 2), { nonce });
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('NONCE_REUSED');
  });

  it('refuses a body that is not what was signed, a malformed one, and callbacks for another agency', async () => {
    const signedOther = await post(callback(c, 'reviewing', 3), { caseId: 'OTHER-CASE', sequence: 3 });
    expect(signedOther.status).toBe(400);
    expect((await post({ caseId: c.caseId, status: 'completed', sequence: 1 })).status).toBe(400);
    expect((await post(callback(c, 'completed', 9), { agency: 'hrss', key: KEYS.hrss })).status).toBe(404);
    expect((await matterOf(c)).status).toBe('reviewing');
  });
});

describe('claims against the agency', () => {
  it('applies no decision the agency has not made, nor a foreign case id or a pinned sequence', async () => {
    const c = await acceptedCase();
    const forged = await post(callback(c, 'completed', 1, { result: {} }));
    expect(forged.status).toBe(409);
    expect(forged.body.error.code).toBe('NOT_CONFIRMED');
    const foreign = await post(callback({ ...c, caseId: 'GJ20990101FFFF000001' }, 'reviewing', 1));
    expect(foreign.body.error.code).toBe('CASE_MISMATCH');
    const pinned = await post(callback(c, 'reviewing', Number.MAX_SAFE_INTEGER));
    expect(pinned.body.error.code).toBe('SEQUENCE_JUMP');
    const noLabel = await post(callback(c, 'reviewing', 1, { steps: [{ status: 'completed' }] }));
    expect(noLabel.status).toBe(400);
    const untouched = await matterOf(c);
    expect(untouched.status).toBe('accepted');
    expect(untouched.caseId).toBe(c.caseId);
    expect(untouched.lastSequence).toBeLessThan(1);

    // The agency's real decision still gets through, with its own reasons.
    expect(
      server.mocks!.agencies.housingFund.returnCase(c.caseId!, [
        { code: 'BASE', message: '缴存基数低于下限' },
      ]),
    ).toBeNull();
    for (let i = 0; i < 200 && (await matterOf(c)).status !== 'returned'; i++)
      await new Promise((r) => setTimeout(r, 25));
    const returned = await matterOf(c);
    expect(returned.status).toBe('returned');
    expect(returned.reasons.map((r) => r.message)).toEqual(['缴存基数低于下限']);
    expect(JSON.stringify(returned.timeline)).not.toContain('undefined');
  });

  it('applies a confirmed decision once and ignores duplicates and late out-of-order callbacks', async () => {
    const c = await acceptedCase();
    server.mocks!.agencies.housingFund.configure({ callbackUrl: undefined });
    expect(server.mocks!.agencies.housingFund.approve(c.caseId!)).toBeNull();
    const done = await post(callback(c, 'completed', 1, { result: {} }));
    expect(done.body).toEqual({ ok: true, applied: true });
    const duplicate = await post(callback(c, 'completed', 1));
    expect(duplicate.body).toEqual({ ok: true, applied: false });
    const late = await post(callback(c, 'reviewing', 1));
    expect(late.body).toEqual({ ok: true, applied: false });
    const final = await matterOf(c);
    expect(final.status).toBe('completed');
    expect(final.timeline.map((t) => t.status)).toEqual(['pending', 'accepted', 'completed']);
    server.mocks!.agencies.housingFund.configure({
      callbackUrl: `${server.api}/agency-callbacks/housingFund`,
    });
  });
});

describe('a decision without its reasons or result', () => {
  const target = { caseId: 'C1', lastSequence: 0 } as MatterDoc;
  const body = (status: string) =>
    ({ caseId: 'C1', idempotencyKey: 'K', status, sequence: 1 }) as unknown as CallbackBody;
  const agencies = (view: object) => ({
    findByKey: async () => null,
    findByCase: async () => ({ caseId: 'C1', sequence: 1, ...view }) as never,
  });
  const deps = (view: object) => ({ agencies: agencies(view) }) as never;

  it('is refused even when the agency confirms it', async () => {
    await expect(
      confirmedView(deps({ status: 'returned', reasons: [] }), 'hrss', target, body('returned')),
    ).rejects.toMatchObject({
      status: 422,
      code: 'DECISION_INCOMPLETE',
    });
    await expect(
      confirmedView(deps({ status: 'completed' }), 'hrss', target, body('completed')),
    ).rejects.toMatchObject({
      status: 422,
      code: 'DECISION_INCOMPLETE',
    });
    await expect(
      confirmedView(
        deps({ status: 'completed', result: { employees: [] } }),
        'hrss',
        target,
        body('completed'),
      ),
    ).resolves.toMatchObject({ status: 'completed' });
  });
});
