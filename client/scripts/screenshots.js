#!/usr/bin/env node
// Walks the H5 build at a phone viewport against an in-page fake of the bff (fakeBff.js, typed by the
// contract's generated types) and saves a
// screenshot per screen: a quick visual check while the real bff is not running. The end-to-end test
// against the real bff lives in the test workspace.
//   H5_URL (default http://127.0.0.1:10086/), OUT (default ../.temp/screenshots), CHROMIUM (/usr/bin/chromium)
//   REAL_BFF=1 talks to the bff behind H5_URL instead (ID_CARD_IMAGE: a photo for the OCR step).
const path = require('node:path');
const fs = require('node:fs');
const { chromium } = require('playwright-core');
const { fakeBff } = require('./fakeBff');

const BASE = process.env.H5_URL ?? 'http://127.0.0.1:10086/';
const REAL = process.env.REAL_BFF === '1';
const OUT = path.resolve(process.env.OUT ?? path.join(__dirname, '..', '.temp', 'screenshots'));

(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const bff = fakeBff();
  // Playwright's offline mode does not reach routed requests, so "offline" is simulated here.
  let offline = false;
  await page.route('**/api/v1/**', async (route) => {
    if (offline) return route.abort('internetdisconnected');
    if (REAL) return route.continue();
    const req = route.request();
    const url = new URL(req.url());
    let body;
    try {
      body = req.postDataJSON();
    } catch {
      body = undefined;
    }
    const [status, json] = bff(req.method(), url, body);
    await route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(json) });
  });
  page.on('pageerror', (e) => console.error('页面错误:', e.message));
  page.on('request', (req) => {
    if (req.url().includes('/ocr/'))
      console.log('  OCR 上传', req.postDataBuffer()?.length, req.headers()['content-type']);
  });
  page.on('response', (res) => {
    if (res.url().includes('/api/v1/') && res.status() >= 400)
      void res
        .text()
        .then((body) =>
          console.log(
            `  接口 ${res.status()} ${res.request().method()} ${res.url().replace(/.*\/api\/v1/, '')} ${body.slice(0, 200)}`,
          ),
        );
  });
  let n = 0;
  const shot = async (name) => {
    n += 1;
    await page.waitForTimeout(600);
    const file = path.join(OUT, `${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  };

  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const visible = (id) => page.locator(`[data-testid="${id}"]:visible`);
  const text = async (id) =>
    (
      await visible(id)
        .first()
        .textContent({ timeout: 3000 })
        .catch(() => '（无）')
    )?.trim();

  await page.goto(BASE);
  await visible('new-application').waitFor();
  await shot('home');
  await visible('new-application').click();
  await visible('unit-uscc').waitFor();
  await visible('wizard-next').click();
  await shot('unit-required-errors');
  await visible('unit-uscc').fill('91361102MA35ABCD13');
  await visible('unit-lookup').click();
  await visible('unit-lookup-message').waitFor();
  if (!(await visible('unit-name').inputValue())) await visible('unit-name').fill('上饶市示例科技有限公司');
  if (!(await visible('unit-address').inputValue()))
    await visible('unit-address').fill('江西省上饶市信州区凤凰大道 1 号');
  await visible('unit-operator-name').fill('王经办');
  await visible('unit-operator-phone').fill('1380000');
  await shot('unit-autofilled-phone-error');
  await visible('unit-operator-phone').fill('13800000000');
  await visible('unit-operator-idNumber').fill('361102199508112145');
  await visible('unit-countyCode').selectOption('361102');
  await visible('unit-firstApplication-yes').check();
  await visible('wizard-next').click();
  await visible('matter-1').waitFor();
  for (const m of ['matter-1', 'matter-2', 'matter-3']) await visible(m).check();
  await shot('matters');
  await visible('wizard-next').click();
  await visible('add-employee-scan').waitFor();
  await visible('add-employee-scan').click();
  await visible('ocr-capture').waitFor();
  const chooser = page.waitForEvent('filechooser', { timeout: 5000 });
  await visible('ocr-capture').click();
  const png =
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const fileChooser = await chooser;
  if (process.env.ID_CARD_IMAGE) await fileChooser.setFiles(process.env.ID_CARD_IMAGE);
  else
    await fileChooser.setFiles({ name: 'id.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
  await visible('ocr-result').waitFor();
  await shot('employee-ocr-confirm');
  await visible('ocr-accept').click();
  await visible('hukouType').selectOption('1');
  await visible('phone').fill('13900000001');
  await visible('address').fill('上饶市信州区凤凰大道 2 号');
  await visible('wage').fill('1000');
  await visible('insuredFrom').fill(today.slice(0, 7));
  for (const t of ['pension', 'injury', 'unemployment', 'medical', 'maternity'])
    await visible(`insurance-${t}`).check();
  await visible('contract-start').fill(today);
  await visible('contract-openEnded').check();
  await visible('housingFund-base').fill('4000');
  await visible('housingFund-unitRatio').fill('12');
  await visible('housingFund-personalRatio').fill('12');
  await visible('occupation').fill('操作工');
  await visible('education').selectOption('21');
  await visible('workAddress').fill('上饶市信州区凤凰大道 1 号');
  console.log('  公积金:', await text('housing-fund-amounts'));
  console.log('  工资提示:', await text('wage-warning'));
  await visible('housingFund-base').scrollIntoViewIfNeeded();
  await shot('employee-live-amounts');
  await visible('employee-done').click();
  await visible('add-employee-copy').waitFor();
  await visible('add-employee-copy').click();
  await visible('idNumber').waitFor();
  await visible('idNumber').fill('361102199508112145');
  await visible('name').fill('赵敏');
  await visible('ethnicity').selectOption('01');
  await visible('gender').selectOption('1');
  console.log('  性别不符时:', await text('gender-error'));
  await visible('gender').selectOption('2');
  await visible('hukouType').selectOption('3');
  await visible('hukouAddress').fill('江西省南昌市某路 1 号');
  await visible('phone').fill('13900000002');
  await visible('address').fill('上饶市信州区某小区');
  await visible('contract-start').fill(today);
  await visible('contract-openEnded').check();
  await visible('employee-done').click();
  await visible('wizard-next').waitFor();
  await shot('employees-two');
  await visible('wizard-next').click();
  await visible('wizard-review').waitFor();
  await page.waitForTimeout(1500);
  console.log('  核对:', await text('review-ok'), '保存状态:', await text('save-status'));
  await shot('review');
  await page.reload();
  await page.waitForTimeout(2000);
  console.log('  刷新后:', await text('review-ok'));
  await shot('review-after-reload');
  await visible('submit').click();
  await visible('receipt-code').waitFor();
  await shot('receipt');
  if (REAL) {
    await visible('receipt-detail').click();
    await visible('detail-code').waitFor();
    await page.waitForTimeout(3000);
    await visible('detail-refresh').click();
    await page.waitForTimeout(1500);
    for (const m of ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'])
      console.log(`  ${m}:`, await text(`matter-${m}-status`));
    await shot('application-detail-real');
  }

  // Offline edits, then a conflicting edit from another device.
  await page.goto(BASE);
  await visible('new-application').click();
  await visible('unit-name').waitFor();
  offline = true;
  await visible('unit-name').fill('离线时填写的单位');
  await page.waitForTimeout(1500);
  console.log('  离线:', await text('save-status'));
  await shot('offline');
  offline = false;
  await page.evaluate(() => globalThis.dispatchEvent(new Event('online')));
  await page.waitForTimeout(1500);
  console.log('  恢复网络:', await text('save-status'));
  if (REAL) {
    // Another device: the same account saves a different unit name straight to the bff.
    await page.evaluate(async () => {
      const raw = JSON.parse(globalThis.localStorage.getItem('hiring:session') ?? 'null');
      const token = (raw && (raw.data?.token ?? raw.token)) || '';
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const id = decodeURIComponent(/[?&]id=([^&]+)/.exec(globalThis.location.hash)[1]);
      const draft = await (await fetch(`/api/v1/drafts/${id}`, { headers })).json();
      await fetch(`/api/v1/drafts/${id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({
          version: draft.version,
          unit: { ...draft.application.unit, name: '另一台手机改的名称' },
        }),
      });
    });
  } else bff.editElsewhere();
  await visible('unit-address').fill('本机改的地址');
  await visible('conflict-panel')
    .waitFor({ timeout: 5000 })
    .catch(() => undefined);
  await shot('conflict');
  // Different fields on the two devices merge without a question; a field both changed is asked.
  await visible('conflict-resolve')
    .click({ timeout: 3000 })
    .catch(() => undefined);
  await page.waitForTimeout(1500);
  console.log('  合并后:', await text('save-status'));

  if (!REAL) {
    await page.goto(`${BASE}#/application/detail/index?id=a1a1a1a1a1a1a1a1a1a1a1a1`);
    await visible('detail-code').waitFor();
    await shot('application-detail');
  }
  await page.goto(`${BASE}#/pages/messages/index`);
  await visible('notice-0')
    .waitFor({ timeout: REAL ? 5000 : 30000 })
    .catch(() => console.log('  没有消息'));
  await shot('messages');
  await page.goto(BASE);
  await visible('large-font').check();
  await shot('home-large-font');
  await browser.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
