// Issue 16 in the browser: on the H5 build at a phone viewport, an operator downloads the template, imports a
// sheet of 12 hires of which 2 are wrong, reads the reasons, downloads the failed rows, fixes them and imports
// that file; the list then holds all 12. Real bff (child process), database and stand-ins. Screenshots go to
// test/artifacts/e2e-import/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  SHEET_HEADERS,
  hireRow,
  startMocks,
  workingAgePeople,
  xlsxOf,
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
  eventually,
  PHONE,
  waitCount,
  waitText,
} from '../src/browser';
import { ensureH5Build, startH5Server, type H5Server } from '../src/h5';

// The H5 build alone can take a few minutes on 2 busy cores; the test itself well under one.
jest.setTimeout(8 * 60 * 1000);

const ARTIFACTS = path.resolve(__dirname, '../artifacts/e2e-import');
let mocks: RunningMocks;
let bff: BffProcess;
let h5: H5Server;
let browser: Browser;
let page: Page;
let tmpDir: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureH5Build();
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-import-'));
  mocks = await startMocks({ callbackSecret: 'e2e-import-secret-0123456789' });
  bff = await startBff(await freePort(), {
    MONGODB_URI: testDatabaseUri('e2e-import'),
    DEV_LOGIN: 'true',
    WECHAT_URL: mocks.urls.wechat,
    ALIPAY_URL: mocks.urls.alipay,
    GOV_DATA_URL: mocks.urls.govData,
    HRSS_URL: mocks.urls.hrss,
    MEDICAL_SECURITY_URL: mocks.urls.medicalSecurity,
    HOUSING_FUND_URL: mocks.urls.housingFund,
    AGENCY_CALLBACK_SECRET: 'e2e-import-secret-0123456789',
  });
  h5 = await startH5Server(await freePort(), bff.url);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ ...PHONE, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await h5?.stop();
  await bff?.kill();
  await mocks?.stop();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

let shots = 0;
async function shot(name: string): Promise<void> {
  shots += 1;
  await page.waitForTimeout(300);
  // Taro H5 scrolls inside its page element: the viewport is stretched to the content for the picture.
  const viewport = page.viewportSize()!;
  const height = Math.min(await page.evaluate<number>(CONTENT_HEIGHT), 8000);
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  try {
    await page.screenshot({
      path: path.join(ARTIFACTS, `${String(shots).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  } finally {
    if (height > viewport.height) await page.setViewportSize(viewport);
  }
}

const visible = (testId: string) => byTestId(page, testId);

/** The H5 session the page signed in with (Taro keeps storage as { data } JSON in localStorage). */
async function sessionToken(): Promise<string> {
  const raw = await eventually(
    'the H5 session in localStorage',
    () => page.evaluate<string | null>("localStorage.getItem('hiring:session')"),
    (value) => value !== null,
    15000,
  );
  const stored = JSON.parse(raw!);
  return (stored?.data ?? stored).token;
}

async function chooseFile(button: string, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser', { timeout: 10000 });
  await visible(button).click();
  await (await chooser).setFiles(file);
}

it('imports a sheet, shows the failed rows with reasons, and re-imports them fixed', async () => {
  await page.goto(h5.url);
  await visible('new-application').waitFor();
  // Signed in: the lists that need an account load.
  await waitText(visible('open-messages'), '查看');
  const token = await sessionToken();
  const unit = mocks.world.population.units.find((u) => u.socialInsuranceCode && u.housingFundAccount)!;
  const created = await fetch(`${bff.url}/api/v1/drafts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      application: {
        matters: ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'],
        unit: { name: unit.name, uscc: unit.uscc, address: unit.address, countyCode: '361102' },
      },
    }),
  });
  expect(created.status).toBe(201);
  const draft = (await created.json()) as { id: string };
  await page.goto(`${h5.url}#/wizard/employees/index?id=${draft.id}`);
  await visible('import-sheet').waitFor();
  await shot('employees-with-import');

  // The template downloads as an .xlsx.
  const download = page.waitForEvent('download', { timeout: 15000 });
  await visible('import-template').click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

  // 12 hires, two of them wrong: a short phone number and an unknown 民族.
  const people = workingAgePeople(mocks.world.population, 'normal', 12, 40);
  const rows = people.map((person, i) => hireRow(person, 'template', i));
  rows[4] = { ...rows[4], 手机号码: '1390000' };
  rows[9] = { ...rows[9], 民族: '火星族' };
  const sheet = path.join(tmpDir, '新员工.xlsx');
  fs.writeFileSync(
    sheet,
    await xlsxOf(SHEET_HEADERS.template, rows, { textColumns: ['身份证号码', '手机号码'] }),
  );
  await chooseFile('import-sheet', sheet);
  await waitText(visible('import-summary'), '已导入 10 位员工，2 行未导入，请按原因修改', 30000);
  await waitText(visible('import-failed-6'), /手机号码：/);
  await waitText(visible('import-failed-11'), /民族：.*火星族/);
  await waitCount(page.locator('[data-testid^="employee-"][data-testid$="-edit"]:visible'), 10);
  await shot('imported-10-failed-2');

  // The failed rows come back as a sheet with 错误原因; fix the two cells and import that file.
  const failedDownload = page.waitForEvent('download', { timeout: 15000 });
  await visible('import-download-failed').click();
  const failedFile = path.join(tmpDir, 'failed.xlsx');
  await (await failedDownload).saveAs(failedFile);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(failedFile);
  const list = workbook.getWorksheet('员工名单')!;
  const headers = (list.getRow(2).values as string[]).slice(1);
  expect(headers.at(-1)).toBe('错误原因');
  expect(String(list.getCell(3, headers.length).value)).toMatch(/手机号码/);
  list.getCell(3, headers.indexOf('手机号码') + 1).value = people[4].phone;
  list.getCell(4, headers.indexOf('民族') + 1).value = '汉族';
  const fixed = path.join(tmpDir, '改好的.xlsx');
  await workbook.xlsx.writeFile(fixed);
  await chooseFile('import-sheet', fixed);
  await waitText(visible('import-summary'), '已导入 2 位员工', 30000);
  await waitCount(page.locator('[data-testid^="employee-"][data-testid$="-edit"]:visible'), 12);
  await shot('all-12-imported');
  expect(pageErrors).toEqual([]);
});
