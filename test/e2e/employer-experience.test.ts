// Issue 19 in the browser: the defects and the friction a new employer met on a phone, on the H5 build in
// headless Chromium (390×844) against the real bff (child process), its database and the stand-ins: the
// draft-conflict merge, changing steps offline, re-scanning an ID card, the list of many hires, the detail
// page updating itself, 全部已读, and every page in normal and 大字模式 (screenshots in
// test/artifacts/e2e-experience/, sizes measured in the page).
import fs from 'node:fs';
import path from 'node:path';
import {
  makeLegalRepresentative,
  sampleApplication,
  sampleEmployee,
  workingAgePeople,
  type Person,
} from '@hiring/mock';
import type { Page } from 'playwright-core';
import { eventually, PHONE, waitDraftSaved, waitShown, waitText, waitValue } from '../src/browser';
import { idCardPhotoOf } from '../src/cast';
import { startE2eWorld, type E2eWorld } from '../src/e2eWorld';
import { saveUnitElsewhere } from '../src/otherDevice';
import { overflowingTexts, smallTexts, wrappedTexts } from '../src/screenshot';

// The H5 build alone can take a few minutes on 2 busy cores; each step below well under one.
jest.setTimeout(8 * 60 * 1000);

let world: E2eWorld;
let page: Page;
let token: string;

beforeAll(async () => {
  world = await startE2eWorld({
    name: 'e2e-experience',
    mocks: { workingDayMs: 2000, reviewMode: 'manual' },
  });
  page = world.page;
  await page.goto(world.h5.url);
  // Signed in once the lists that need an account have loaded.
  await waitText(visible('draft-list'), '暂无草稿');
  token = await world.sessionToken();
  await makeLegalRepresentative(`${world.bff.url}/api/v1`, token, cast().unit);
});

afterAll(async () => {
  await world?.stop();
});

const visible = (testId: string) => world.visible(testId);
const shot = (name: string) => world.shot(name);

function cast() {
  const { population } = world.mocks.world;
  const unit = population.units.filter((u) => u.socialInsuranceCode && u.housingFundAccount)[2];
  const [first, second, ...others] = workingAgePeople(population, 'normal', 60, 40).filter((p) =>
    p.regionCode.startsWith('3611'),
  );
  return { unit, first, second, others };
}

