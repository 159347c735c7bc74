// 政务服务管理局's supervision over real HTTP, on a known data set around 2025's 国庆 holiday (10-01…10-08
// off, Saturday 10-11 a make-up workday), so every working-day figure can be counted by hand: per-day
// counts, 即办 vs 3-working-day shares, median and 90th percentile per matter, overdue matters (one the
// agency never accepted), returns by reason across a 补正, ratings, the Excel export (opened with exceljs),
// its caps, rate limit and audit, the masked drill-down, the audit search, and a clerk refused throughout.
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { defaultWorkingDayCalendar, todayInChina } from '@hiring/shared';
import { staffLogin, type StaffCookie } from '@hiring/mock';
import { sheetRows } from '../helpers/sheets';
import { staffCall, type StaffAnswer } from '../helpers/staffCall';
import { startTestServer, type TestServer } from '../helpers/testServer';

jest.setTimeout(180_000);

const EXPORTS_PER_HOUR = 3;
let server: TestServer;
let supervisor: StaffCookie;
let clerk: StaffCookie;

type Answer = StaffAnswer;

const call = (cookie: StaffCookie, path: string) => staffCall(server, cookie, 'GET', path);

const at = (text: string) => new Date(`${text}+08:00`);
const delivered = {
  state: 'delivered',
  idempotencyKey: 'k',
  tries: 1,
  nextAttemptAt: at('2025-09-29T10:00:00'),
};
const AGENCY: Record<string, string> = {
  employment: 'hrss',
  socialInsurance: 'hrss',
  medicalInsurance: 'medicalSecurity',
  housingFund: 'housingFund',
};

function matter(
  code: string,
  started: string,
  status: string,
  extra: {
    acceptedOn?: string;
    dueDate?: string;
    completedAt?: string;
    reasons?: any[];
    timeline?: any[];
  } = {},
) {
  const timeline = extra.timeline ?? [
    { at: at(started), status: 'pending', note: '等待推送至部门' },
    ...(extra.acceptedOn ? [{ at: at(`${extra.acceptedOn}T11:00:00`), status: 'accepted' }] : []),
    ...(extra.completedAt ? [{ at: at(extra.completedAt), status: 'completed' }] : []),
  ];
  return {
    matter: code,
    agency: AGENCY[code],
    status,
    attempt: 1,
    acceptedOn: extra.acceptedOn,
    dueDate: extra.dueDate,
    completedAt: extra.completedAt ? at(extra.completedAt) : undefined,
    reasons: extra.reasons ?? [],
    lastSequence: 0,
    sentEmployeeKeys: ['e1', 'e2'],
    timeline,
    dispatch: delivered,
  };
}

const ids: Record<string, string> = {};

async function insert(name: string, doc: Record<string, unknown>) {
  const _id = new Types.ObjectId();
  ids[name] = String(_id);
  await server.services.applications.collection.insertOne({
    _id,
    accountId: new Types.ObjectId(),
    submissionKey: `key-${name}`,
    sealed: server.services.cipher.encrypt({
      form: {
        matters: ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'],
        employees: [
          { key: 'e1', name: '张三丰', idNumber: '361102199001011234' },
          { key: 'e2', name: '李四', idNumber: '36112319920202123X' },
        ],
      },
      queryPassword: '123456',
    }),
    employeeCount: 2,
    channel: 'online',
    dispatchPending: false,
    ...doc,
  } as never);
}

