// Issue 17's journey in the staff console, in Chromium against the real bff, database and stand-ins: a
// clerk enters a walk-in application with two hires, attesting the paper authorization and the original ID
// cards, and reaches the review (the submission, the OCR of a hire's ID card and what follows wait for the
// clerk's routes). Screenshots go to test/artifacts/console-journey/.
import path from 'node:path';
import {
  startMocks,
  workingAgePeople,
  sampleEmployee,
  bffEnvFor,
  pointCallbacksAt,
  type RunningMocks,
} from '@hiring/mock';
import { addDays, todayInChina } from '@hiring/shared';
import { type Browser, type Page } from 'playwright-core';
import { testDatabaseUri } from '../../tools/jest/testDatabase';
import { freePort, startBff, type BffProcess } from '../src/bffProcess';
import { waitShown, waitText } from '../src/browser';
import {
  DESKTOP,
  ensureConsoleBuild,
  launchBrowser,
  loginThroughIdp,
  screenshots,
  startConsoleServer,
  type ConsoleServer,
} from '../src/console';

jest.setTimeout(8 * 60 * 1000);

const SECRET = 'console-journey-secret-0123456789';
const shot = screenshots(path.resolve(__dirname, '../artifacts/console-journey'));

let mocks: RunningMocks;
let bff: BffProcess;
let site: ConsoleServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureConsoleBuild();
  mocks = await startMocks({ callbackSecret: SECRET, workingDayMs: 600 });
  bff = await startBff(await freePort(), {
    MONGODB_URI: testDatabaseUri('console-journey'),
    ...bffEnvFor(mocks, SECRET),
    DISPATCH_POLL_MS: '100',
  });
  pointCallbacksAt(mocks, bff.url);
  site = await startConsoleServer(bff.url);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await site?.stop();
  await bff?.kill();
  await mocks?.stop();
});

