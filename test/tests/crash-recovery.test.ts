// kill -9 of bff processes while they dispatch 200 applications: nothing is lost and nobody is registered
// twice. Two bff processes share one database; the stand-in agencies count registrations per key.
import { randomUUID } from 'node:crypto';
import {
  ALL_MATTERS,
  bffEnvFor,
  makeLegalRepresentative,
  sampleApplication,
  startMocks,
  workingAgePeople,
  type RunningMocks,
} from '@hiring/mock';
import { testDatabaseUri } from '../../tools/jest/testDatabase';
import { freePort, startBff, type BffProcess } from '../src/bffProcess';

jest.setTimeout(240000);

const SECRET = 'crash-test-callback-secret-0123';
const APPLICATIONS = 200;

let mocks: RunningMocks;
let env: Record<string, string>;
const ports: number[] = [];
const running: (BffProcess | null)[] = [null, null];

beforeAll(async () => {
  mocks = await startMocks({
    callbackSecret: SECRET,
    workingDayMs: 300,
    callbackRetryDelaysMs: [100, 300, 600, 1200],
  });
  ports.push(await freePort(), await freePort());
  env = {
    MONGODB_URI: testDatabaseUri('crash'),
    DEV_LOGIN: 'true',
    ...bffEnvFor(mocks, SECRET),
    DISPATCH_LEASE_MS: '2000',
    DISPATCH_POLL_MS: '50',
    DISPATCH_BACKOFF_MS: '100',
    DISPATCH_BACKOFF_CAP_MS: '1000',
    RECONCILE_AFTER_MS: '1500',
    RATE_LIMIT_PER_MINUTE: '100000',
  };
  // Callbacks go to either process; while one is down, the other takes them.
  for (const [i, agency] of (['hrss', 'medicalSecurity', 'housingFund'] as const).entries()) {
    mocks.agencies[agency].configure({
      callbackUrl: `http://127.0.0.1:${ports[i % 2]}/api/v1/agency-callbacks/${agency}`,
    });
  }
  running[0] = await startBff(ports[0], { ...env, WORKERS: 'false' });
});

afterAll(async () => {
  await Promise.all(running.map((p) => p?.kill('SIGKILL')));
  await mocks?.stop();
});

