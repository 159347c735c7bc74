#!/usr/bin/env node
// Walks the H5 build at a phone viewport against an in-page fake of the bff (bff/API.md) and saves a
// screenshot per screen: a quick visual check while the real bff is not running. The end-to-end test
// against the real bff lives in the test workspace.
//   H5_URL (default http://127.0.0.1:10086/), OUT (default ../.temp/screenshots), CHROMIUM (/usr/bin/chromium)
const path = require('node:path');
const fs = require('node:fs');
const { chromium } = require('playwright-core');

const BASE = process.env.H5_URL ?? 'http://127.0.0.1:10086/';
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
  return (method, url, body) => {
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
          idNumber: '11010519491231002X',
          name: '李四',
          gender: '2',
          ethnicity: '汉',
          birthDate: '1949-12-31',
          address: '江西省上饶市信州区某路 8 号',
          confidence: { name: 0.99, idNumber: 0.97, address: 0.7 },
          verified: true,
        },
      ];
    return [404, { error: { code: 'NOT_FOUND', message: `未实现 ${method} ${p}` } }];
  };
}

(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const bff = fakeBff();
  await page.route('**/api/v1/**', async (route) => {
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
  let n = 0;
  const shot = async (name) => {
    n += 1;
    await page.waitForTimeout(600);
    const file = path.join(OUT, `${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  };

  await page.goto(BASE);
  await page.getByTestId('new-application').waitFor();
  await shot('home');
  await page.getByTestId('new-application').click();
  await page.getByTestId('unit-uscc').waitFor();
  await page.getByTestId('wizard-next').click();
  await shot('unit-errors');
  await page.getByTestId('unit-uscc').fill('91361100MA35XXXX0X');
  await page.getByTestId('unit-lookup').click();
  await page.getByTestId('unit-lookup-message').waitFor();
  await page.getByTestId('unit-operator-name').fill('王经办');
  await page.getByTestId('unit-operator-phone').fill('1380000');
  await shot('unit-filled');
  await page.getByTestId('unit-operator-phone').fill('13800000000');
  await page.getByTestId('unit-operator-idNumber').fill('11010519491231002X');
  await page.getByTestId('unit-countyCode').selectOption('361102');
  await page.getByTestId('unit-firstApplication-no').check();
  await page.getByTestId('wizard-next').click();
  await page
    .getByTestId('matter-1')
    .waitFor({ timeout: 5000 })
    .catch(() => undefined);
  await shot('matters');
  await page
    .getByTestId('matter-1')
    .check()
    .catch(() => undefined);
  await page
    .getByTestId('matter-2')
    .check()
    .catch(() => undefined);
  await page
    .getByTestId('matter-3')
    .check()
    .catch(() => undefined);
  await shot('matters-checked');
  await page.getByTestId('wizard-next').click();
  await page
    .getByTestId('add-employee-scan')
    .waitFor({ timeout: 5000 })
    .catch(() => undefined);
  await shot('employees-empty');
  await page.getByTestId('add-employee-scan').click();
  await page
    .getByTestId('ocr-capture')
    .waitFor({ timeout: 5000 })
    .catch(() => undefined);
  await shot('employee-new');
  const chooser = page.waitForEvent('filechooser', { timeout: 5000 }).catch(() => null);
  await page.getByTestId('ocr-capture').click();
  const fc = await chooser;
  if (fc) {
    await fc.setFiles({
      name: 'id.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    await page
      .getByTestId('ocr-result')
      .waitFor({ timeout: 5000 })
      .catch(() => undefined);
    await shot('employee-ocr');
    await page
      .getByTestId('ocr-accept')
      .click()
      .catch(() => undefined);
  } else {
    console.error('没有出现文件选择框');
  }
  await page
    .getByTestId('housingFund-base')
    .fill('1500')
    .catch(() => undefined);
  await page
    .getByTestId('housingFund-unitRatio')
    .fill('12')
    .catch(() => undefined);
  await page
    .getByTestId('housingFund-personalRatio')
    .fill('12')
    .catch(() => undefined);
  await page
    .getByTestId('wage')
    .fill('100000')
    .catch(() => undefined);
  await shot('employee-filled');
  await page.getByTestId('employee-done').click();
  await page.waitForTimeout(300);
  await page
    .getByTestId('employee-done')
    .click()
    .catch(() => undefined);
  await shot('employees-one');
  await page
    .getByTestId('wizard-next')
    .click()
    .catch(() => undefined);
  await page
    .getByTestId('wizard-review')
    .waitFor({ timeout: 5000 })
    .catch(() => undefined);
  await shot('review');
  await page.reload();
  await page.waitForTimeout(1500);
  await shot('review-after-reload');
  await page.goto(`${BASE}#/wizard/receipt/index?id=a1`);
  await page
    .getByTestId('receipt-code')
    .waitFor({ timeout: 5000 })
    .catch(() => undefined);
  await shot('receipt');
  await page.goto(`${BASE}#/application/detail/index?id=a1`);
  await page
    .getByTestId('detail-code')
    .waitFor({ timeout: 5000 })
    .catch(() => undefined);
  await shot('application-detail');
  await page.goto(`${BASE}#/pages/messages/index`);
  await page
    .getByTestId('notice-0')
    .waitFor({ timeout: 5000 })
    .catch(() => undefined);
  await shot('messages');
  await browser.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
