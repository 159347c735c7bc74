// kill -9 of bff processes while they dispatch 200 applications: nothing is lost and nobody is registered
// twice. Two bff processes share one database; the stand-in agencies count registrations per key.
import { randomUUID } from 'node:crypto';
import { startMocks, type RunningMocks } from '@hiring/mock';
import { addDays, todayInChina } from '@hiring/shared';
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
    WECHAT_URL: mocks.urls.wechat,
    ALIPAY_URL: mocks.urls.alipay,
    GOV_DATA_URL: mocks.urls.govData,
    HRSS_URL: mocks.urls.hrss,
    MEDICAL_SECURITY_URL: mocks.urls.medicalSecurity,
    HOUSING_FUND_URL: mocks.urls.housingFund,
    AGENCY_CALLBACK_SECRET: SECRET,
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
  return { status: res.status, body: await res.json().catch(() => null) };
}

function application(index: number) {
  const population = mocks.world.population;
  const year = Number(todayInChina().slice(0, 4));
  const adults = population.people.filter(
    (p) =>
      p.scenario === 'normal' &&
      Number(p.birthDate.slice(0, 4)) <= year - 20 &&
      Number(p.birthDate.slice(0, 4)) >= year - 45,
  );
  const person = adults[index];
  const unit = population.units[index % population.units.length];
  const start = addDays(todayInChina(), -2);
  const matters =
    index % 2 === 0
      ? ['employment', 'socialInsurance']
      : ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'];
  return {
    unit: {
      name: unit.name,
      uscc: unit.uscc,
      address: unit.address,
      ...(unit.socialInsuranceCode ? { socialInsuranceCode: unit.socialInsuranceCode } : {}),
      ...(unit.housingFundAccount ? { housingFundAccount: unit.housingFundAccount } : {}),
      operator: {
        name: '王经办',
        idNumber: adults[adults.length - 1 - index].idNumber,
        phone: '13800138000',
      },
    },
    matters,
    housingFundRelief: 'none',
    employees: [
      {
        idType: 'resident',
        idNumber: person.idNumber,
        name: person.name,
        ethnicity: person.ethnicity,
        gender: person.gender,
        hukouType: person.hukouType,
        hukouAddress: person.hukouAddress,
        phone: person.phone,
        address: person.address,
        wage: 4200,
        insuredFrom: start.slice(0, 7),
        contract: { start, end: addDays(start, 730) },
        insuranceTypes:
          matters.length === 4
            ? ['pension', 'injury', 'unemployment', 'medical', 'maternity']
            : ['pension', 'injury', 'unemployment'],
        housingFund: { base: 4200, unitRatio: 10, personalRatio: 10 },
        occupation: '操作工',
        education: '31',
        workAddress: unit.address,
      },
    ],
  };
}

it('loses nothing and registers nobody twice when bff processes are killed with SIGKILL during dispatch', async () => {
  const base = running[0]!.url;
  const login = await call(base, null, 'POST', '/auth/dev-login', { nickname: 'crash-owner' });
  expect(login.status).toBe(200);
  const token = login.body.token;

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

  // Two dispatching processes; kill -9 one of them every 400 ms for a while and start it again.
  running[0] = await startBff(ports[0], env);
  running[1] = await startBff(ports[1], env);
  let kills = 0;
  const killUntil = Date.now() + 6000;
  while (Date.now() < killUntil) {
    await new Promise((r) => setTimeout(r, 400));
    const victim = kills % 2;
    await running[victim]!.kill('SIGKILL');
    kills += 1;
    running[victim] = await startBff(ports[victim], env);
  }

  // Everything must still finish.
  const deadline = Date.now() + 120000;
  let pending = ids.length;
  while (Date.now() < deadline) {
    const list = await call(running[0]!.url, token, 'GET', '/applications');
    pending = list.body.items.filter((a: { status: string }) => a.status !== 'completed').length;
    if (list.body.items.length === APPLICATIONS && pending === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  expect(pending).toBe(0);

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
