import type { RunningMocks } from '../src/index';
import { caseBody, get, normalPeople, post, sleep, mocksCallingBack, type Receiver } from './helpers';

describe('fault controls', () => {
  let mocks: RunningMocks;
  let receiver: Receiver;
  mocksCallingBack('all', (running) => ({ mocks, receiver } = running));
  beforeEach(() => {
    Object.values(mocks.agencies).forEach((agency) => agency.reset());
    receiver.received.length = 0;
  });

  it('hard down resets every connection, healthz included, until the admin route brings it back', async () => {
    await post(`${mocks.urls.housingFund}/_admin/faults`, { down: true });
    await expect(fetch(`${mocks.urls.housingFund}/healthz`)).rejects.toThrow();
    await expect(
      post(`${mocks.urls.housingFund}/cases`, caseBody('housingFund', normalPeople(1)), {
        'Idempotency-Key': 'down',
      }),
    ).rejects.toThrow();
    const page = await fetch(`${mocks.urls.housingFund}/`);
    expect(await page.text()).toContain('已停机');
    await post(`${mocks.urls.housingFund}/_admin/faults`, { down: false });
    expect((await get(`${mocks.urls.housingFund}/healthz`)).status).toBe(200);
    const counts = await get(`${mocks.urls.housingFund}/_admin/counts`);
    expect(counts.body.keys.down).toBeUndefined();
  });

  it('errorNext answers 503 without registering, then the service recovers', async () => {
    await post(`${mocks.urls.hrss}/_admin/faults`, { errorNext: 2 });
    const body = caseBody('employment', normalPeople(1));
    const first = await post(`${mocks.urls.hrss}/cases`, body, { 'Idempotency-Key': 'e' });
    const second = await post(`${mocks.urls.hrss}/cases`, body, { 'Idempotency-Key': 'e' });
    const third = await post(`${mocks.urls.hrss}/cases`, body, { 'Idempotency-Key': 'e' });
    expect([first.status, second.status, third.status]).toEqual([503, 503, 201]);
    expect(first.body.message).toBe('系统繁忙，请稍后重试');
    const counts = await get(`${mocks.urls.hrss}/_admin/counts`);
    expect(counts.body.keys.e).toMatchObject({ deliveries: 1, registrations: 1, duplicates: 0 });
  });

  it('errorRate 1 fails everything and 0 fails nothing', async () => {
    await post(`${mocks.urls.govData}/_admin/faults`, { errorRate: 1 });
    expect((await fetch(`${mocks.urls.govData}/healthz`)).status).toBe(503);
    await post(`${mocks.urls.govData}/_admin/faults`, { errorRate: 0 });
    expect((await fetch(`${mocks.urls.govData}/healthz`)).status).toBe(200);
  });

  it('a timeout registers the case but loses the answer; the caller finds it by key and a resend is a duplicate', async () => {
    await post(`${mocks.urls.medicalSecurity}/_admin/faults`, { timeoutNext: 1, timeoutHoldMs: 5000 });
    const body = caseBody('medicalInsurance', normalPeople(1));
    await expect(
      fetch(`${mocks.urls.medicalSecurity}/cases`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'slow' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    const status = await get(`${mocks.urls.medicalSecurity}/cases/by-key/slow`);
    expect(status.status).toBe(200);
    const resend = await post(`${mocks.urls.medicalSecurity}/cases`, body, { 'Idempotency-Key': 'slow' });
    expect(resend.body.caseId).toBe(status.body.caseId);
    const counts = await get(`${mocks.urls.medicalSecurity}/_admin/counts`);
    expect(counts.body.keys.slow).toMatchObject({ registrations: 1, duplicates: 1 });
  });

  it('latency delays responses by the configured time', async () => {
    await post(`${mocks.urls.wechat}/_admin/faults`, { latencyMs: 150 });
    const started = Date.now();
    await fetch(`${mocks.urls.wechat}/healthz`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await post(`${mocks.urls.wechat}/_admin/faults`, { latencyMs: 0 });
  });

  it('callbackLoss drops callbacks; the status query still tells the truth', async () => {
    await post(`${mocks.urls.hrss}/_admin/faults`, { callbackLoss: 1 });
    const created = await post(`${mocks.urls.hrss}/cases`, caseBody('employment', normalPeople(1)), {
      'Idempotency-Key': 'lost',
    });
    await sleep(150);
    expect(receiver.received).toHaveLength(0);
    const log = await get(`${mocks.urls.hrss}/_admin/callbacks`);
    expect(log.body.deliveries[0]).toMatchObject({ caseId: created.body.caseId, state: 'lost' });
    expect((await get(`${mocks.urls.hrss}/cases/by-key/lost`)).body.status).toBe('completed');
  });

  it('callbackDuplicate delivers the same callback twice', async () => {
    await post(`${mocks.urls.hrss}/_admin/faults`, { callbackDuplicate: 1 });
    await post(`${mocks.urls.hrss}/cases`, caseBody('employment', normalPeople(1)), {
      'Idempotency-Key': 'dup',
    });
    const [a, b] = await receiver.waitFor(2);
    expect(a.rawBody).toBe(b.rawBody);
  });

  it('rejects out-of-range fault settings with a Chinese message', async () => {
    const res = await post(`${mocks.urls.hrss}/_admin/faults`, { errorRate: 2 });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('必须在 0 到 1 之间');
    const unknown = await post(`${mocks.urls.hrss}/_admin/faults`, { explode: true });
    expect(unknown.body.message).toContain('未知的故障参数');
  });

  it('reset clears cases, counts and faults', async () => {
    await post(`${mocks.urls.hrss}/cases`, caseBody('employment', normalPeople(1)), {
      'Idempotency-Key': 'r',
    });
    await post(`${mocks.urls.hrss}/_admin/faults`, { latencyMs: 50 });
    await post(`${mocks.urls.hrss}/_admin/reset`, {});
    expect((await get(`${mocks.urls.hrss}/cases/by-key/r`)).status).toBe(404);
    expect((await get(`${mocks.urls.hrss}/_admin/faults`)).body.latencyMs).toBe(0);
  });
});
