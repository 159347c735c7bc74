// kill -9 of bff processes while they take submissions and while they dispatch: nothing is lost, one draft
// becomes one application, nobody is registered twice, and the agencies receive what was submitted. Two
// bff processes share one database. Every draft is submitted twice at once, with two keys, on both
// processes (two phones); processes are killed during submission and during dispatch, the latter at moments
// the victim holds a delivery in flight. The stand-in agencies count registrations per person (not per
// key), deliveries whose sender died mid-request (it asks by key afterwards instead of resending), and
// duplicates they absorbed.
//
// On a busy 2-core machine everything here is slow, so nothing waits on the clock: every phase waits on
// state (answers, kills that hit deliveries, matters decided) and the test fails only when the system stops
// making progress for STALL_MS, or when Jest's budget below runs out.
import { randomUUID } from 'node:crypto';
import {
  ALL_MATTERS,
  bffEnvFor,
  makeLegalRepresentative,
  sampleApplication,
  startMocks,
  workingAgePeople,
  type AgencyId,
  type RunningMocks,
} from '@hiring/mock';
import { routeMatters, todayInChina, validateApplication, type Application } from '@hiring/shared';
import mongoose from 'mongoose';
import { testDatabaseUri } from '../../tools/jest/testDatabase';
import { callBff, freePort, startBff, type BffProcess } from '../src/bffProcess';

// About 3-5 minutes on a loaded machine; the budget is for a machine that is much busier still.
jest.setTimeout(20 * 60_000);

const APPLICATIONS = Number(process.env.CRASH_APPLICATIONS ?? 200);
/** No progress at all for this long means something is stuck (not merely slow). */
const STALL_MS = 120_000;
/** A bff process may take this long to come up while the machine is busy. */
const READY_WITHIN_MS = 120_000;
/** Kills while dispatching; each must catch its victim with a delivery in flight. */
const DISPATCH_KILLS = 4;
const AGENCIES: AgencyId[] = ['hrss', 'medicalSecurity', 'housingFund'];
const KEYS: Record<AgencyId, string> = {
  hrss: 'crash-hrss-callback-key-0123',
  medicalSecurity: 'crash-medical-callback-key-0123',
  housingFund: 'crash-fund-callback-key-0123',
};

let mocks: RunningMocks;
let env: Record<string, string>;
let db: mongoose.Connection;
const ports: number[] = [];
const running: (BffProcess | null)[] = [null, null];
const restarts: Promise<void>[] = [];
let kills = 0;

beforeAll(async () => {
  mocks = await startMocks({
    callbackSecrets: KEYS,
    workingDayMs: 300,
    callbackRetryDelaysMs: [100, 300, 600, 1200, 2400],
  });
  ports.push(await freePort(), await freePort());
  env = {
    MONGODB_URI: testDatabaseUri('crash'),
    DEV_LOGIN: 'true',
    ...bffEnvFor(mocks, KEYS.hrss),
    DISPATCH_LEASE_MS: '2000',
    DISPATCH_POLL_MS: '50',
    DISPATCH_BACKOFF_MS: '100',
    DISPATCH_BACKOFF_CAP_MS: '1000',
    RECONCILE_AFTER_MS: '1500',
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGINS_PER_MINUTE: '1000',
    CALLBACKS_PER_MINUTE: '100000',
    MAX_OPEN_DRAFTS: String(APPLICATIONS),
  };
  db = await mongoose.createConnection(env.MONGODB_URI).asPromise();
  // Callbacks go to either process; while one is down, the other takes them.
  for (const [i, agency] of AGENCIES.entries()) {
    mocks.agencies[agency].configure({
      callbackUrl: `http://127.0.0.1:${ports[i % 2]}/api/v1/agency-callbacks/${agency}`,
    });
  }
});

afterAll(async () => {
  await Promise.allSettled(restarts);
  await Promise.all(running.map((p) => p?.kill('SIGKILL')));
  await db?.close();
  await mocks?.stop();
});

const call = callBff;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The one unit the test account acts for (one person, one account): registered with both funds already. */
const theUnit = () =>
  mocks.world.population.units.find((u) => u.socialInsuranceCode && u.housingFundAccount)!;

