import { population, verifySignature, type RunningMocks } from '../src/index';
import {
  caseBody,
  DAY_MS,
  get,
  normalPeople,
  post,
  SECRET,
  sleep,
  mocksCallingBack,
  type Receiver,
} from './helpers';

describe('review within 3 working days and signed callbacks', () => {
  let mocks: RunningMocks;
  let receiver: Receiver;
  mocksCallingBack('each', (running) => ({ mocks, receiver } = running));

  it('医保 accepts, goes to review, and decides within 3 scaled working days with signed, sequenced callbacks', async () => {
    const sent = Date.now();
    const { status, body } = await post(
      `${mocks.urls.medicalSecurity}/cases`,
      caseBody('medicalInsurance', normalPeople(2)),
      {
        'Idempotency-Key': 'yb-1',
      },
    );
    expect(status).toBe(201);
    expect(body.status).toBe('accepted');
    expect(body.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [reviewing, decided] = await receiver.waitFor(2, 3 * DAY_MS + 1000);
    expect(reviewing.body).toMatchObject({
      caseId: body.caseId,
      status: 'reviewing',
      sequence: 1,
      idempotencyKey: 'yb-1',
    });
    expect(decided.body).toMatchObject({
      caseId: body.caseId,
      status: 'completed',
      sequence: 2,
      matter: 'medicalInsurance',
    });
    // Delivery may lag on a busy machine; the decision itself must fall within the time limit.
    expect(decided.at - sent).toBeLessThan(3 * DAY_MS + 1000);
    for (const callback of [reviewing, decided]) {
      expect(
        verifySignature(SECRET, callback.headers as Record<string, string>, callback.rawBody),
      ).toMatchObject({ ok: true });
    }
    const view = await get(`${mocks.urls.medicalSecurity}/cases/${body.caseId}`);
    expect(view.body).toMatchObject({ status: 'completed', sequence: 2, overdue: false });
    const took = Date.parse(view.body.decidedAt) - Date.parse(view.body.receivedAt);
    expect(took).toBeGreaterThan(0);
    expect(took).toBeLessThanOrEqual(3 * DAY_MS + 50);
    expect(Date.parse(view.body.dueAt) - Date.parse(view.body.receivedAt)).toBe(3 * DAY_MS);
  });

  it('公积金 returns a case with the automatic findings when nobody intervenes', async () => {
    const unsealed = population().peopleWith('housingFundNotSealed', 1)[0];
    const { body } = await post(`${mocks.urls.housingFund}/cases`, caseBody('housingFund', [unsealed]), {
      'Idempotency-Key': 'gjj-1',
    });
    const [, decided] = await receiver.waitFor(2, 3 * DAY_MS + 1000);
    expect(decided.body).toMatchObject({ caseId: body.caseId, status: 'returned' });
    expect(decided.body.reasons).toEqual([
      expect.objectContaining({ code: 'HOUSING_FUND_NOT_SEALED', employeeIndex: 0 }),
    ]);
  });

  it('人社 also reports its instant decision by callback', async () => {
    const { body } = await post(`${mocks.urls.hrss}/cases`, caseBody('employment', normalPeople(1)), {
      'Idempotency-Key': 'rs-1',
    });
    const [callback] = await receiver.waitFor(1);
    expect(callback.body).toMatchObject({ caseId: body.caseId, status: 'completed', sequence: 1 });
  });

  it('in manual mode nothing is decided until an operator approves or returns', async () => {
    mocks.agencies.medicalSecurity.configure({ reviewMode: 'manual' });
    const a = await post(
      `${mocks.urls.medicalSecurity}/cases`,
      caseBody('medicalInsurance', normalPeople(1)),
      { 'Idempotency-Key': 'm-a' },
    );
    const b = await post(
      `${mocks.urls.medicalSecurity}/cases`,
      caseBody('medicalInsurance', normalPeople(1, 1)),
      { 'Idempotency-Key': 'm-b' },
    );
    await sleep(3 * DAY_MS + 100);
    expect(receiver.received.map((r) => r.body.status)).toEqual(['reviewing', 'reviewing']);
    const overdue = await get(`${mocks.urls.medicalSecurity}/cases/${a.body.caseId}`);
    expect(overdue.body).toMatchObject({ status: 'reviewing', overdue: true });

    const approved = await post(`${mocks.urls.medicalSecurity}/_admin/cases/${a.body.caseId}/approve`, {});
    expect(approved.body.status).toBe('completed');
    const returned = await post(`${mocks.urls.medicalSecurity}/_admin/cases/${b.body.caseId}/return`, {
      reasons: [{ code: 'MATERIAL_MISSING', message: '缺少劳动合同复印件', employeeIndex: 0 }],
    });
    expect(returned.body.reasons).toEqual([
      { code: 'MATERIAL_MISSING', message: '缺少劳动合同复印件', employeeIndex: 0 },
    ]);
    const again = await post(`${mocks.urls.medicalSecurity}/_admin/cases/${a.body.caseId}/return`, {
      reasons: [{ message: '晚了' }],
    });
    expect(again.status).toBe(409);
    const noReason = await post(`${mocks.urls.medicalSecurity}/_admin/cases/${b.body.caseId}/return`, {});
    expect(noReason.status).toBe(400);

    const callbacks = await receiver.waitFor(4);
    expect(
      callbacks
        .slice(2)
        .map((c) => `${c.body.caseId}:${c.body.status}:${c.body.sequence}`)
        .sort(),
    ).toEqual([`${a.body.caseId}:completed:2`, `${b.body.caseId}:returned:2`].sort());
  });

  it('queues callbacks while no URL is configured and sends them once the bff registers its URL', async () => {
    mocks.agencies.hrss.configure({ callbackUrl: undefined });
    await post(`${mocks.urls.hrss}/cases`, caseBody('employment', normalPeople(1)), {
      'Idempotency-Key': 'early',
    });
    await sleep(100);
    expect(receiver.received).toHaveLength(0);
    const config = await post(`${mocks.urls.hrss}/_admin/config`, { callbackUrl: receiver.url });
    expect(config.body.callbackUrl).toBe(receiver.url);
    const [callback] = await receiver.waitFor(1);
    expect(callback.body.idempotencyKey).toBe('early');
  });

  it('retries a callback the receiver failed, signing each attempt afresh', async () => {
    receiver.script.push(500, 503);
    await post(`${mocks.urls.hrss}/cases`, caseBody('employment', normalPeople(1)), {
      'Idempotency-Key': 'retry',
    });
    const attempts = await receiver.waitFor(3);
    expect(new Set(attempts.map((a) => a.rawBody)).size).toBe(1);
    expect(new Set(attempts.map((a) => a.headers['x-agency-nonce'])).size).toBe(3);
    const log = await get(`${mocks.urls.hrss}/_admin/callbacks`);
    expect(log.body.deliveries[0]).toMatchObject({ state: 'delivered', attempts: 3 });
  });

  it('gives up after the last retry and redelivers on request once the receiver is back', async () => {
    receiver.script.push(500, 500, 500);
    await post(`${mocks.urls.hrss}/cases`, caseBody('employment', normalPeople(1)), {
      'Idempotency-Key': 'gave-up',
    });
    await receiver.waitFor(3);
    await sleep(50);
    expect((await get(`${mocks.urls.hrss}/_admin/callbacks`)).body.deliveries[0]).toMatchObject({
      state: 'failed',
      attempts: 3,
    });
    const redelivered = await post(`${mocks.urls.hrss}/_admin/callbacks/redeliver`, {});
    expect(redelivered.body.redelivered).toBe(1);
    const attempts = await receiver.waitFor(4);
    expect(attempts[3].body.idempotencyKey).toBe('gave-up');
  });

  it('switching back to auto decides cases already past their time limit at once', async () => {
    await post(`${mocks.urls.housingFund}/_admin/config`, { reviewMode: 'manual' });
    const { body } = await post(
      `${mocks.urls.housingFund}/cases`,
      caseBody('housingFund', normalPeople(1, 2)),
      {
        'Idempotency-Key': 'late',
      },
    );
    await sleep(3 * DAY_MS + 50);
    expect((await get(`${mocks.urls.housingFund}/cases/${body.caseId}`)).body.status).toBe('reviewing');
    await post(`${mocks.urls.housingFund}/_admin/config`, { reviewMode: 'auto' });
    await sleep(50);
    expect((await get(`${mocks.urls.housingFund}/cases/${body.caseId}`)).body.status).toBe('completed');
  });

  it("can deliver a case's callbacks out of order, so the receiver's sequence check can be tested", async () => {
    await post(`${mocks.urls.medicalSecurity}/_admin/config`, { reviewMode: 'manual' });
    await post(`${mocks.urls.medicalSecurity}/_admin/faults`, { callbackHold: true });
    const { body } = await post(
      `${mocks.urls.medicalSecurity}/cases`,
      caseBody('medicalInsurance', normalPeople(1, 3)),
      {
        'Idempotency-Key': 'reorder',
      },
    );
    await sleep(DAY_MS * 0.1 + 50);
    await post(`${mocks.urls.medicalSecurity}/_admin/cases/${body.caseId}/approve`, {});
    expect(receiver.received).toHaveLength(0);
    const released = await post(`${mocks.urls.medicalSecurity}/_admin/callbacks/release`, { reverse: true });
    expect(released.body.released).toBe(2);
    const callbacks = await receiver.waitFor(2);
    expect(callbacks.map((c) => `${c.body.status}:${c.body.sequence}`)).toEqual([
      'completed:2',
      'reviewing:1',
    ]);
  });
});