beforeAll(async () => {
  server = await startTestServer({
    mocks: true,
    env: {
      SUPERVISOR_EXPORTS_PER_HOUR: String(EXPORTS_PER_HOUR),
      SUPERVISOR_EXPORT_MAX_ROWS: '2',
    },
  });
  supervisor = await staffLogin(server.url, server.mocks!.urls.staffIdp, 'city-supervisor');
  clerk = await staffLogin(server.url, server.mocks!.urls.staffIdp, 'xz-clerk');

  // A (信州区, Mon 09-29): all 办结; 公积金 on Mon 10-13, 2 working days after its due date 10-10.
  await insert('A', {
    code: 'ZP36110220250929000001',
    unitName: '上饶市甲公司',
    uscc: '91361102MA00000001',
    county: '361102',
    submittedAt: at('2025-09-29T10:00:00'),
    matters: [
      matter('employment', '2025-09-29T10:00:00', 'completed', {
        acceptedOn: '2025-09-29',
        dueDate: '2025-09-29',
        completedAt: '2025-09-29T10:05:00',
      }),
      matter('socialInsurance', '2025-09-29T10:00:00', 'completed', {
        acceptedOn: '2025-09-29',
        dueDate: '2025-09-29',
        completedAt: '2025-09-30T09:00:00',
      }),
      matter('medicalInsurance', '2025-09-29T10:00:00', 'completed', {
        acceptedOn: '2025-09-29',
        dueDate: '2025-10-10',
        completedAt: '2025-10-09T15:00:00',
      }),
      matter('housingFund', '2025-09-29T10:00:00', 'completed', {
        acceptedOn: '2025-09-29',
        dueDate: '2025-10-10',
        completedAt: '2025-10-13T16:00:00',
      }),
    ],
  });
  // B (信州区, Tue 09-30): 医保 never accepted (due 10-11 by its limit from submission); 公积金 returned
  // twice (姓名不一致, then the base twice over two hires) with a 补正 in between; rated 4.
  await insert('B', {
    code: 'ZP36110220250930000002',
    unitName: '上饶市乙公司',
    uscc: '91361102MA00000002',
    county: '361102',
    submittedAt: at('2025-09-30T09:00:00'),
    rating: { score: 4, comment: '办理很快', ratedAt: at('2025-10-15T09:00:00') },
    matters: [
      matter('employment', '2025-09-30T09:00:00', 'completed', {
        acceptedOn: '2025-09-30',
        dueDate: '2025-09-30',
        completedAt: '2025-09-30T09:01:00',
      }),
      matter('socialInsurance', '2025-09-30T09:00:00', 'completed', {
        acceptedOn: '2025-09-30',
        dueDate: '2025-09-30',
        completedAt: '2025-09-30T09:02:00',
      }),
      matter('medicalInsurance', '2025-09-30T09:00:00', 'pending'),
      matter('housingFund', '2025-09-30T09:00:00', 'returned', {
        reasons: [
          {
            code: 'HOUSING_FUND_BASE_OUT_OF_RANGE',
            message: '第1位员工月缴存基数超出范围',
            employeeKey: 'e1',
          },
          {
            code: 'HOUSING_FUND_BASE_OUT_OF_RANGE',
            message: '第2位员工月缴存基数超出范围',
            employeeKey: 'e2',
          },
        ],
        timeline: [
          { at: at('2025-09-30T09:00:00'), status: 'pending' },
          { at: at('2025-09-30T10:00:00'), status: 'returned', reasonCodes: ['NAME_MISMATCH'] },
          { at: at('2025-09-30T11:00:00'), status: 'returned', note: '窗口已告知单位退回原因（某某）' },
          { at: at('2025-10-09T09:00:00'), status: 'pending', note: '补正后重新提交（第 2 次）' },
          {
            at: at('2025-10-09T10:00:00'),
            status: 'returned',
            reasonCodes: ['HOUSING_FUND_BASE_OUT_OF_RANGE', 'HOUSING_FUND_BASE_OUT_OF_RANGE'],
          },
        ],
      }),
    ],
  });
  // C (玉山县, Thu 10-09): 医保 accepted that day and still under review (due Mon 10-13); rated 2.
  await insert('C', {
    code: 'ZP36112320251009000003',
    unitName: '玉山县丙公司',
    uscc: '91361123MA00000003',
    county: '361123',
    submittedAt: at('2025-10-09T14:00:00'),
    rating: { score: 2, comment: '材料退回两次', ratedAt: at('2025-10-20T09:00:00') },
    matters: [
      matter('employment', '2025-10-09T14:00:00', 'completed', {
        acceptedOn: '2025-10-09',
        dueDate: '2025-10-09',
        completedAt: '2025-10-09T14:01:00',
      }),
      matter('socialInsurance', '2025-10-09T14:00:00', 'completed', {
        acceptedOn: '2025-10-09',
        dueDate: '2025-10-09',
        completedAt: '2025-10-10T09:00:00',
      }),
      matter('medicalInsurance', '2025-10-09T14:00:00', 'reviewing', {
        acceptedOn: '2025-10-09',
        dueDate: '2025-10-13',
      }),
      matter('housingFund', '2025-10-09T14:00:00', 'completed', {
        acceptedOn: '2025-10-09',
        dueDate: '2025-10-13',
        completedAt: '2025-10-10T10:00:00',
      }),
    ],
  });
  // D: outside the period.
  await insert('D', {
    code: 'ZP36110220251020000004',
    unitName: '上饶市丁公司',
    county: '361102',
    submittedAt: at('2025-10-20T09:00:00'),
    rating: { score: 1, comment: '不在期间内', ratedAt: at('2025-10-21T09:00:00') },
    matters: [matter('employment', '2025-10-20T09:00:00', 'pending')],
  });
});