let people: ReturnType<typeof workingAgePeople>;
function application(index: number) {
  people ??= workingAgePeople(mocks.world.population, 'normal', APPLICATIONS * 2);
  const matters = index % 2 === 0 ? ['employment', 'socialInsurance'] : [...ALL_MATTERS];
  return sampleApplication(theUnit(), [people[index]], matters, {
    name: '王经办',
    idNumber: people[people.length - 1 - index].idNumber,
    phone: '13800138000',
  });
}

const restartFailures: string[] = [];

/** Starts process `index` again (a supervisor would), retrying a start that fails on a busy machine. */
async function restart(index: number, processEnv: Record<string, string>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      running[index] = await startBff(ports[index], processEnv, { readyWithinMs: READY_WITHIN_MS });
      return;
    } catch (error) {
      restartFailures.push(String(error).slice(0, 300));
      if (attempt >= 4) throw error;
      await sleep(500);
    }
  }
}

/** Kills process `victim` with SIGKILL and restarts it in the background. */
async function kill(victim: number, processEnv: Record<string, string>) {
  const process = running[victim]!;
  running[victim] = null;
  await process.kill('SIGKILL');
  kills += 1;
  restarts.push(restart(victim, processEnv));
}

/** Both processes up: one always serves, as behind a balancer with a supervisor. */
const bothUp = () => running.every(Boolean);

/** Kills one of the two processes every `everyMs` (when both are up) until `until()`. */
async function killLoop(everyMs: number, until: () => boolean, processEnv: () => Record<string, string>) {
  let here = 0;
  while (!until()) {
    await sleep(everyMs);
    if (!bothUp() || until()) continue;
    await kill(kills % 2, processEnv());
    here += 1;
  }
  return here;
}

/** The agency keys of the deliveries process `victim` has on the wire now (its worker lease names its pid). */
async function inFlightOf(victim: number): Promise<string[]> {
  const pid = running[victim]?.child.pid;
  if (!pid) return [];
  const docs = await db
    .db!.collection('applications')
    .find(
      {
        dispatchLeaseOwner: { $regex: `:${pid}:` },
        matters: { $elemMatch: { 'dispatch.state': 'inflight' } },
      },
      { projection: { code: 1, matters: 1 } },
    )
    .toArray();
  return docs.flatMap((doc) =>
    (doc.matters as { matter: string; attempt: number; dispatch?: { state?: string } }[])
      .filter((m) => m.dispatch?.state === 'inflight')
      .map((m) => `${doc.code}-${m.matter}-${m.attempt}`),
  );
}

const countsOf = (key: string) => {
  const agency = AGENCIES.find((a) => mocks.agencies[a].allCounts()[key]);
  return agency ? mocks.agencies[agency].allCounts()[key] : undefined;
};

/** Registrations at the agencies, summed: all matters delivered when it reaches APPLICATIONS × 3. */
const registered = () =>
  AGENCIES.reduce(
    (sum, agency) =>
      sum + Object.values(mocks.agencies[agency].allCounts()).reduce((n, c) => n + c.registrations, 0),
    0,
  );

/** Deliveries recovered by a status query after their sender died, summed over the agencies. */
const recovered = () =>
  AGENCIES.reduce(
    (sum, agency) =>
      sum + Object.values(mocks.agencies[agency].allCounts()).reduce((n, c) => n + c.recovered, 0),
    0,
  );

type Answer = { status: number; code?: string; error?: string; id?: string };

/**
 * One phone submitting a draft: retries (same key) on a network failure, a 5xx or a key still held by a
 * killed run, on whichever process is up, until it gets a final answer.
 */
