// Issue 15 in the browser: from the receipt of a submitted application, download the 联办申请表 (a real
// PDF of two copies) and the receipt image, then open the public 办件查询 from the receipt, and open it
// again the way the QR code does (a link with the code filled in), in a fresh browser without login.
// Headless Chromium on the H5 build against the built bff; screenshots in test/artifacts/e2e-paper/.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ALL_MATTERS,
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
  eventually,
  PHONE,
  waitText,
  waitValue,
} from '../src/browser';
import { ensureH5Build, startH5Server, type H5Server } from '../src/h5';

jest.setTimeout(8 * 60 * 1000);

const SECRET = 'e2e-paper-callback-secret-0123456789';
const ARTIFACTS = path.resolve(__dirname, '../artifacts/e2e-paper');

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
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-paper-'));
  mocks = await startMocks({ callbackSecret: SECRET, workingDayMs: 2000 });
  const [bffPort, h5Port] = [await freePort(), await freePort()];
  bff = await startBff(bffPort, {
    MONGODB_URI: testDatabaseUri('e2e-paper'),
    DEV_LOGIN: 'true',
    WECHAT_URL: mocks.urls.wechat,
    ALIPAY_URL: mocks.urls.alipay,
    GOV_DATA_URL: mocks.urls.govData,
    HRSS_URL: mocks.urls.hrss,
    MEDICAL_SECURITY_URL: mocks.urls.medicalSecurity,
    HOUSING_FUND_URL: mocks.urls.housingFund,
    AGENCY_CALLBACK_SECRET: SECRET,
    DISPATCH_POLL_MS: '100',
    LOOKUP_PAGE_URL: `http://127.0.0.1:${h5Port}/#/pages/lookup/index`,
  });
  for (const agency of ['hrss', 'medicalSecurity', 'housingFund'] as const) {
    mocks.agencies[agency].configure({ callbackUrl: `${bff.url}/api/v1/agency-callbacks/${agency}` });
  }
  h5 = await startH5Server(h5Port, bff.url);
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
async function shot(name: string, target: Page = page) {
  await target.waitForTimeout(300);
  await target.screenshot({ path: path.join(ARTIFACTS, `${String(++shots).padStart(2, '0')}-${name}.png`) });
}

/** The session the H5 app stored after its dev login (Taro keeps storage values under `data`). */
async function browserToken(): Promise<string> {
  return eventually(
    'the H5 session token',
    () =>
      page.evaluate<string>(`(() => {
        const raw = localStorage.getItem('hiring:session');
        if (!raw) return '';
        const value = JSON.parse(raw);
        return (value && value.data && value.data.token) || (value && value.token) || '';
      })()`),
    (token) => token.length > 0,
    15000,
  );
}

async function call(token: string, method: string, url: string, body?: unknown, headers = {}) {
  const res = await fetch(`${bff.url}/api/v1${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

it('downloads the form and the receipt from the receipt page and opens the lookup from it and from the QR link', async () => {
  // Signed in as the H5 app signs in; the application is submitted over the API (the wizard has its own test).
  await page.goto(h5.url);
  await byTestId(page, 'new-application').waitFor();
  const token = await browserToken();
  const { population } = mocks.world;
  await makeLegalRepresentative(`${bff.url}/api/v1`, token, population.units[11]);
  const hires = workingAgePeople(population, 'normal', 3, 40);
  // The operator is not one of the hires: each hire's ID number is then printed only in their own row.
  const operator = workingAgePeople(population, 'normal', 1, 60)[0];
  const application = sampleApplication(population.units[11], hires, ALL_MATTERS, {
    name: operator.name,
    idNumber: operator.idNumber,
    phone: '13800138000',
  });
  const draft = await call(token, 'POST', '/drafts', { application });
  expect(draft.status).toBe(201);
  const submitted = await call(
    token,
    'POST',
    `/drafts/${draft.body.id}/submit`,
    {},
    { 'Idempotency-Key': randomUUID() },
  );
  expect(submitted.status).toBe(201);
  const { id, code, queryPassword } = submitted.body;

  await page.goto(`${h5.url}#/wizard/receipt/index?id=${id}`);
  await waitText(byTestId(page, 'receipt-code'), code);
  await byTestId(page, 'document-downloads').waitFor();
  await shot('receipt-with-downloads');

  // 下载/打印申请表: a real PDF, two copies of one page, each with every hire.
  const [formDownload] = await Promise.all([
    page.waitForEvent('download'),
    byTestId(page, 'download-form').click(),
  ]);
  expect(formDownload.suggestedFilename()).toBe(`联办申请表-${code}.pdf`);
  const formFile = path.join(tmpDir, 'form.pdf');
  await formDownload.saveAs(formFile);
  expect(fs.readFileSync(formFile).subarray(0, 5).toString()).toBe('%PDF-');
  expect(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [formFile], { encoding: 'utf8' }))?.[1]).toBe('2');
  const text = execFileSync('pdftotext', ['-raw', formFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const person of hires) expect(text.split(person.idNumber).length - 1).toBe(2);
  expect(text).toContain('受理经办机构留存');
  expect(text).toContain('申请单位留存');
  await waitText(byTestId(page, 'download-done'), '申请表已生成');

  // 保存回执图片: a PNG of the receipt.
  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    byTestId(page, 'download-receipt-png').click(),
  ]);
  const pngFile = path.join(ARTIFACTS, 'receipt-download.png');
  await pngDownload.saveAs(pngFile);
  expect(fs.readFileSync(pngFile).subarray(1, 4).toString()).toBe('PNG');

  // 打开办件查询 from the receipt: the code is filled in; the password from the receipt shows the matters.
  await byTestId(page, 'receipt-lookup').click();
  await waitValue(byTestId(page, 'lookup-code'), code);
  await byTestId(page, 'lookup-password').fill(queryPassword);
  await byTestId(page, 'lookup-submit').click();
  await waitText(byTestId(page, 'lookup-result-code'), code);
  for (const matter of ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund']) {
    await byTestId(page, `lookup-matter-${matter}`).waitFor();
  }
  const shown = (await byTestId(page, 'lookup-result').textContent()) ?? '';
  for (const person of hires) {
    expect(shown).not.toContain(person.name);
    expect(shown).not.toContain(person.idNumber);
  }
  expect(shown).toContain(`${hires.length} 人`);
  await shot('lookup-from-receipt');

  // The QR code's link, in a fresh browser that never logged in; a wrong password is refused plainly.
  const stranger = await browser.newContext(PHONE);
  const qrPage = await stranger.newPage();
  qrPage.on('pageerror', (e) => pageErrors.push(e.message));
  await qrPage.goto(`${h5.url}#/pages/lookup/index?code=${code}`);
  await waitValue(byTestId(qrPage, 'lookup-code'), code);
  await byTestId(qrPage, 'lookup-password').fill(queryPassword === '000000' ? '111111' : '000000');
  await byTestId(qrPage, 'lookup-submit').click();
  await waitText(byTestId(qrPage, 'lookup-error'), '办件编码或查询密码不正确');
  await shot('lookup-qr-wrong-password', qrPage);
  await byTestId(qrPage, 'lookup-password').fill(queryPassword);
  await byTestId(qrPage, 'lookup-submit').click();
  await waitText(byTestId(qrPage, 'lookup-result-code'), code);
  await shot('lookup-qr-right-password', qrPage);
  await stranger.close();

  expect(pageErrors).toEqual([]);
});