/** A browser window in which `account` logged in through the identity provider. */
async function signedIn(account: string, path = '/'): Promise<Page> {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${site.url}${path}`);
  await shot(page, 'login');
  await loginThroughIdp(page, account);
  return page;
}

function cast() {
  const { population } = mocks.world;
  const people = workingAgePeople(population, 'normal', 40).filter((p) => p.regionCode.startsWith('3611'));
  const unit = population.units.find((u) => u.socialInsuranceCode && u.housingFundAccount)!;
  return {
    unit,
    first: people[1],
    second: people.find((p) => p.gender !== people[1].gender)!,
    operator: people[5],
  };
}

/** Types one hire's columns the way a clerk would, field by field. */
async function typeHire(
  page: Page,
  index: number,
  row: ReturnType<typeof sampleEmployee>,
  skipPerson = false,
) {
  const hire = page.getByTestId(`hire-${index}`);
  const field = (label: string) => hire.getByLabel(label, { exact: true });
  if (!skipPerson) {
    await field('证件号码').fill(row.idNumber);
    await field('姓名').fill(row.name);
    await field('民族').selectOption(row.ethnicity);
    await field('性别').selectOption(row.gender);
    await field('户籍地址').fill(row.hukouAddress);
  }
  await field('户口性质').selectOption(row.hukouType);
  await field('手机号码').fill(row.phone);
  await field('通讯地址').fill(row.address);
  await field('申报工资（元/月）').fill(String(row.wage));
  await field('本次参保时间').fill(row.insuredFrom);
  await field('劳动合同起始日期').fill(row.contract.start);
  await field('劳动合同终止日期（无固定期限不填）').fill(row.contract.end);
  await field('公积金月缴存基数（元）').fill(String(row.housingFund.base));
  await field('单位缴存比例（%）').fill(String(row.housingFund.unitRatio));
  await field('个人缴存比例（%）').fill(String(row.housingFund.personalRatio));
  await field('职业（工种）').fill(row.occupation);
  await field('学历').selectOption(row.education);
  await field('工作地址').fill(row.workAddress);
  await page.getByTestId(`hire-${index}-seen`).check();
}

it('a clerk enters a walk-in application with two hires', async () => {
  const { unit, first, second, operator } = cast();
  const clerk = await signedIn('xz-clerk');
  await waitShown(clerk.getByTestId('walk-in-step-0'));

  // The paper authorization registered on its own (the operator then acts in the mini-program); 公安 checks
  // the operator's name and number through the bff.
  await clerk.getByRole('link', { name: '经办人授权登记' }).click();
  const grant = clerk.getByTestId('authority-form');
  await grant.getByLabel('统一社会信用代码').fill(unit.uscc);
  await grant.getByLabel('经办人姓名').fill(operator.name);
  await grant
    .getByLabel('经办人身份证号')
    .fill(operator.idNumber.slice(0, 17) + (operator.idNumber[17] === '0' ? '1' : '0'));
  await grant.getByLabel('经办人手机号码').fill(operator.phone);
  await grant.getByLabel('纸质授权书编号').fill('XZ-2026-0815');
  await grant.getByLabel('授权截止日期').fill(addDays(todayInChina(), 180));
  await clerk.getByTestId('authority-submit').click();
  await waitText(grant, '请核验法定代表人签字、加盖公章的纸质授权书原件后勾选');
  await waitText(grant, '经办人身份证号不正确');
  await grant.getByLabel('经办人身份证号').fill(operator.idNumber);
  await grant.getByLabel('已核验法定代表人签字、加盖单位公章的纸质授权书原件').check();
  await grant.getByLabel('已核验经办人身份证原件，与本人一致').check();
  await clerk.getByTestId('authority-submit').click();
  await waitText(clerk.getByTestId('authority-granted'), `已登记：${unit.name}`, 30_000);
  expect(await clerk.getByTestId('authority-granted').textContent()).not.toContain(operator.idNumber);
  await shot(clerk, 'clerk-authority-granted');

  await clerk.getByRole('link', { name: '窗口受理' }).click();
  await waitShown(clerk.getByTestId('walk-in-step-0'));

  // ① unit and authority: nothing typed yet, so every missing item is named in Chinese.
  await clerk.getByTestId('walk-in-next').click();
  await waitText(clerk.getByTestId('walk-in-problems'), '请核验加盖单位公章的纸质授权书原件后勾选');
  await shot(clerk, 'clerk-walk-in-unit-problems');
  const form = clerk.getByTestId('walk-in-step-0');
  const field = (label: string) => form.getByLabel(label, { exact: true });
  await field('统一社会信用代码').fill(unit.uscc);
  await field('单位名称').fill(unit.name);
  await field('单位地址').fill(unit.address);
  await field('单位编码（社保，首次办理可不填）').fill(unit.socialInsuranceCode!);
  await field('单位账号（公积金，首次办理可不填）').fill(unit.housingFundAccount!);
  await field('经办人姓名').fill(operator.name);
  await field('经办人身份证号').fill(operator.idNumber);
  await field('经办人联系电话').fill(operator.phone);
  await field('纸质授权书编号').fill('XZ-2026-0815');
  await field('授权截止日期').fill(addDays(todayInChina(), 180));
  await form.getByLabel('已核验法定代表人签字、加盖单位公章的纸质授权书原件').check();
  await form.getByLabel('已核验经办人身份证原件，与本人一致').check();
  await shot(clerk, 'clerk-walk-in-unit');
  await field('经办人联系电话').press('Enter'); // Enter moves on, as in any desktop form

  // ② matters: all four (the form's three boxes), as preset.
  await waitShown(clerk.getByTestId('walk-in-step-1'));
  await shot(clerk, 'clerk-walk-in-matters');
  await clerk.getByTestId('walk-in-next').click();

  // ③ hires, typed (reading the second from an ID-card photo waits for the clerk's OCR route).
  await waitShown(clerk.getByTestId('walk-in-step-2'));
  await clerk.getByTestId('add-hire').click();
  await typeHire(clerk, 0, sampleEmployee(first));
  await clerk.getByTestId('add-hire').click();
  await typeHire(clerk, 1, sampleEmployee(second));
  await shot(clerk, 'clerk-walk-in-hires');
  await clerk.getByTestId('walk-in-next').click();

  // ④ review and take in.
  await waitShown(clerk.getByTestId('walk-in-step-3'));
  await waitText(clerk.getByTestId('walk-in-step-3'), `共 2 人`);
  await shot(clerk, 'clerk-walk-in-review');
  expect(pageErrors).toEqual([]);
});
