// Issue 17's supervision in the staff console, in Chromium against the real bff, database and stand-ins: a
// window clerk takes an application in (through the bff, as the console would), and 政务服务管理局's
// supervisor logs in through the identity provider, sees it in the day's figures, finds its overdue 医保
// matter, exports the figures to Excel (the test opens the downloaded file with exceljs), drills down to
// the application (hires masked) and finds the export in the audit log; a clerk reaches no supervisor page
// and the bff refuses them the figures. Screenshots go to test/artifacts/console-supervisor/.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import mongoose from 'mongoose';
import { sampleApplication, staffLogin } from '@hiring/mock';
import { addDays, defaultWorkingDayCalendar, matterDueDate, todayInChina } from '@hiring/shared';
import { eventually, waitShown, waitText } from '../src/browser';
import { journeyCast } from '../src/cast';
import { screenshots, startConsoleWorld, type ConsoleWorld } from '../src/console';

jest.setTimeout(6 * 60 * 1000);

const shot = screenshots(path.resolve(__dirname, '../artifacts/console-supervisor'));

let world: ConsoleWorld;

beforeAll(async () => {
  // The agencies' operators never decide: the 3-working-day matters stay with them.
  world = await startConsoleWorld('console-supervisor', { reviewMode: 'manual' });
});

afterAll(() => world?.stop());

