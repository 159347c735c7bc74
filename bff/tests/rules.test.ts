// Administered rules (issue 14): provisional due dates past the package's last year, an official year
// entered by an administrator recomputing open matters, rule figures with effective dates, refusals of bad
// configurations, and a second app instance on the same database seeing every change without a restart.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_STAFF_TOKENS } from '../src/staff/staffTokens';
import { bffEnvFor, HOLIDAY_NOTICE_2027 } from '@hiring/mock';
import {
  CALLBACK_SECRET,
  callApi,
  loginAs,
  startTestServer,
  type Client,
  type TestServer,
} from './helpers/testServer';
import { adults, applicationFor, makeLegalRepresentative } from './helpers/fixtures';
import { submitApplication } from './helpers/journeys';

jest.setTimeout(60_000);

const ADMIN = DEV_STAFF_TOKENS.find((t) => t.role === 'admin')!.token;
const CLERK = DEV_STAFF_TOKENS.find((t) => t.role === 'clerk')!.token;

let server: TestServer;
let second: TestServer;
/** An admin's request made by a clerk instead, who must be refused. */
const byClerk = (method: string, path: string, body: unknown) => callApi(server, CLERK, method, path, body);
let owner: Client;

beforeAll(async () => {
  server = await startTestServer({ mocks: true });
  // Another app instance with its own caches on the same database, as a second bff process would be.
  second = await startTestServer({
    mongodbUri: server.config.mongodbUri,
    env: bffEnvFor(server.mocks!, CALLBACK_SECRET),
  });
  owner = await loginAs(server, 'rules-owner');
  await makeLegalRepresentative(server.api, owner.token, server.mocks!.world.population.units[5]);
});

afterAll(async () => {
  await second?.close();
  await server?.close();
});

/** Runs `fn` with the clock at `iso` (China time is UTC+8); only Date is faked, so I/O timers still run. */
async function at<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: new Date(iso),
    advanceTimers: true,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}

/** A one-hire application of units[5], whose legal representative the owner became in beforeAll. */
function submitted(): Promise<{ id: string }> {
  const population = server.mocks!.world.population;
  const application = applicationFor(population.units[5], adults(population, 'normal', 1, 7));
  return submitApplication(server, owner, application, { asLegalRepresentative: false });
}

const accept = (id: string, matter: string, caseId: string) =>
  server.services.progress.apply(id, matter, 1, { status: 'accepted', caseId } as never, 'test');

const matterOf = async (id: string, matter: string, via = server) => {
  const res = await callApi(via, owner.token, 'GET', `/applications/${id}`);
  expect(res.status).toBe(200);
  return res.body.matters.find((m: { matter: string }) => m.matter === matter);
};