async function call(
  base: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'application/json',
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

/** The one unit the test account acts for (one person, one account): registered with both funds already. */
const theUnit = () =>
  mocks.world.population.units.find((u) => u.socialInsuranceCode && u.housingFundAccount)!;

function application(index: number) {
  const population = mocks.world.population;
  const people = workingAgePeople(population, 'normal', APPLICATIONS * 2);
  const matters = index % 2 === 0 ? ['employment', 'socialInsurance'] : [...ALL_MATTERS];
  return sampleApplication(theUnit(), [people[index]], matters, {
    name: '王经办',
    idNumber: people[people.length - 1 - index].idNumber,
    phone: '13800138000',
  });
}

it('loses nothing and registers nobody twice when bff processes are killed with SIGKILL during dispatch', async () => {
  const t0 = Date.now();
  const base = running[0]!.url;
  const login = await call(base, null, 'POST', '/auth/dev-login', { nickname: 'crash-owner' });
  expect(login.status).toBe(200);
  const token = login.body.token;
  await makeLegalRepresentative(`${base}/api/v1`, token, theUnit());

  // Submit 200 applications while no process dispatches (WORKERS=false), so all the work is queued.
  const ids: string[] = [];
  for (let i = 0; i < APPLICATIONS; i++) {
    const draft = await call(base, token, 'POST', '/drafts', { application: application(i) });
    expect(draft.status).toBe(201);
    const submitted = await call(
      base,
      token,
      'POST',
      `/drafts/${draft.body.id}/submit`,
      {},
      { 'Idempotency-Key': randomUUID() },
    );
    if (submitted.status !== 201)
      throw new Error(`submit ${i}: ${JSON.stringify(submitted.body).slice(0, 500)}`);
    ids.push(submitted.body.id);
  }
  await running[0]!.kill('SIGTERM');
  const tSubmitted = Date.now();

  // Two dispatching processes; kill -9 one every 500 ms for 8 s (restarting it in the background) while the
  // agencies answer slowly, so calls are in flight when a process dies.
  for (const agency of ['hrss', 'medicalSecurity', 'housingFund'] as const)
    mocks.agencies[agency].faults.latencyMs = 150;
  running[0] = await startBff(ports[0], env);
  running[1] = await startBff(ports[1], env);
  let kills = 0;
  const restarts: Promise<void>[] = [];
  const killUntil = Date.now() + 8000;
  while (Date.now() < killUntil) {
    await new Promise((r) => setTimeout(r, 500));
    const victim = kills % 2;
    const process = running[victim];
    if (!process) continue; // still restarting
    running[victim] = null;
    await process.kill('SIGKILL');
    kills += 1;
    restarts.push(startBff(ports[victim], env).then((p) => void (running[victim] = p)));
  }
  await Promise.all(restarts);
  for (const agency of ['hrss', 'medicalSecurity', 'housingFund'] as const)
    mocks.agencies[agency].faults.latencyMs = 0;
  const tKilled = Date.now();
  // Everything must still finish.
  const deadline = Date.now() + 90000;
  let completed = 0;
  while (Date.now() < deadline) {
    completed = 0;
    let total = 0;
    for (let page = 1; ; page++) {
      const list = await call(running[0]!.url, token, 'GET', `/applications?page=${page}&pageSize=100`);
      total = list.body.total;
      completed += list.body.items.filter((a: { status: string }) => a.status === 'completed').length;
      if (page * 100 >= total) break;
    }
    if (total !== APPLICATIONS) {
      const mongoose = (await import('mongoose')).default;
      const c = await mongoose.createConnection(env.MONGODB_URI).asPromise();
      const docs = await c
        .db!.collection('applications')
        .find({}, { projection: { accountId: 1, code: 1 } })
        .toArray();
      console.log(
        'DIAG total docs',
        docs.length,
        'distinct accounts',
        new Set(docs.map((d) => String(d.accountId))).size,
        'ids',
        ids.length,
        'missing',
        ids.filter((id) => !docs.some((d) => String(d._id) === id)).length,
      );
      const missingId = ids.find((id) => !docs.some((d) => String(d._id) === id));
      console.log('DIAG sample missing', missingId);
      await c.close();
    }
    expect(total).toBe(APPLICATIONS);
    if (completed === APPLICATIONS) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (completed !== APPLICATIONS) {
    const mongoose = (await import('mongoose')).default;
    const c = await mongoose.createConnection(env.MONGODB_URI).asPromise();
    const docs = await c
      .db!.collection('applications')
      .find({ 'matters.status': { $ne: 'completed' } })
      .toArray();
    for (const d of docs.slice(0, 3)) {
      console.log(
        'DIAG',
        JSON.stringify({
          pending: d.dispatchPending,
          next: d.nextDispatchAt,
          lease: d.dispatchLeaseUntil,
          owner: d.dispatchLeaseOwner,
          gen: d.dispatchGeneration,
          matters: d.matters.map((m: any) => ({
            m: m.matter,
            s: m.status,
            d: m.dispatch,
            case: m.caseId,
            seq: m.lastSequence,
            checked: m.lastCheckedAt,
          })),
        }),
      );
    }
    await c.close();
  }
  expect(completed).toBe(APPLICATIONS);
  console.log(
    `phases: submit ${tSubmitted - t0} ms, kill loop ${tKilled - tSubmitted} ms, drain ${Date.now() - tKilled} ms`,
  );

  // Exactly one registration per matter; duplicates (resent after a kill) were recognised as such.
  let matters = 0;
  let duplicates = 0;
  for (const agency of ['hrss', 'medicalSecurity', 'housingFund'] as const) {
    for (const counts of Object.values(mocks.agencies[agency].allCounts())) {
      expect(counts.registrations).toBe(1);
      matters += 1;
      duplicates += counts.duplicates;
    }
  }
  expect(matters).toBe(APPLICATIONS * 3);
  console.log(
    `crash test: ${APPLICATIONS} applications, ${matters} matters, ${kills} SIGKILLs, ${duplicates} duplicate deliveries absorbed`,
  );
});