afterAll(() => server?.close());

const PERIOD = 'from=2025-09-29&to=2025-10-12';
const today = todayInChina();
const over = (due: string) => defaultWorkingDayCalendar.workingDaysElapsed(due, today);

it('counts the period city-wide: per day, time limits, working-day median and p90 per matter', async () => {
  const { status, body } = await call(supervisor, `/staff/supervisor/dashboard?${PERIOD}`);
  expect(status).toBe(200);
  expect(body.period).toEqual({
    from: '2025-09-29',
    to: '2025-10-12',
    county: null,
    countyLabel: '全市',
    today,
  });
  expect(body.totals).toEqual({
    applications: 3,
    matters: 12,
    completed: 9,
    open: 2,
    returned: 1,
    overdueOpen: 2,
    // 社保 of A and of C were 即办 but 办结 the next working day; 公积金 of A two working days late.
    completedLate: 3,
    neverAcceptedOverdue: 1,
  });
  expect(body.perDay).toHaveLength(14);
  expect(body.perDay.filter((d: any) => d.applications)).toEqual([
    { date: '2025-09-29', applications: 1, matters: 4 },
    { date: '2025-09-30', applications: 1, matters: 4 },
    { date: '2025-10-09', applications: 1, matters: 4 },
  ]);
  expect(body.timeLimits).toEqual([
    { workingDays: 0, label: '即办', matters: 6, share: 0.5 },
    { workingDays: 3, label: '3 个工作日内办结', matters: 6, share: 0.5 },
  ]);
  const byMatter = Object.fromEntries(
    body.matters.map((m: any) => [m.matter, [m.total, m.completed, m.medianWorkingDays, m.p90WorkingDays]]),
  );
  expect(byMatter).toEqual({
    employment: [3, 3, 0, 0],
    // 0, 1, 1 working days (09-29→09-30 is one).
    socialInsurance: [3, 3, 1, 1],
    // A: 09-29→10-09 is 2 working days across the holiday.
    medicalInsurance: [3, 1, 2, 2],
    // C: 1; A: 09-29→10-13 is 5 (09-30, 10-09, 10-10, Saturday 10-11, 10-13): median 1, p90 5.
    housingFund: [3, 2, 1, 5],
  });
});

it('lists overdue matters, the one the agency never accepted included, with working days over', async () => {
  const { body } = await call(supervisor, `/staff/supervisor/dashboard?${PERIOD}`);
  expect(body.overdue.total).toBe(5);
  const items = Object.fromEntries(body.overdue.items.map((o: any) => [`${o.code}:${o.matter}`, o]));
  expect(items['ZP36110220250930000002:medicalInsurance']).toMatchObject({
    applicationId: ids.B,
    unitName: '上饶市乙公司',
    countyLabel: '信州区',
    agencyLabel: '医保局',
    neverAccepted: true,
    open: true,
    statusLabel: '部门尚未受理',
    startedOn: '2025-09-30',
    // Three working days after 09-30: 10-09, 10-10 and the make-up Saturday 10-11.
    dueDate: '2025-10-11',
    overdueSince: '2025-10-12',
    workingDaysOver: over('2025-10-11'),
  });
  expect(items['ZP36112320251009000003:medicalInsurance']).toMatchObject({
    neverAccepted: false,
    open: true,
    statusLabel: '审核中',
    dueDate: '2025-10-13',
    statusSince: '2025-10-09',
    workingDaysOver: over('2025-10-13'),
  });
  expect(items['ZP36110220250929000001:housingFund']).toMatchObject({
    open: false,
    dueDate: '2025-10-10',
    completedOn: '2025-10-13',
    workingDaysOver: 2,
  });
  // 即办 is due the day it goes to the agency: 办结 the next working day is one working day late.
  expect(items['ZP36110220250929000001:socialInsurance']).toMatchObject({
    open: false,
    dueDate: '2025-09-29',
    completedOn: '2025-09-30',
    workingDaysOver: 1,
  });
  // Worst first.
  const days = body.overdue.items.map((o: any) => o.workingDaysOver);
  expect(days).toEqual([...days].sort((a, b) => b - a));
});