describe('working-day calendar', () => {
  let december: string;
  let february: string;

  it('gives a matter accepted on 2026-12-30 a 预计 due date in 2027 that skips 元旦 and the weekend', async () => {
    december = (await submitted()).id;
    await at('2026-12-30T02:00:00Z', () => accept(december, 'housingFund', 'HF-DEC'));
    const matter = await matterOf(december, 'housingFund');
    expect(matter).toMatchObject({ dueDate: '2027-01-05', dueDateBasis: 'provisional', status: 'accepted' });
    // 即办 needs no calendar: its due date is the day of acceptance and official.
    await at('2026-12-30T02:00:00Z', () => accept(december, 'employment', 'EM-DEC'));
    expect(await matterOf(december, 'employment')).toMatchObject({
      dueDate: '2026-12-30',
      dueDateBasis: 'official',
    });

    february = (await submitted()).id;
    // Provisional 2027: 春节 Fri 5 - Mon 8 Feb, the weekend days made up on Tue 9 and Wed 10.
    await at('2027-02-04T02:00:00Z', () => accept(february, 'medicalInsurance', 'MI-FEB'));
    expect(await matterOf(february, 'medicalInsurance')).toMatchObject({
      dueDate: '2027-02-15',
      dueDateBasis: 'provisional',
    });

    const years = await callApi(server, CLERK, 'GET', '/staff/calendar/years');
    expect(years.status).toBe(200);
    const basis = Object.fromEntries(
      years.body.items.map((y: { year: number; basis: string }) => [y.year, y.basis]),
    );
    expect(basis).toMatchObject({
      2004: 'official',
      2026: 'official',
      2027: 'provisional',
      2099: 'provisional',
    });
  });

  it('entering the official 2027 calendar with 调休 workdays recomputes open matters, in every instance', async () => {
    const entered = await callApi(
      server,
      ADMIN,
      'PUT',
      '/staff/admin/calendar/years/2027',
      HOLIDAY_NOTICE_2027,
    );
    expect(entered.status).toBe(200);
    expect(entered.body).toMatchObject({ year: 2027, basis: 'official', origin: 'entered', recomputed: 2 });
    expect(entered.body.workdays).toEqual(expect.arrayContaining([{ date: '2027-02-14', name: '春节' }]));

    // Official: off until Sat 13 Feb, Sun 14 is a workday → Sun 14, Mon 15, Tue 16.
    expect(await matterOf(february, 'medicalInsurance', second)).toMatchObject({
      dueDate: '2027-02-16',
      dueDateBasis: 'official',
    });
    expect(await matterOf(december, 'housingFund', second)).toMatchObject({
      dueDate: '2027-01-05',
      dueDateBasis: 'official',
    });
    // The other instance's calendar changed without a restart: a new acceptance there uses the notice.
    const third = (await submitted()).id;
    await at('2027-02-04T02:00:00Z', () =>
      second.services.progress.apply(
        third,
        'housingFund',
        1,
        { status: 'accepted', caseId: 'HF-3' } as never,
        'test',
      ),
    );
    expect(await matterOf(third, 'housingFund', second)).toMatchObject({
      dueDate: '2027-02-16',
      dueDateBasis: 'official',
    });
    const seen = await callApi(second, CLERK, 'GET', '/staff/calendar/years/2027');
    expect(seen.body).toMatchObject({
      basis: 'official',
      origin: 'entered',
      source: HOLIDAY_NOTICE_2027.source,
    });

    const audit = await server.services.audit.search({ action: 'calendar.enter', page: 1, pageSize: 10 });
    expect(audit.items[0]).toMatchObject({
      actor: { kind: 'staff', id: 'dev-admin', role: 'admin' },
      subject: 'calendar:2027',
      outcome: 'ok',
      detail: expect.objectContaining({ recomputed: 2, workdays: 4 }),
    });
  });

  it('withdrawing the year makes the dates 预计 again', async () => {
    const withdrawn = await callApi(second, ADMIN, 'DELETE', '/staff/admin/calendar/years/2027');
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ basis: 'provisional', origin: 'provisional' });
    expect(await matterOf(february, 'medicalInsurance')).toMatchObject({
      dueDate: '2027-02-15',
      dueDateBasis: 'provisional',
    });
  });

  it('refuses a bad year, a wrong role and a missing credential', async () => {
    const weekdayWork = await callApi(server, ADMIN, 'PUT', '/staff/admin/calendar/years/2027', {
      ...HOLIDAY_NOTICE_2027,
      workdays: [{ name: '春节', date: '2027-02-17' }],
    });
    expect(weekdayWork.status).toBe(422);
    expect(weekdayWork.body.error.details.map((d: { message: string }) => d.message)).toContain(
      '调休上班日 2027-02-17 是工作日（周一至周五），只有周六、周日才需要登记为调休上班',
    );
    const thin = await callApi(server, ADMIN, 'PUT', '/staff/admin/calendar/years/2027', {
      source: '不完整',
      holidays: [{ name: '元旦', from: '2027-01-01' }],
    });
    expect(thin.status).toBe(422);
    expect(thin.body.error.message).toBe('2027 年节假日安排有 1 处问题，未保存');
    const outOfRange = await callApi(
      server,
      ADMIN,
      'PUT',
      '/staff/admin/calendar/years/2101',
      HOLIDAY_NOTICE_2027,
    );
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.error.details[0].message).toBe('年份须在 2004—2100 之间');
    const unknownField = await callApi(server, ADMIN, 'PUT', '/staff/admin/calendar/years/2027', {
      ...HOLIDAY_NOTICE_2027,
      extra: 1,
    });
    expect(unknownField.status).toBe(400);
    const clerk = await byClerk('PUT', '/staff/admin/calendar/years/2027', HOLIDAY_NOTICE_2027);
    expect(clerk.status).toBe(403);
    expect(clerk.body.error).toEqual({ code: 'FORBIDDEN', message: '该操作仅限管理员' });
    const anonymous = await callApi(server, null, 'GET', '/staff/calendar/years');
    expect(anonymous.status).toBe(401);
    const employer = await callApi(server, owner.token, 'GET', '/staff/calendar/years');
    expect(employer.status).toBe(401);
    const still = await callApi(server, CLERK, 'GET', '/staff/calendar/years/2027');
    expect(still.body.basis).toBe('provisional');
  });

  it('imports an official year from the command line, audited and seen by the running instances', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    const file = join(dir, '2028.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          year: 2028,
          source: '国务院办公厅关于2028年部分节假日安排的通知（测试用）',
          holidays: [
            { name: '元旦', from: '2028-01-01', to: '2028-01-03' },
            { name: '春节', from: '2028-01-25', to: '2028-02-01' },
            { name: '清明节', from: '2028-04-04' },
            { name: '劳动节', from: '2028-05-01', to: '2028-05-05' },
            { name: '端午节', from: '2028-05-27', to: '2028-05-29' },
            { name: '国庆节', from: '2028-10-01', to: '2028-10-08' },
          ],
          workdays: [
            { name: '春节', date: '2028-01-22' },
            { name: '劳动节', date: '2028-04-29' },
            { name: '国庆节', date: '2028-09-30' },
          ],
        },
        { year: 2029, source: '错误示例', holidays: [{ name: '元旦', from: '2029-01-01' }] },
      ]),
    );
    const result = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(__dirname, '../src/rules/importCalendar.ts'), file, '--by', 'wang'],
        {
          cwd: join(__dirname, '..'),
          env: {
            ...process.env,
            MONGODB_URI: server.config.mongodbUri,
            NODE_ENV: 'test',
            LOG_LEVEL: 'error',
          },
        },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) => resolve({ code, out, err }));
    });
    expect(result.out).toContain('2028 年已录入为正式工作日历');
    expect(result.err).toContain('第 2 个年度未录入：2029 年节假日安排有 1 处问题，未保存');
    expect(result.code).toBe(65);
    const seen = await callApi(second, CLERK, 'GET', '/staff/calendar/years/2028');
    expect(seen.body).toMatchObject({ basis: 'official', origin: 'entered' });
    const audit = await server.services.audit.search({ action: 'calendar.enter', page: 1, pageSize: 10 });
    expect(audit.items.map((a) => `${a.subject} ${a.actor?.id} ${a.outcome}`)).toEqual(
      expect.arrayContaining(['calendar:2028 cli:wang ok', 'calendar:2029 cli:wang refused']),
    );
  });
});

