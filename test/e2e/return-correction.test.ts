// Issue 12 in the browser: a returned matter is corrected on the detail page of the H5 build, as an employer
// would on a phone: the 补正 form opens pre-filled with what was sent, the name is corrected, a hire whose
// previous 公积金 account is not sealed is taken out of that matter only, and every matter reaches 已办结 with
// the agencies' numbers on the page. The application is submitted through the bff's API (the wizard is the
// employer journey's part). Screenshots go to test/artifacts/e2e-return/.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  makeLegalRepresentative,
  sampleApplication,
  startMocks,
  workingAgePeople,
  type RunningMocks,
} from '@hiring/mock';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testDatabaseUri } from '../../tools/jest/testDatabase';
import { freePort, startBff, type BffProcess } from '../src/bffProcess';
import {
  byTestId,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  CONTENT_HEIGHT,
  PHONE,
  eventually,
  waitText,
} from '../src/browser';
import { ensureH5Build, startH5Server, type H5Server } from '../src/h5';

jest.setTimeout(8 * 60 * 1000);

const SECRET = 'e2e-return-secret-0123456789';
const ARTIFACTS = path.resolve(__dirname, '../artifacts/e2e-return');

let mocks: RunningMocks;
let bff: BffProcess;
let h5: H5Server;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureH5Build();
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  mocks = await startMocks({ callbackSecret: SECRET, workingDayMs: 600 });
  bff = await startBff(await freePort(), {
    MONGODB_URI: testDatabaseUri('e2e-return'),
    DEV_LOGIN: 'true',
    WECHAT_URL: mocks.urls.wechat,
    ALIPAY_URL: mocks.urls.alipay,
    GOV_DATA_URL: mocks.urls.govData,
    HRSS_URL: mocks.urls.hrss,
    MEDICAL_SECURITY_URL: mocks.urls.medicalSecurity,
    HOUSING_FUND_URL: mocks.urls.housingFund,
    AGENCY_CALLBACK_SECRET: SECRET,
    DISPATCH_POLL_MS: '100',
  });
  for (const agency of ['hrss', 'medicalSecurity', 'housingFund'] as const) {
    mocks.agencies[agency].configure({ callbackUrl: `${bff.url}/api/v1/agency-callbacks/${agency}` });
  }
  h5 = await startH5Server(await freePort(), bff.url);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await (await browser.newContext(PHONE)).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await h5?.stop();
  await bff?.kill();
  await mocks?.stop();
});

let shotNumber = 0;
async function shot(name: string): Promise<void> {
  shotNumber += 1;
  await page.waitForTimeout(300);
  const viewport = page.viewportSize()!;
  const height = Math.min(await page.evaluate<number>(CONTENT_HEIGHT), 8000);
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  try {
    const file = path.join(ARTIFACTS, `${String(shotNumber).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
  } finally {
    if (height > viewport.height) await page.setViewportSize(viewport);
  }
}

const visible = (testId: string) => byTestId(page, testId);

let token: string | undefined;
const unitOfTest = () =>
  mocks.world.population.units.find((u) => u.socialInsuranceCode && u.housingFundAccount)!;

/** The bff API as the page's own account: the H5 dev login's nickname, kept in the page's storage. */
async function apiAsPage(
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  if (!token) {
    const raw = await page.evaluate<string | null>(`localStorage.getItem('hiring:deviceNickname')`);
    const nickname = (JSON.parse(raw ?? '{}') as { data?: string }).data;
    expect(nickname).toMatch(/^h5-/);
    const login = await fetch(`${bff.url}/api/v1/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nickname }),
    });
    token = ((await login.json()) as { token: string }).token;
    await makeLegalRepresentative(`${bff.url}/api/v1`, token, unitOfTest());
  }
  const res = await fetch(`${bff.url}/api/v1${route}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function refreshUntil(matter: string, label: string, timeout = 60000): Promise<void> {
  await eventually(
    `${matter} shows ${label}`,
    async () => {
      const status = (await visible(`matter-${matter}-status`).textContent({ timeout: 2000 }))?.trim();
      if (status !== label) {
        await visible('detail-refresh').click();
        await page.waitForTimeout(400);
      }
      return status;
    },
    (status) => status === label,
    timeout,
  );
}

it('corrects a returned matter on the detail page and reaches 已办结', async () => {
  const { population } = mocks.world;
  const [first] = workingAgePeople(population, 'normal', 1, 7);
  const [unsealed] = population.peopleWith('housingFundNotSealed', 1);
  const unit = population.units.find((u) => u.socialInsuranceCode && u.housingFundAccount)!;
  const application = sampleApplication(unit, [first, unsealed], ['employment', 'housingFund']) as any;
  application.unit.firstApplication = false;
  // A typo in the first hire's name: 人社 and 公积金 both return it; 公积金 also returns the unsealed hire.
  application.employees[0].name = `${first.name}某`;

  await page.goto(h5.url);
  await waitText(visible('open-messages'), '查看');
  const draft = await apiAsPage('POST', '/drafts', { application });
  expect(draft.status).toBe(201);
  const submitted = await apiAsPage(
    'POST',
    `/drafts/${draft.body.id}/submit`,
    {},
    { 'Idempotency-Key': randomUUID() },
  );
  expect(submitted.status).toBe(201);
  const { id, employees } = submitted.body as { id: string; employees: { key: string }[] };

  await page.goto(`${h5.url}#/application/detail/index?id=${id}`);
  await visible('detail-code').waitFor();
  await refreshUntil('employment', '已退回');
  await refreshUntil('housingFund', '已退回');
  await waitText(visible('matter-employment-reasons'), /姓名/);
  await waitText(visible('matter-housingFund-reasons'), /封存/);
  // The timeline speaks Chinese: no status codes in brackets.
  expect(await visible('matter-employment').textContent()).not.toMatch(/（[a-zA-Z]+）/);
  await shot('both-returned');

  // 人社: the name field opens with what was sent; correcting it resends that matter alone.
  await visible('fix-employment').click();
  const nameField = visible(`fix-employment-${employees[0].key}-name`);
  await nameField.waitFor();
  expect(await nameField.inputValue()).toBe(`${first.name}某`);
  await shot('employment-correction-prefilled');
  // Unchanged: the app says so instead of sending the same thing again.
  await visible('resubmit-employment').click();
  await waitText(visible('correction-employment-error'), /补正内容与上次提交的相同/);
  await nameField.fill(first.name);
  await visible('resubmit-employment').click();
  await refreshUntil('employment', '已办结');
  await waitText(visible('matter-employment-result'), /就业登记编号 JY/);

  // 公积金: the name again, and the unsealed hire taken out of this matter only.
  await visible('fix-housingFund').click();
  const fundName = visible(`fix-housingFund-${employees[0].key}-name`);
  await fundName.waitFor();
  await fundName.fill(first.name);
  await visible(`drop-housingFund-${employees[1].key}`).check();
  await shot('housingFund-correction');
  await visible('resubmit-housingFund').click();
  await refreshUntil('housingFund', '已办结');
  await waitText(visible('detail-status'), '已办结');
  await waitText(visible('matter-housingFund-result'), /公积金个人账号 GJ/);
  await waitText(visible('matter-housingFund'), new RegExp(`已移出本事项：${unsealed.name}`));
  // The unsealed hire keeps the employment registration.
  await waitText(visible(`result-employment-${employees[1].key}`), /就业登记编号 JY/);
  await shot('all-done-with-results');
  expect(pageErrors).toEqual([]);
});