/** A walk-in application of 信州区 taken in through the clerk's route (the clerk's pages have their own test). */
async function takeWalkIn() {
  const { unit, operator, first, second } = journeyCast(world.mocks.world.population, 2);
  const { header } = await staffLogin(world.bff.url, world.mocks.urls.staffIdp, 'xz-clerk');
  const res = await fetch(`${world.bff.url}/api/v1/staff/clerk/applications`, {
    method: 'POST',
    headers: {
      cookie: header,
      'x-requested-with': 'XMLHttpRequest',
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({
      application: sampleApplication(unit, [first, second], undefined, {
        name: operator.name,
        idNumber: operator.idNumber,
        phone: operator.phone,
      }),
      attestation: {
        reference: 'SQ-2026-0417',
        expiresOn: addDays(todayInChina(), 90),
        paperAuthorizationSeen: true,
        operatorIdCardSeen: true,
        hireIdCardsSeen: [true, true],
      },
    }),
  });
  const body = (await res.json()) as { id: string; code: string; error?: unknown };
  expect([res.status, body.error]).toEqual([201, undefined]);
  return { ...body, unit, first };
}

/**
 * A test cannot wait for days to pass: the 医保 matter is made to have been accepted two weeks ago, with
 * the due date the calendar gives for that day, as if the agency had sat on it since.
 */
async function ageMedicalMatter(id: string) {
  const accepted = addDays(todayInChina(), -14);
  const db = await mongoose.createConnection(world.databaseUri).asPromise();
  try {
    const applications = db.collection('applications');
    const _id = new mongoose.Types.ObjectId(id);
    // Once the agency has it (accepted or under review), so no later news of its acceptance overwrites this.
    const doc = await eventually(
      'the 医保 matter accepted by its agency',
      () => applications.findOne({ _id }),
      (d) =>
        (d?.matters as { matter: string; status: string }[]).some(
          (m) => m.matter === 'medicalInsurance' && ['accepted', 'reviewing'].includes(m.status),
        ),
      60_000,
    );
    const index = (doc!.matters as { matter: string }[]).findIndex((m) => m.matter === 'medicalInsurance');
    const due = matterDueDate(accepted, 'medicalInsurance');
    await applications.updateOne(
      { _id: doc!._id },
      {
        $set: {
          [`matters.${index}.status`]: 'reviewing',
          [`matters.${index}.acceptedOn`]: accepted,
          [`matters.${index}.dueDate`]: due,
          [`matters.${index}.dueDateBasis`]: 'official',
        },
      },
    );
    return due;
  } finally {
    await db.close();
  }
}

/** The 公积金 operator returns the case on the stand-in's own page; the bff hears it by callback. */
async function returnHousingFund(code: string) {
  const operator = await (await world.browser.newContext()).newPage();
  await operator.goto(world.mocks.urls.housingFund);
  const row = operator.locator('tr', { hasText: code });
  const send = row.getByRole('button', { name: '退回', exact: true });
  await waitShown(send, 60_000);
  await row.locator('textarea[name=reason]').fill('缴存基数证明不清晰，请重新提供');
  await send.click();
  await waitText(operator.locator('tr', { hasText: code }), '已退回');
  await operator.context().close();
}

/** The employer's 好差评 as the rating route stores it on the application (issue 17's rating part). */
async function rate(id: string, score: number, comment: string) {
  const db = await mongoose.createConnection(world.databaseUri).asPromise();
  try {
    await db
      .collection('applications')
      .updateOne(
        { _id: new mongoose.Types.ObjectId(id) },
        { $set: { rating: { score, comment, ratedAt: new Date() } } },
      );
  } finally {
    await db.close();
  }
}

it('a supervisor sees a new application in the figures, finds its overdue matter, exports Excel and drills down; a clerk cannot', async () => {
  const taken = await takeWalkIn();
  const due = await ageMedicalMatter(taken.id);
  await returnHousingFund(taken.code);
  await rate(taken.id, 4, '窗口办理很快，公积金退回原因写得清楚');
  const today = todayInChina();

  const page = await world.signedIn('city-supervisor');
  // The supervisor's home is the dashboard, with only the supervisor's pages in the navigation.
  await waitText(page.getByTestId('who'), '监督人员');
  await waitShown(page.getByTestId('totals'));
  expect(new URL(page.url()).pathname).toBe('/supervisor/dashboard');
  expect(await page.locator('.sidebar .nav-item').allTextContents()).toEqual(['督查统计', '审计日志']);
  await waitText(page.getByTestId('period-label'), `全市，${addDays(today, -29)} 至 ${today}`);
  await waitText(page.getByTestId('total-申请件数'), '1');
  await waitText(page.getByTestId('total-事项数'), '4');
  await waitText(page.getByTestId('time-limits'), '即办：2 项（50.0%）');

  // The overdue 医保 matter, with how many working days over and since when.
  const row = page.getByTestId(`overdue-${taken.code}-medicalInsurance`);
  await waitText(row, '审核中');
  const over = defaultWorkingDayCalendar.workingDaysElapsed(due, today);
  await waitText(row, over > 0 ? `${over} 个工作日` : '不足 1 个工作日');
  await waitText(row, addDays(due, 1));
  await waitText(row, taken.unit.name);
  await waitText(page.getByTestId('total-超期未办结'), '1');
  // The 公积金 operator's return, by its reason; the rating with its grade and comment.
  await waitText(page.getByTestId('returns'), '窗口退回1 次');
  await waitText(page.getByTestId('ratings-summary'), '共 1 条评价，平均 4.00 分；好评 1');
  await waitText(page.getByTestId('ratings'), '窗口办理很快');
  await shot(page, 'supervisor-dashboard');

  // A period the bff would refuse is named before anything is sent.
  await page.getByTestId('period-from').fill(addDays(today, 1));
  await waitText(page.getByTestId('period-problem'), '截止日期不早于起始日期');
  expect(await page.getByTestId('period-submit').isDisabled()).toBe(true);
  await page.getByTestId('period-from').fill(addDays(today, -6));
  await page.getByTestId('period-county').selectOption({ label: '玉山县' });
  await page.getByTestId('period-submit').click();
  await waitText(page.getByTestId('period-label'), `玉山县，${addDays(today, -6)} 至 ${today}`);
  await waitText(page.getByTestId('total-申请件数'), '0');
  await shot(page, 'supervisor-dashboard-other-county');
  await page.getByTestId('period-county').selectOption({ label: '全市' });
  await page.getByTestId('period-submit').click();
  await waitText(page.getByTestId('total-申请件数'), '1');

  // The Excel export, downloaded as a person would, and read back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  expect(download.suggestedFilename()).toBe(
    `员工招聘一件事督查统计-全市-${addDays(today, -6)}至${today}.xlsx`,
  );
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'supervision-')), 'export.xlsx');
  await download.saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const rows = (sheet: string) =>
    (book.getWorksheet(sheet)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
  expect(rows('概况')).toEqual(
    expect.arrayContaining([
      ['申请件数', 1],
      ['事项数', 4],
      ['超期未办结事项', 1],
    ]),
  );
  const overdue = rows('超期事项');
  expect(overdue).toHaveLength(2);
  expect(overdue[1]).toEqual([
    taken.code,
    taken.unit.name,
    '信州区',
    '基本医疗保险职工参保登记',
    '医保局',
    '审核中',
    today,
    due,
    addDays(due, 1),
    over,
    '未办结',
  ]);
  expect(rows('每日').at(-1)).toEqual([today, 1, 4]);

  // Drill-down from the overdue row: progress and due dates, hires masked.
  await page.getByTestId(`overdue-${taken.code}-medicalInsurance`).getByRole('link').click();
  await waitText(page.getByTestId('application-code'), taken.code);
  await waitText(page.getByTestId('matter-medicalInsurance'), '已超期');
  const employees = await page.getByTestId('employees').textContent();
  expect(employees).not.toContain(taken.first.name);
  expect(employees).not.toContain(taken.first.idNumber);
  expect(employees).toContain(`${[...taken.first.name][0]}*`);
  await shot(page, 'supervisor-application');

  // The audit log: the export and the drill-down are there, in words.
  await page.getByRole('link', { name: '审计日志' }).click();
  await page.getByTestId('audit-actor').fill('city-supervisor');
  await page.getByTestId('audit-action').selectOption({ label: '导出督查统计表' });
  await page.getByTestId('audit-submit').click();
  await waitText(page.getByTestId('audit-results'), '导出督查统计表');
  await waitText(page.getByTestId('audit-results'), '行数：1');
  await shot(page, 'supervisor-audit');
  await page.getByTestId('audit-action').selectOption({ label: '查看办件（含个人信息）' });
  await page.getByTestId('audit-submit').click();
  await waitText(page.getByTestId('audit-results'), taken.code);

  // A clerk: no supervisor page in the navigation, 无权访问 on the address, and the bff refuses the figures.
  const clerk = await world.signedIn('xz-clerk', '/supervisor/dashboard');
  await waitText(clerk.getByTestId('not-found'), '不属于您的角色');
  expect(await clerk.getByRole('link', { name: '督查统计' }).count()).toBe(0);
  await shot(clerk, 'clerk-no-supervisor');
  const { header } = await staffLogin(world.bff.url, world.mocks.urls.staffIdp, 'xz-clerk');
  const refused = await fetch(
    `${world.site.url}/api/v1/staff/supervisor/dashboard?from=${today}&to=${today}`,
    {
      headers: { cookie: header },
    },
  );
  expect(refused.status).toBe(403);
  expect(world.pageErrors).toEqual([]);
});