async function submitFrom(preferred: number, token: string, draftId: string): Promise<Answer> {
  let key = randomUUID();
  let last = '';
  // Counts requests that got through to a process, not time: waiting for a restart costs nothing.
  for (let attempt = 0; attempt < 200;) {
    const process = running[(preferred + attempt) % 2] ?? running[(preferred + attempt + 1) % 2];
    if (!process) {
      await sleep(100);
      continue;
    }
    attempt += 1;
    try {
      const res = await call(
        process.url,
        token,
        'POST',
        `/drafts/${draftId}/submit`,
        {},
        { 'Idempotency-Key': key },
      );
      if (res.status === 201) return { status: 201, code: res.body.code, id: res.body.id };
      if (res.status === 409 && res.body?.error?.code === 'ALREADY_SUBMITTED')
        return { status: 409, code: res.body.application.code, error: 'ALREADY_SUBMITTED' };
      last = `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
      // Our earlier run died holding the key (it is taken over only when its lock expires): the phone,
      // restarted, tries again with a new key, as a cleared storage would.
      if (res.status === 409 && res.body?.error?.code === 'REQUEST_IN_PROGRESS') key = randomUUID();
      if (res.status !== 409 && res.status < 500)
        throw new Error(`submit ${draftId}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    } catch (error) {
      if ((error as Error).message.startsWith('submit ')) throw error;
      // the process died under us
      last = `${(error as Error).message} ${String((error as { cause?: unknown }).cause)} ${process.url} (exit ${process.child.exitCode} ${process.child.signalCode}) ${process.stderr().slice(-600)}`;
    }
    await sleep(200);
  }
  throw new Error(
    `submit ${draftId}: no final answer after 200 tries; last: ${last}; restart failures: ${restartFailures.join(' / ')}`,
  );
}

/**
 * Waits until `done()`; `progress()` says how far things got (any change counts as progress). Fails only
 * when nothing moved for STALL_MS.
 */
async function waitFor(
  what: string,
  done: () => Promise<boolean>,
  progress: () => Promise<string>,
): Promise<void> {
  let seen = '';
  let movedAt = Date.now();
  while (!(await done())) {
    const now = await progress();
    if (now !== seen) {
      seen = now;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > STALL_MS) {
      throw new Error(
        `${what}: no progress for ${STALL_MS} ms (${now}); restarts failed: ${restartFailures}`,
      );
    }
    await sleep(500);
  }
}