async function call<T = any>(
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await world.call(token, method, route, body, headers);
  if (res.status >= 400) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

const waitSaved = () => waitDraftSaved(page, 20000);

const draftIdOnScreen = async () => decodeURIComponent(/[?&]id=([^&]+)/.exec(page.url())![1]);

let draftId: string;

async function photoOf(person: Person, seed: number): Promise<string> {
  const { jpeg } = await idCardPhotoOf(person, seed);
  const file = path.join(world.tmpDir, `card-${seed}.jpg`);
  fs.writeFileSync(file, jpeg);
  return file;
}

async function scan(file: string): Promise<void> {
  await visible('ocr-capture').click();
  const album = page.getByText('从相册选择', { exact: true });
  await waitShown(album);
  const chooser = page.waitForEvent('filechooser', { timeout: 10000 });
  await album.click();
  await (await chooser).setFiles(file);
  await visible('ocr-accept').waitFor({ timeout: 60000 });
  await visible('ocr-accept').click();
}

describe('the employer on a phone (issue 19)', () => {
  it('#2 merges the same draft edited on two devices field by field, asking only about the phone', async () => {
    const { unit } = cast();
    await visible('new-application').click();
    // The account acts for this unit alone: the unit step picks it and the register fills it in.
    await waitValue(visible('unit-name'), unit.name, 20000);
    await visible('unit-operator-phone').fill('13800138000');
    await visible('unit-bank-name').fill('工商银行上饶分行');
    await waitSaved();
    draftId = await draftIdOnScreen();

    // Device A (another phone, same account) changes the phone and the unit address.
    const addressA = '江西省上饶市广丰区永丰街道 8 号';
    await saveUnitElsewhere(call, draftId, (unit) => ({
      ...unit,
      address: addressA,
      operator: { ...unit.operator, phone: '13900000001' },
    }));
    // Device B (this page, still on the old version) changes the phone and 开户行.
    await visible('unit-operator-phone').fill('13900000002');
    await visible('unit-bank-name').fill('建设银行上饶分行');
    await visible('conflict-panel').waitFor({ timeout: 20000 });
    const panel = (await visible('conflict-panel').textContent())!;
    expect(await page.locator('[data-testid^="conflict-question-"]').count()).toBe(1);
    await waitText(visible('conflict-question-0'), '单位经办人联系电话');
    expect(panel).toContain('本机：13900000002');
    expect(panel).toContain('另一台设备：13900000001');
    // No internal names, no JSON, and nothing B did not touch.
    expect(panel).not.toMatch(/operator|bank|[{}"]/);
    expect(panel).not.toContain('单位地址');
    await shot('conflict-one-question');

    await visible('conflict-0-theirs').check();
    await visible('conflict-resolve').click();
    await waitSaved();
    await waitValue(visible('unit-address'), addressA);
    await waitValue(visible('unit-bank-name'), '建设银行上饶分行');
    await waitValue(visible('unit-operator-phone'), '13900000001');
    const saved = await call('GET', `/drafts/${draftId}`);
    expect(saved.application.unit).toMatchObject({
      address: addressA,
      bank: { name: '建设银行上饶分行' },
      operator: { phone: '13900000001' },
    });
    await shot('conflict-merged');

    // A change of different fields on both sides is merged without a question.
    await saveUnitElsewhere(call, draftId, (unit) => ({
      ...unit,
      bank: { ...unit.bank, accountName: '另一台设备填的户名' },
    }));
    await visible('unit-bank-accountNo').fill('6222020200112233');
    await visible('merged-notice').waitFor({ timeout: 20000 });
    await waitSaved();
    await waitValue(visible('unit-bank-accountName'), '另一台设备填的户名');
    expect((await call('GET', `/drafts/${draftId}`)).application.unit.bank).toMatchObject({
      accountName: '另一台设备填的户名',
      accountNo: '6222020200112233',
    });
  });

  it('#4 moves between steps offline once the wizard has opened, and saves on reconnecting', async () => {
    await visible('unit-firstApplication-no').check();
    await waitSaved();
    // The wizard's other steps arrive while the first one is on screen.
    await page.waitForLoadState('networkidle');
    await page.context().setOffline(true);
    try {
      await visible('wizard-next').click();
      await visible('matter-1').waitFor({ timeout: 10000 });
      for (const m of ['matter-1', 'matter-2', 'matter-3']) await visible(m).check();
      await waitText(visible('save-status'), /网络不可用/);
      await shot('offline-matters');
      await visible('wizard-next').click();
      await visible('add-employee-scan').waitFor({ timeout: 10000 });
      // The step bar reopens a finished step.
      await visible('step-matters').click();
      await visible('matter-1').waitFor({ timeout: 10000 });
      expect(await visible('matter-3').isChecked()).toBe(true);
      await visible('wizard-next').click();
      await visible('add-employee-scan').waitFor({ timeout: 10000 });
    } finally {
      await page.context().setOffline(false);
    }
    await waitSaved();
    expect((await call('GET', `/drafts/${draftId}`)).application.matters.sort()).toEqual([
      'employment',
      'housingFund',
      'medicalInsurance',
      'socialInsurance',
    ]);
    expect(world.pageErrors.filter((e) => /chunk/i.test(e))).toEqual([]);
  });

  it('#5 asks whether a re-scanned card is another person, and clears that person if so', async () => {
    const { first, second } = cast();
    await visible('add-employee-scan').click();
    await visible('ocr-capture').waitFor();
    // 参保险种 pre-ticked from the matters (社保 + 医保: the usual five).
    for (const t of ['pension', 'injury', 'unemployment', 'medical', 'maternity'])
      expect(await visible(`insurance-${t}`).isChecked()).toBe(true);
    await scan(await photoOf(first, 21));
    await waitValue(visible('idNumber'), first.idNumber);
    await visible('phone').fill(first.phone);
    await visible('address').fill(first.address);
    // 月缴存基数 follows 申报工资.
    await visible('wage').fill('4200');
    await waitValue(visible('housingFund-base'), '4200');
    await waitSaved();

    await scan(await photoOf(second, 22));
    await waitShown(page.getByText(/识别出的身份证号码与“.+”的不同/));
    await shot('rescan-another-person');
    await page.getByText('是另一位', { exact: true }).click();
    await waitValue(visible('idNumber'), second.idNumber);
    await waitValue(visible('phone'), '');
    await waitValue(visible('address'), '');
    // The job stays.
    await waitValue(visible('wage'), '4200');
    await waitSaved();
    const rows = (await call('GET', `/drafts/${draftId}`)).application.employees;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ idNumber: second.idNumber, wage: 4200 });
    expect(rows[0].phone).toBeUndefined();
    await visible('phone').fill(second.phone);
    await visible('address').fill(second.address);
    await shot('rescan-cleared');
  });

  it('friction: many hires have a count, the add buttons on top, search and 待完善 first', async () => {
    const { others } = cast();
    await waitSaved();
    let draft = await call('GET', `/drafts/${draftId}`);
    // Four more hires from another device: three complete, one without a phone.
    for (const [i, person] of others.slice(0, 4).entries()) {
      draft = await call('POST', `/drafts/${draftId}/employees`, {
        version: draft.version,
        employee: sampleEmployee(person, i === 2 ? { phone: undefined } : {}),
      });
    }
    await page.goto(`${world.h5.url}#/wizard/employees/index?id=${draftId}`);
    await page.reload();
    await visible('employee-count').waitFor();
    await waitText(visible('employee-count'), /^共 5 位员工，\d 位待完善$/);
    const addBox = (await visible('employee-add').boundingBox())!;
    const listBox = (await visible('employee-list').boundingBox())!;
    expect(addBox.y).toBeLessThan(listBox.y);
    expect(addBox.y + addBox.height).toBeLessThan(PHONE.viewport.height);
    await shot('employees-many');

    await visible('employee-search').fill(others[1].name);
    await eventually(
      'one hire found',
      () => page.locator('.list-item').count(),
      (n) => n === 1,
      5000,
    );
    await waitText(page.locator('.list-item').first(), others[1].name);
    await visible('employee-search').fill(others[3].idNumber.slice(-6));
    await eventually(
      'found by ID number',
      () => page.locator('.list-item').count(),
      (n) => n === 1,
      5000,
    );
    await visible('employee-search').fill('');
    await visible('employee-incomplete-first').check();
    await waitText(page.locator('.list-item .badge').first(), '项待完善');
    await shot('employees-incomplete-first');
  });

  let applicationId: string;
  let code: string;

  it('#6 the detail page follows the agencies by itself while it is open', async () => {
    const { unit, others } = cast();
    const created = await call('POST', '/drafts', {
      application: sampleApplication(unit, others.slice(4, 6)),
    });
    const submitted = await call(
      'POST',
      `/drafts/${created.id}/submit`,
      { version: created.version },
      { 'Idempotency-Key': `e2e-experience-${created.id}` },
    );
    applicationId = submitted.id;
    code = submitted.code;
    await page.goto(`${world.h5.url}#/application/detail/index?id=${applicationId}`);
    await visible('detail-code').waitFor();
    // 即办 matters, then 医保 approved by its operator: none of it needs 刷新进度.
    await waitText(visible('matter-employment-status'), '已办结', 30000);
    await waitText(visible('matter-medicalInsurance-status'), '审核中', 30000);
    await shot('detail-reviewing');
    for (const agency of ['medicalSecurity', 'housingFund'] as const) {
      const { cases } = (await (await fetch(`${world.mocks.urls[agency]}/_admin/cases`)).json()) as {
        cases: { caseId: string; applicationCode: string }[];
      };
      const found = cases.find((c) => c.applicationCode === code)!;
      await fetch(`${world.mocks.urls[agency]}/_admin/cases/${found.caseId}/approve`, { method: 'POST' });
    }
    await waitText(visible('matter-medicalInsurance-status'), '已办结', 60000);
    await waitText(visible('detail-status'), '已办结', 60000);
    expect(await wrappedTexts(page, '.status, [data-testid="detail-code"]')).toEqual([]);
    await shot('detail-all-done');
  });

  it('#7 one notice per decision, and 全部已读 in one tap', async () => {
    await page.goto(`${world.h5.url}#/pages/messages/index`);
    await visible('notice-0').waitFor();
    await eventually(
      'the 办结 notice',
      () => page.locator('[data-testid^="notice-"]').allTextContents(),
      (t) => t.some((x) => x.includes('员工招聘一件事已办结')),
    );
    const titles = await page.locator('.notice-item__title').allTextContents();
    expect(titles.filter((t) => /已受理|审核中/.test(t))).toEqual([]);
    // 4 matters 办结 and the whole application 办结.
    expect(titles).toHaveLength(5);
    await waitText(visible('messages-unread'), '5 条未读');
    await visible('page-back').waitFor();
    await shot('messages-unread');
    await visible('notices-read-all').click();
    await eventually(
      'all read',
      () => page.locator('[data-read="false"]').count(),
      (n) => n === 0,
      10000,
    );
    await shot('messages-all-read');
    await visible('page-back').click();
    await waitText(visible('open-messages'), '查看');
  });

  it('大字模式: every page readable, body text ≥ 18 px and nothing under 14 px or off its card; normal mode ≥ 12 px', async () => {
    const key = (await call('GET', `/drafts/${draftId}`)).application.employees[0].key;
    const pages: [string, string, string][] = [
      ['home', '', 'new-application'],
      ['unit', `wizard/unit/index?id=${draftId}`, 'unit-uscc'],
      ['matters', `wizard/matters/index?id=${draftId}`, 'matter-1'],
      ['employees', `wizard/employees/index?id=${draftId}`, 'employee-count'],
      ['employee', `wizard/employee/index?id=${draftId}&key=${key}`, 'idNumber'],
      ['review', `wizard/review/index?id=${draftId}`, 'review-summary'],
      ['receipt', `wizard/receipt/index?id=${applicationId}`, 'receipt-code'],
      ['detail', `application/detail/index?id=${applicationId}`, 'detail-code'],
      ['messages', 'pages/messages/index', 'notice-0'],
      ['lookup', `pages/lookup/index?code=${code}`, 'status-lookup'],
    ];
    const report: string[] = [];
    for (const large of [false, true]) {
      await page.evaluate(`localStorage.setItem('hiring:largeFont', JSON.stringify({ data: ${large} }))`);
      for (const [screen, route, ready] of pages) {
        const name = `${screen} ${large ? '大字' : '常规'}`;
        await page.goto(`${world.h5.url}#/${route}`);
        await page.reload();
        await visible(ready).waitFor({ timeout: 20000 });
        await page.waitForTimeout(500);
        expect(await page.locator('.page--large').count()).toBe(large ? 1 : 0);
        const tooSmall = await smallTexts(page, large ? 14 : 12);
        const bodyTooSmall = large
          ? (await smallTexts(page, 18)).filter((t) =>
              /^(field__label|field__input|choice__label|btn|list-item__title|kv__v|notice-item__body|timeline__status)\b/.test(
                t,
              ),
            )
          : [];
        report.push(`${name}: ${tooSmall.length + bodyTooSmall.length} 处过小`);
        await shot(`${screen}-${large ? 'large' : 'normal'}`);
        expect({ name, tooSmall, bodyTooSmall }).toEqual({ name, tooSmall: [], bodyTooSmall: [] });
        expect({
          name,
          wrapped: await wrappedTexts(page, '.status, .badge, .kv__v--code'),
          overflowing: await overflowingTexts(page),
        }).toEqual({ name, wrapped: [], overflowing: [] });
      }
    }
    console.log(`e2e-experience: ${report.join('；')}; screenshots in ${world.artifacts}`);
    expect(world.pageErrors).toEqual([]);
  });
});