describe('rule figures', () => {
  const wage2027 = {
    effectiveFrom: '2027-01-01',
    value: {
      zones: { '1': 2000, '2': 1900, '3': 1800 },
      counties: { '361102': '2', '361123': '3' },
      defaultZone: '3',
    },
    placeholder: false,
    source: '江西省人民政府关于调整最低工资标准的通知（测试用）',
  };

  async function fundBaseFloor(via: TestServer, applicationDate?: string): Promise<number> {
    const population = server.mocks!.world.population;
    const application = applicationFor(population.units[5], adults(population, 'normal', 1, 11), [
      'housingFund',
    ]);
    const unit = application.unit as typeof application.unit & {
      countyCode?: string;
      applicationDate?: string;
    };
    unit.countyCode = '361102'; // 信州区: zone 2
    if (applicationDate) unit.applicationDate = applicationDate;
    (application.employees[0] as { housingFund: { base: number } }).housingFund.base = 1000;
    // A login of its own: with the clock moved a month on, earlier sessions have expired.
    const client = await loginAs(via, 'rules-figures');
    const draft = await client.call('POST', '/drafts', { application });
    const res = await client.call('POST', `/drafts/${draft.body.id}/validate`, {});
    return res.body.computed.employees[0].housingFundBase.base;
  }

  it('applies a change with a future effective date only from that date, in every instance', async () => {
    expect(await fundBaseFloor(second)).toBe(1730); // 信州区 zone 2 today
    const added = await callApi(
      server,
      ADMIN,
      'POST',
      '/staff/admin/rules/figures/minimumWage/periods',
      wage2027,
    );
    expect(added.status).toBe(201);
    expect(
      added.body.periods.map(
        (p: { effectiveFrom: string; effectiveTo: string | null }) => `${p.effectiveFrom}—${p.effectiveTo}`,
      ),
    ).toEqual(['2021-04-01—2026-12-31', '2027-01-01—null']);
    // Today (2026) the old table is still in force — in the other instance too, read without a restart.
    expect(await fundBaseFloor(second)).toBe(1730);
    const list = await callApi(second, CLERK, 'GET', '/staff/rules/figures');
    const wage = list.body.kinds.find((k: { kind: string }) => k.kind === 'minimumWage');
    expect(wage.inForce.effectiveFrom).toBe('2021-04-01');
    expect(wage.periods).toHaveLength(2);
    // From 2027-01-01 the new one applies.
    expect(await at('2027-01-02T02:00:00Z', () => fundBaseFloor(second, '2027-01-02'))).toBe(1900);
    expect(await at('2027-01-02T02:00:00Z', () => fundBaseFloor(second, '2026-12-31'))).toBe(1730);

    const history = await callApi(server, ADMIN, 'GET', '/staff/rules/figures/minimumWage/history');
    expect(history.body.items[0]).toMatchObject({
      revision: 1,
      change: 'add',
      effectiveFrom: '2027-01-01',
      by: 'dev-admin',
    });
    const audit = await server.services.audit.search({ action: 'rules.figure.add', page: 1, pageSize: 5 });
    expect(audit.items[0]).toMatchObject({ subject: 'figure:minimumWage', outcome: 'ok' });
  });

  it('refuses a floor above its cap, overlapping periods and a ratio outside 1-12 %, in Chinese', async () => {
    const post = (kind: string, body: unknown) =>
      callApi(server, ADMIN, 'POST', `/staff/admin/rules/figures/${kind}/periods`, body);
    /** A real (not placeholder) figure in force from 2027 on. */
    const post2027 = (kind: string, value: unknown) =>
      post(kind, { effectiveFrom: '2027-01-01', value, placeholder: false, source: '测试' });
    const floorAboveCap = await post2027('socialInsuranceBase', { floor: 5000, cap: 4000 });
    expect(floorAboveCap.status).toBe(422);
    expect(floorAboveCap.body.error.message).toBe(
      '社会保险缴费基数上下限未保存：社会保险缴费基数上下限（2027-01-01—长期）：缴费基数下限（5000 元）高于上限（4000 元）',
    );
    const overlap = await post('minimumWage', {
      ...wage2027,
      effectiveFrom: '2026-06-01',
      effectiveTo: '2026-08-31',
    });
    expect(overlap.status).toBe(422);
    expect(overlap.body.error.details[0].message).toBe(
      '最低工资标准的生效期间重叠：2021-04-01—2026-12-31 与 2026-06-01—2026-08-31',
    );
    const ratio = await post2027('housingFundRatio', { minPercent: 5, maxPercent: 15 });
    expect(ratio.status).toBe(422);
    expect(ratio.body.error.details[0].message).toMatch(/缴存比例范围须在 1%—12% 之间/);
    const capBelowWage = await post2027('housingFundBaseCap', { cap: 1500 });
    expect(capBelowWage.status).toBe(422);
    expect(capBelowWage.body.error.details[0].message).toBe(
      '2027-01-01 起住房公积金月缴存基数上限（1500 元）低于最低工资标准（2000 元），即下限高于上限',
    );
    const same = await post('minimumWage', wage2027);
    expect(same.status).toBe(409);
    expect(same.body.error.code).toBe('PERIOD_EXISTS');
    const stale = await post('minimumWage', { ...wage2027, effectiveFrom: '2028-01-01', revision: 0 });
    expect(stale.status).toBe(409);
    const clerk = await byClerk('POST', '/staff/admin/rules/figures/minimumWage/periods', wage2027);
    expect(clerk.status).toBe(403);
    const unknownKind = await post('bonus', wage2027);
    expect(unknownKind.status).toBe(400);
    const refused = await server.services.audit.search({ action: 'rules.figure.add', page: 1, pageSize: 20 });
    expect(refused.items.filter((a) => a.outcome === 'refused').length).toBeGreaterThanOrEqual(5);
  });

  it('never changes or blocks a declaration by a placeholder figure, and says 参考值', async () => {
    const population = server.mocks!.world.population;
    const application = applicationFor(population.units[5], adults(population, 'normal', 1, 13), [
      'socialInsurance',
    ]);
    (application.employees[0] as { wage: number }).wage = 2500; // below the placeholder floor of 4000
    const draft = await owner.call('POST', '/drafts', { application });
    const res = await owner.call('POST', `/drafts/${draft.body.id}/validate`, {});
    expect(res.body.ok).toBe(true);
    expect(res.body.computed.employees[0].socialInsuranceBase).toMatchObject({
      base: 2500,
      reference: ['floor', 'cap'],
    });
    expect(res.body.warnings.map((w: { message: string }) => w.message)).toEqual([
      '申报工资低于社会保险缴费基数下限参考值 4000 元（参考值），按申报值提交，以经办部门核定为准',
    ]);
    // Once an administrator enters the official figure, it applies.
    const official = await callApi(
      server,
      ADMIN,
      'PATCH',
      '/staff/admin/rules/figures/socialInsuranceBase/periods/2021-04-01',
      {
        placeholder: false,
        value: { floor: 3000, cap: 18000 },
        source: '上饶市社会保险缴费基数通知（测试用）',
      },
    );
    expect(official.status).toBe(200);
    const again = await callApi(second, owner.token, 'POST', `/drafts/${draft.body.id}/validate`, {});
    expect(again.body.computed.employees[0].socialInsuranceBase).toMatchObject({
      base: 3000,
      clampedTo: 'floor',
    });
  });
});