it('keeps one application per draft and one registration per person when bff processes are killed with SIGKILL during submission and dispatch', async () => {
  const t0 = Date.now();
  const noWorkers = () => ({ ...env, WORKERS: 'false' });
  running[0] = await startBff(ports[0], noWorkers(), { readyWithinMs: READY_WITHIN_MS });
  running[1] = await startBff(ports[1], noWorkers(), { readyWithinMs: READY_WITHIN_MS });
  const login = await call(running[0]!.url, null, 'POST', '/auth/dev-login', { nickname: 'crash-owner' });
  expect(login.status).toBe(200);
  const token = login.body.token;
  await makeLegalRepresentative(`${running[0]!.url}/api/v1`, token, theUnit());
  // 50 open drafts per account is the production default; this operator has APPLICATIONS at once.
  const drafts: string[] = [];
  for (let start = 0; start < APPLICATIONS; start += 4) {
    const made = await Promise.all(
      Array.from({ length: Math.min(4, APPLICATIONS - start) }, async (_, j) => {
        const i = start + j;
        const draft = await call(running[i % 2]!.url, token, 'POST', '/drafts', {
          application: application(i),
        });
        if (draft.status !== 201)
          throw new Error(`draft ${i}: ${draft.status} ${JSON.stringify(draft.body).slice(0, 300)}`);
        return draft.body.id as string;
      }),
    );
    drafts.push(...made);
  }

  // Submission: both phones submit every draft at once, on both processes, while processes are killed.
  let submitting = true;
  const submissionKills = killLoop(1000, () => !submitting, noWorkers);
  const answers: Answer[][] = [];
  for (let start = 0; start < APPLICATIONS; start += 20) {
    const batch = drafts.slice(start, start + 20);
    answers.push(
      ...(await Promise.all(
        batch.map((id) => Promise.all([submitFrom(0, token, id), submitFrom(1, token, id)])),
      )),
    );
  }
  submitting = false;
  const killedDuringSubmission = await submissionKills;
  await Promise.all(restarts.splice(0));
  const tSubmitted = Date.now();

  // One application per draft: every answer of a draft names the same 办件编码.
  const codeOfDraft = answers.map((pair) => pair[0].code);
  for (const pair of answers) {
    expect(pair[1].code).toBe(pair[0].code);
    // (Both may be 409: a winner killed after its insert retried with a new key and learnt its code too.)
    expect(pair[0].code).toMatch(/^ZP3611\d{14}$/);
  }
  expect(new Set(codeOfDraft).size).toBe(APPLICATIONS);

  // Dispatch: two working processes while the agencies answer slowly (so deliveries are in flight when a
  // process dies) and send some callbacks twice. A process is killed only when it has a delivery on the
  // wire, until DISPATCH_KILLS such kills happened (or there is nothing left to deliver).
  await Promise.all(running.map((p) => p?.kill('SIGKILL')));
  running[0] = running[1] = null;
  for (const agency of AGENCIES) {
    mocks.agencies[agency].faults.latencyMs = 300;
    mocks.agencies[agency].faults.callbackDuplicate = 0.2;
  }
  running[0] = await startBff(ports[0], env, { readyWithinMs: READY_WITHIN_MS });
  running[1] = await startBff(ports[1], env, { readyWithinMs: READY_WITHIN_MS });
  let killedDuringDispatch = 0;
  /** Deliveries the victims had on the wire when they were killed. */
  const interrupted: string[] = [];
  const allDelivered = () => registered() >= APPLICATIONS * 3;
  await waitFor(
    'killing during dispatch',
    async () => {
      if (killedDuringDispatch >= DISPATCH_KILLS || allDelivered()) return true;
      if (!bothUp()) return false;
      // Either process will do (the one not killed last first), as long as it has a delivery on the wire.
      for (const victim of [kills % 2, 1 - (kills % 2)]) {
        const keys = await inFlightOf(victim);
        if (keys.length === 0) continue;
        await kill(victim, env);
        killedDuringDispatch += 1;
        interrupted.push(...keys);
        break;
      }
      return false;
    },
    async () => `${kills} kills, ${registered()} registered, ${running.filter(Boolean).length} up`,
  );
  await Promise.all(restarts.splice(0));
  for (const agency of AGENCIES) mocks.agencies[agency].faults.latencyMs = 0;
  const tKilled = Date.now();

  // Everything must still finish: every application 办结, as long as the system keeps moving.
  let completed = 0;
  const countCompleted = async () => {
    const base = running[0]!.url;
    let done = 0;
    for (let page = 1; ; page++) {
      const list = await call(base, token, 'GET', `/applications?page=${page}&pageSize=100`);
      expect(list.body.total).toBe(APPLICATIONS);
      done += list.body.items.filter((a: { status: string }) => a.status === 'completed').length;
      if (page * 100 >= list.body.total) break;
    }
    return done;
  };
  const decided = () =>
    AGENCIES.reduce(
      (n, agency) => n + mocks.agencies[agency].listCases().filter((c) => c.status === 'completed').length,
      0,
    );
  await waitFor(
    'draining',
    async () => (completed = await countCompleted()) === APPLICATIONS,
    async () =>
      `${completed} applications 办结, ${registered()} registered, ${decided()} decided at the agencies`,
  );
  const tDrained = Date.now();

  // Nobody registered twice, counted per person at the agencies (whatever the keys), and every hire
  // registered for each of their matters.
  const registrations: Record<AgencyId, Record<string, number>> = {} as never;
  let matters = 0;
  let duplicates = 0;
  for (const agency of AGENCIES) {
    registrations[agency] = mocks.agencies[agency].registrationsByPerson();
    for (const counts of Object.values(mocks.agencies[agency].allCounts())) {
      expect(counts.registrations).toBeLessThanOrEqual(1);
      matters += counts.registrations;
      duplicates += counts.duplicates;
    }
  }
  const inFlight = recovered();
  const perPerson = Object.values(registrations).flatMap((byPerson) => Object.values(byPerson));
  expect(perPerson.filter((n) => n !== 1)).toEqual([]);
  expect(Object.keys(registrations.hrss)).toHaveLength(APPLICATIONS * 2); // employment + social insurance
  expect(Object.keys(registrations.medicalSecurity)).toHaveLength(APPLICATIONS / 2);
  expect(Object.keys(registrations.housingFund)).toHaveLength(APPLICATIONS / 2);
  expect(matters).toBe(APPLICATIONS * 3);

  // The kills hit deliveries in flight, and duplicates (resent deliveries, callbacks sent twice) were
  // absorbed: the test saw what it is about, it did not pass for lack of trouble.
  const duplicateCallbacks = AGENCIES.flatMap((agency) => mocks.agencies[agency].callbacks.deliveries).filter(
    (d) => d.duplicated && d.state === 'delivered',
  ).length;
  expect(killedDuringSubmission).toBeGreaterThanOrEqual(1);
  expect(killedDuringDispatch).toBeGreaterThanOrEqual(1);
  expect(inFlight).toBeGreaterThanOrEqual(1);
  // ...and at least one delivery a killed process had on the wire reached the agency and was then
  // recovered by asking (or absorbed as a duplicate), never registered twice.
  const interruptedAndRecovered = interrupted.filter((key) => {
    const counts = countsOf(key);
    return counts && counts.registrations === 1 && counts.recovered + counts.duplicates >= 1;
  }).length;
  expect(interruptedAndRecovered).toBeGreaterThanOrEqual(1);
  expect(duplicates + duplicateCallbacks).toBeGreaterThanOrEqual(1);

  // What each agency received is what was submitted, routed as shared routes it, field by field: dated
  // the day it was submitted, filed by the operator 公安 verified (the unit's legal representative).
  const indexOfCode = new Map(codeOfDraft.map((code, i) => [code, i]));
  const today = todayInChina();
  const { name, idNumber } = theUnit().legalRepresentative;
  let compared = 0;
  for (const agency of AGENCIES) {
    for (const record of mocks.agencies[agency].listCases()) {
      const index = indexOfCode.get(record.applicationCode);
      expect(index).toBeDefined();
      const form = application(index!);
      const unit = {
        ...form.unit,
        applicationDate: today,
        operator: { ...form.unit.operator, name, idNumber },
      };
      const validated = validateApplication({ ...form, unit }, { today });
      expect(validated.ok).toBe(true);
      const routed = routeMatters(validated.value as Application)[record.matter]!;
      const { verifiedOperator: _operator, ...received } = record.received as Record<string, unknown>;
      expect(received).toEqual(
        JSON.parse(
          JSON.stringify({ matter: record.matter, applicationCode: record.applicationCode, ...routed.body }),
        ),
      );
      compared += 1;
    }
  }
  expect(compared).toBe(APPLICATIONS * 3);

  // One application per draft, exactly one 办结 notice per application.
  const docs = await db
    .db!.collection('applications')
    .find({}, { projection: { code: 1, draftId: 1 } })
    .toArray();
  expect(new Set(docs.map((d) => String(d.draftId))).size).toBe(APPLICATIONS);
  // A 办结 notice a killed process left unsent comes from the sweep a lease after the last write.
  const completedNotices = () =>
    db
      .db!.collection('notices')
      .aggregate([{ $match: { kind: 'completed' } }, { $group: { _id: '$applicationId', n: { $sum: 1 } } }])
      .toArray();
  let notices: Awaited<ReturnType<typeof completedNotices>> = [];
  await waitFor(
    '办结 notices',
    async () => (notices = await completedNotices()).length === APPLICATIONS,
    async () => `${notices.length} of ${APPLICATIONS} applications have their 办结 notice`,
  );
  expect(notices).toHaveLength(APPLICATIONS);
  expect(notices.filter((n) => n.n !== 1)).toEqual([]);
  expect(new Set(notices.map((n) => String(n._id)))).toEqual(new Set(docs.map((d) => String(d._id))));

  console.log(
    `crash test: ${APPLICATIONS} applications from ${APPLICATIONS} drafts submitted twice each, ${matters} matters, ` +
      `${kills} SIGKILLs (${killedDuringSubmission} during submission, ${killedDuringDispatch} during dispatch with ${interrupted.length} deliveries in flight, ` +
      `${interruptedAndRecovered} of them reached the agency and recovered), ` +
      `${inFlight} deliveries in flight when their sender died (recovered by a status query), ${duplicates} duplicate deliveries and ` +
      `${duplicateCallbacks} duplicate callbacks absorbed, ${perPerson.length} person-matter registrations, max ${Math.max(...perPerson)} per person; ` +
      `phases: submit ${tSubmitted - t0} ms, dispatch kills ${tKilled - tSubmitted} ms, drain ${tDrained - tKilled} ms`,
  );
});