it('counts every return by reason (also the one a 补正 replaced) and the ratings', async () => {
  const { body } = await call(supervisor, `/staff/supervisor/dashboard?${PERIOD}`);
  // The clerk's hand-back note is not a return; one reason for two hires is one return for that reason.
  expect(body.returns).toEqual({
    total: 2,
    reasons: [
      { code: 'HOUSING_FUND_BASE_OUT_OF_RANGE', label: '月缴存基数超出范围', count: 1 },
      { code: 'NAME_MISMATCH', label: '姓名不一致', count: 1 },
    ],
  });
  expect(body.ratings).toEqual({
    count: 2,
    average: 3,
    grades: { good: 1, neutral: 0, bad: 1 },
    distribution: [
      { score: 1, label: '非常不满意', count: 0 },
      { score: 2, label: '不满意', count: 1 },
      { score: 3, label: '基本满意', count: 0 },
      { score: 4, label: '满意', count: 1 },
      { score: 5, label: '非常满意', count: 0 },
    ],
    recent: [
      {
        code: 'ZP36112320251009000003',
        unitName: '玉山县丙公司',
        score: 2,
        comment: '材料退回两次',
        ratedAt: '2025-10-20T01:00:00.000Z',
      },
      {
        code: 'ZP36110220250930000002',
        unitName: '上饶市乙公司',
        score: 4,
        comment: '办理很快',
        ratedAt: '2025-10-15T01:00:00.000Z',
      },
    ],
  });
});

it('narrows to one county', async () => {
  const { body } = await call(supervisor, `/staff/supervisor/dashboard?${PERIOD}&county=361123`);
  expect(body.period.countyLabel).toBe('玉山县');
  expect(body.totals.applications).toBe(1);
  expect(body.overdue.items.map((o: any) => `${o.matter}:${o.open}`)).toEqual([
    'medicalInsurance:true',
    'socialInsurance:false',
  ]);
  expect(body.ratings.count).toBe(1);
});

it('refuses unbounded or malformed periods and counties in Chinese', async () => {
  for (const [query, message] of [
    ['from=2024-01-01&to=2025-12-31', '统计期间应为 1—366 天'],
    ['from=2025-10-12&to=2025-10-01', '截止日期不早于起始日期'],
    ['from=2025-02-30&to=2025-03-01', '起始日期不是有效日期'],
    [`${PERIOD}&county=110101`, '未知的区县代码'],
    ['to=2025-10-01', '请选择起始日期'],
  ]) {
    const res = await call(supervisor, `/staff/supervisor/dashboard?${query}`);
    expect([query, res.status]).toEqual([query, 400]);
    expect(JSON.stringify(res.body.error)).toContain(message);
  }
});

