#!/usr/bin/env node
// Walks the H5 build at a phone viewport against an in-page fake of the bff (bff/API.md) and saves a
// screenshot per screen: a quick visual check while the real bff is not running. The end-to-end test
// against the real bff lives in the test workspace.
//   H5_URL (default http://127.0.0.1:10086/), OUT (default ../.temp/screenshots), CHROMIUM (/usr/bin/chromium)
//   REAL_BFF=1 talks to the bff behind H5_URL instead (ID_CARD_IMAGE: a photo for the OCR step).
const path = require('node:path');
const fs = require('node:fs');
const { chromium } = require('playwright-core');

const BASE = process.env.H5_URL ?? 'http://127.0.0.1:10086/';
const REAL = process.env.REAL_BFF === '1';
const OUT = path.resolve(process.env.OUT ?? path.join(__dirname, '..', '.temp', 'screenshots'));

function fakeBff() {
  let draft = null;
  let version = 0;
  let nextKey = 1;
  const application = {
    id: 'a1',
    code: 'SR20261126000001',
    queryPassword: '482913',
    status: 'processing',
    statusLabel: '办理中',
    submittedAt: '2026-11-26T10:00:00+08:00',
    unitName: '上饶市示例科技有限公司',
    employees: [{ key: 's1', name: '张三', idNumber: '362**********1234' }],
    matters: [
      {
        matter: 'employment',
        label: '用人单位招用人员登记',
        agencyLabel: '人社局',
        status: 'completed',
        statusLabel: '已办结',
        reasons: [],
        timeline: [
          { at: '2026-11-26T10:00:01', status: 'accepted', statusLabel: '已受理' },
          { at: '2026-11-26T10:00:03', status: 'completed', statusLabel: '已办结' },
        ],
      },
      {
        matter: 'medicalInsurance',
        label: '基本医疗保险职工参保登记',
        agencyLabel: '医保局',
        status: 'returned',
        statusLabel: '已退回',
        dueDate: '2026-12-01',
        reasons: [{ code: 'PHONE', message: '手机号码无法接通，请核实', employeeKey: 's1' }],
        timeline: [
          { at: '2026-11-26T10:00:01', status: 'accepted', statusLabel: '已受理' },
          { at: '2026-11-27T09:00:00', status: 'returned', statusLabel: '已退回', note: '手机号码无法接通' },
        ],
      },
      {
        matter: 'housingFund',
        label: '个人住房公积金账户设立',
        agencyLabel: '住房公积金管理中心',
        status: 'reviewing',
        statusLabel: '审核中',
        dueDate: '2026-12-01',
        reasons: [],
        timeline: [{ at: '2026-11-26T10:00:01', status: 'accepted', statusLabel: '已受理' }],
      },
    ],
  };
  const now = () => new Date().toISOString();
  const bump = (app) => {
    version += 1;
    draft = { ...draft, version, application: app, updatedAt: now() };
    return draft;
  };
  const handle = (method, url, body) => {
    const p = url.pathname.replace(/^\/api\/v1/, '');
    if (p === '/auth/dev-login')
      return [200, { token: 't', expiresAt: '2099-01-01T00:00:00Z', account: { id: 'u1', platform: 'h5' } }];
    if (p === '/drafts' && method === 'GET')
      return [
        200,
        {
          items: draft
            ? [
                {
                  id: draft.id,
                  version,
                  unitName: draft.application.unit?.name,
                  employeeCount: draft.application.employees?.length ?? 0,
                  matters: draft.application.matters ?? [],
                  updatedAt: now(),
                },
              ]
            : [],
        },
      ];
    if (p === '/drafts' && method === 'POST') {
      version = 1;
      draft = { id: 'd1', version, application: body.application ?? {}, createdAt: now(), updatedAt: now() };
      return [201, draft];
    }
    if (p === '/drafts/d1' && method === 'GET') return [200, draft];
    if (body && typeof body.version === 'number' && body.version !== version)
      return [409, { error: { code: 'VERSION_CONFLICT', message: '草稿已在别处修改' }, current: draft }];
    if (p === '/drafts/d1' && method === 'PATCH') {
      const { version: _v, ...patch } = body;
      return [200, bump({ ...draft.application, ...patch })];
    }
    if (p === '/drafts/d1/employees' && method === 'POST')
      return [
        201,
        bump({
          ...draft.application,
          employees: [...(draft.application.employees ?? []), { ...body.employee, key: `s${nextKey++}` }],
        }),
      ];
    const put = /^\/drafts\/d1\/employees\/(.+)$/.exec(p);
    if (put && method === 'PUT')
      return [
        200,
        bump({
          ...draft.application,
          employees: draft.application.employees.map((e) =>
            e.key === put[1] ? { ...body.employee, key: e.key } : e,
          ),
        }),
      ];
    if (p === '/drafts/d1/validate') return [200, { ok: true, errors: [], warnings: [] }];
    if (p === '/drafts/d1/submit') return [201, application];
    if (p === '/units/lookup')
      return [
        200,
        {
          uscc: url.searchParams.get('uscc'),
          name: '上饶市示例科技有限公司',
          address: '江西省上饶市信州区凤凰大道 1 号',
          socialInsuranceCode: '36110012345',
          housingFundAccount: '3611000012',
        },
      ];
    if (p === '/persons/lookup') return [404, { error: { code: 'PERSON_NOT_FOUND', message: '未找到' } }];
    if (p === '/applications')
      return [
        200,
        {
          items: [
            {
              id: 'a1',
              code: application.code,
              unitName: application.unitName,
              employeeCount: 1,
              status: 'processing',
              statusLabel: '办理中',
              submittedAt: application.submittedAt,
            },
          ],
        },
      ];
    if (p === '/applications/a1') return [200, application];
    if (p === '/notices')
      return [
        200,
        {
          items: [
            {
              id: 'n1',
              title: '公积金开户已受理',
              body: '您提交的办件 SR20261126000001 中“个人住房公积金账户设立”已受理。',
              applicationId: 'a1',
              createdAt: '2026-11-26T10:00:05',
              read: false,
            },
          ],
          unread: 1,
        },
      ];
    if (p === '/subscriptions') return [200, { consents: {} }];
    if (p === '/ocr/id-card')
      return [
        200,
        {
          idNumber: '361102199003071237',
          name: '李四',
          gender: '男',
          ethnicity: '汉',
          birthDate: '1990-03-07',
          address: '江西省上饶市信州区某路 8 号',
          confidence: { name: 0.99, idNumber: 0.97, address: 0.7 },
          verified: true,
        },
      ];
    return [404, { error: { code: 'NOT_FOUND', message: `未实现 ${method} ${p}` } }];
  };
  /** Another device changes the unit name, so the next save from this page gets a 409. */
  handle.editElsewhere = () =>
    bump({ ...draft.application, unit: { ...draft.application.unit, name: '另一台手机改的名称' } });
  return handle;
}

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
  await visible('conflict-keep-mine')
    .click()
    .catch(() => undefined);
  await page.waitForTimeout(1500);
  console.log('  保留本机后:', await text('save-status'));

  if (!REAL) {
    await page.goto(`${BASE}#/application/detail/index?id=a1`);
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