it('exports the figures as Excel with a Chinese file name, capped and audited', async () => {
  const res = await call(supervisor, `/staff/supervisor/dashboard.xlsx?${PERIOD}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)![1]);
  expect(name).toBe('员工招聘一件事督查统计-全市-2025-09-29至2025-10-12.xlsx');

  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.body);
  expect(book.worksheets.map((s) => s.name)).toEqual([
    '概况',
    '分事项',
    '超期事项',
    '退回原因',
    '好差评',
    '每日',
  ]);
  const rows = (sheet: string) => sheetRows(book, sheet);
  expect(rows('概况')).toEqual(
    expect.arrayContaining([
      ['申请件数', 3],
      ['超期未办结事项', 2],
      ['其中部门尚未受理', 1],
    ]),
  );
  expect(rows('分事项')).toContainEqual([
    '个人住房公积金账户设立',
    '住房公积金管理中心',
    '3 个工作日内办结',
    3,
    2,
    0,
    0,
    1,
    1,
    5,
  ]);
  // SUPERVISOR_EXPORT_MAX_ROWS=2: the two most overdue, and a line saying how many there are.
  const overdue = rows('超期事项');
  expect(overdue[0][0]).toBe('办件编码');
  expect(overdue.slice(1, 3).map((r) => r[0])).toEqual(expect.arrayContaining(['ZP36110220250930000002']));
  expect(overdue).toHaveLength(4);
  expect(String(overdue[3][0])).toContain('共 5 项超期');
  expect(rows('退回原因')).toEqual([
    ['退回原因', '次数'],
    ['月缴存基数超出范围', 1],
    ['姓名不一致', 1],
  ]);

  const trail = await server.services.audit.search({ action: 'supervisor.export', page: 1, pageSize: 1 });
  expect(trail.items[0]).toMatchObject({
    actor: { kind: 'staff', id: 'city-supervisor', role: 'supervisor' },
    outcome: 'ok',
    detail: { from: '2025-09-29', to: '2025-10-12', applications: 3, overdue: 5, rows: 2 },
  });
});

it('limits exports per hour and records the refusal', async () => {
  // One export is spent above; a new hour's window mid-test would give a fresh budget, so allow two.
  let refused: Answer | undefined;
  for (let i = 0; i < EXPORTS_PER_HOUR * 2 + 1 && !refused; i++) {
    const res = await call(supervisor, `/staff/supervisor/dashboard.xlsx?${PERIOD}&county=361123`);
    if (res.status === 429) refused = res;
    else expect(res.status).toBe(200);
  }
  expect(refused?.body.error.message).toContain('请求过于频繁');
  expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
  const trail = await server.services.audit.search({ action: 'supervisor.export', page: 1, pageSize: 1 });
  expect(trail.items[0]).toMatchObject({ outcome: 'refused' });
});

it('drills down to one application with personal data masked, audited as a staff view', async () => {
  const { status, body } = await call(supervisor, `/staff/supervisor/applications/${ids.B}`);
  expect(status).toBe(200);
  expect(body.code).toBe('ZP36110220250930000002');
  expect(body.employees).toEqual([
    { key: 'e1', name: '张**', idNumber: expect.stringMatching(/^361\*+34$/) },
    { key: 'e2', name: '李*', idNumber: expect.stringMatching(/^361\*+3X$/) },
  ]);
  expect(JSON.stringify(body)).not.toContain('361102199001011234');
  expect(JSON.stringify(body)).not.toContain('张三丰');
  expect(body.queryPassword).toBeUndefined();
  expect(body.matters.every((m: any) => m.result === null)).toBe(true);
  const trail = await server.services.audit.search({
    action: 'staff.view',
    subject: body.code,
    page: 1,
    pageSize: 1,
  });
  expect(trail.items[0].actor).toMatchObject({ id: 'city-supervisor' });
  expect((await call(supervisor, '/staff/supervisor/applications/0123456789abcdef01234567')).status).toBe(
    404,
  );
});

it('searches the audit trail by staff account, action and date, in words', async () => {
  const { status, body } = await call(
    supervisor,
    `/staff/supervisor/audit?actor=city-supervisor&action=supervisor.export&from=${today}&to=${today}&pageSize=2`,
  );
  expect([status, body.error]).toEqual([200, undefined]);
  expect(body.total).toBeGreaterThanOrEqual(2);
  expect(body.items).toHaveLength(2);
  expect(body.items[0]).toMatchObject({
    actorId: 'city-supervisor',
    actorKindLabel: '工作人员',
    actorRoleLabel: '监督人员',
    actionLabel: '导出督查统计表',
    outcomeLabel: '被拒绝',
  });
  expect(body.items[1].detail).toContain('起始日期：2025-09-29');
  const none = await call(
    supervisor,
    `/staff/supervisor/audit?actor=city-supervisor&from=2020-01-01&to=2020-01-02`,
  );
  expect(none.body.total).toBe(0);
  for (const query of ['pageSize=500', 'page=5000', 'action=drop.tables', 'actor=a%20b', 'from=2025-13-01']) {
    expect([query, (await call(supervisor, `/staff/supervisor/audit?${query}`)).status]).toEqual([
      query,
      400,
    ]);
  }
});

it('keeps the reason codes of each return on the timeline (a 补正 replaces the matter)', async () => {
  await server.services.progress.apply(
    ids.D,
    'employment',
    1,
    {
      status: 'returned',
      caseId: 'C-1',
      sequence: 1,
      reasons: [{ code: 'NAME_MISMATCH', message: '姓名不一致', employeeIndex: 0 }],
    } as never,
    'test',
  );
  const doc = await server.services.applications.findById(ids.D).lean();
  expect(doc!.matters[0].timeline.at(-1)).toMatchObject({
    status: 'returned',
    reasonCodes: ['NAME_MISMATCH'],
  });
});

it('refuses a clerk every supervisor route', async () => {
  for (const path of [
    `/staff/supervisor/dashboard?${PERIOD}`,
    `/staff/supervisor/dashboard.xlsx?${PERIOD}`,
    `/staff/supervisor/applications/${ids.A}`,
    '/staff/supervisor/audit',
  ]) {
    const res = await call(clerk, path);
    expect([path, res.status]).toEqual([path, 403]);
    expect(res.body.error.message).toContain('监督人员');
  }
  const anonymous = await fetch(`${server.api}/staff/supervisor/dashboard?${PERIOD}`);
  expect(anonymous.status).toBe(401);
});
