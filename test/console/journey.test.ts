// Issue 17's journey in the staff console, in Chromium against the real bff, database and stand-ins: a
// clerk logs in through the identity provider, registers a paper authorization, enters a walk-in application
// with two hires (one read from an ID-card photo), attesting the paper authorization and the original ID
// cards, prints the form; the agencies' operators approve the 3-working-day matters and every matter reaches
// 办结; a clerk of another county finds nothing of it. Screenshots go to test/artifacts/console-journey/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleEmployee, workingAgePeople, type RunningMocks } from '@hiring/mock';
import { addDays, todayInChina } from '@hiring/shared';
import type { Page } from 'playwright-core';
import { generateIdCardPhoto } from '../../bff/ocr-testset/generate';
import { eventually, waitShown, waitText } from '../src/browser';
import { screenshots, startConsoleWorld, type ConsoleWorld } from '../src/console';

jest.setTimeout(8 * 60 * 1000);

const shot = screenshots(path.resolve(__dirname, '../artifacts/console-journey'));

let world: ConsoleWorld;
let mocks: RunningMocks;

beforeAll(async () => {
  world = await startConsoleWorld('console-journey', { workingDayMs: 600, reviewMode: 'manual' });
  mocks = world.mocks;
});

afterAll(() => world?.stop());

const signedIn = (account: string, path?: string) =>
  world.signedIn(account, path, (page) => shot(page, 'login').then(() => undefined));

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

/** Clicks a print button: the document (`file` in its URL) answers as a PDF and opens in a new tab. */
async function printOpensPdf(page: Page, testId: string, file: string) {
  const [pdf] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(file)),
    page.context().waitForEvent('page'),
    page.getByTestId(testId).click(),
  ]);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  return pdf;
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
  await hire.getByLabel('已核验该员工身份证原件').check();
}

it('a clerk takes in a walk-in application with two hires (one read from an ID-card photo), prints it, and the matters reach 办结; a clerk of another county sees nothing of it', async () => {
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
  await field('经办人手机号码').fill(operator.phone);
  await field('纸质授权书编号').fill('XZ-2026-0815');
  await field('授权截止日期').fill(addDays(todayInChina(), 180));
  await form.getByLabel('已核验法定代表人签字、加盖单位公章的纸质授权书原件').check();
  await form.getByLabel('已核验经办人身份证原件，与本人一致').check();
  await shot(clerk, 'clerk-walk-in-unit');
  await field('经办人手机号码').press('Enter'); // Enter moves on, as in any desktop form

  // ② matters: all four (the form's three boxes), as preset.
  await waitShown(clerk.getByTestId('walk-in-step-1'));
  await shot(clerk, 'clerk-walk-in-matters');
  await clerk.getByTestId('walk-in-next').click();

  // ③ hires: the first typed, the second read from a photo of the card and completed by hand.
  await waitShown(clerk.getByTestId('walk-in-step-2'));
  await clerk.getByTestId('add-hire').click();
  await typeHire(clerk, 0, sampleEmployee(first));
  await clerk.getByTestId('add-hire').click();
  const { jpeg } = await generateIdCardPhoto({
    seed: 17,
    version: 1,
    person: {
      name: second.name,
      gender: second.gender,
      ethnicity: second.ethnicity,
      birthDate: second.birthDate,
      address: second.hukouAddress,
      idNumber: second.idNumber,
    },
  });
  await clerk
    .getByTestId('hire-1-photo')
    .setInputFiles({ name: 'id-card.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await waitText(clerk.getByTestId('hire-1-ocr'), '已读取', 120_000);
  const hire2 = clerk.getByTestId('hire-1');
  expect(await hire2.getByLabel('证件号码', { exact: true }).inputValue()).toBe(second.idNumber);
  // Names and addresses are read right most of the time, not always (bff/src/ocr/README.md): the clerk
  // checks them against the card, as the page asks.
  await hire2.getByLabel('姓名', { exact: true }).fill(second.name);
  await hire2.getByLabel('户籍地址', { exact: true }).fill(second.hukouAddress);
  await typeHire(clerk, 1, sampleEmployee(second), true);
  await shot(clerk, 'clerk-walk-in-hires');
  await clerk.getByTestId('walk-in-next').click();

  // ④ review and take in.
  await waitShown(clerk.getByTestId('walk-in-step-3'));
  await waitText(clerk.getByTestId('walk-in-step-3'), `共 2 人`);
  await shot(clerk, 'clerk-walk-in-review');
  // A double click on 提交 sends one request, under the attempt's Idempotency-Key (the bff files one
  // application per key: bff/tests/staff/clerk.test.ts).
  const takeIns: (string | undefined)[] = [];
  clerk.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/v1/staff/clerk/applications'))
      takeIns.push(request.headers()['idempotency-key']);
  });
  await clerk.getByTestId('walk-in-next').dblclick();
  await waitText(clerk.getByTestId('walk-in-done'), '已受理', 60_000);
  expect(takeIns).toEqual([expect.stringMatching(/^walk-in-[0-9a-f]{32}$/)]);
  const code = (await clerk.getByTestId('walk-in-code').textContent())!.trim();
  expect(code).toMatch(/^ZP\d+$/);

  // Printing: the 联办申请表 (one per copy) opens as a PDF in a new tab.
  const pdf = await printOpensPdf(clerk, 'print-form', '/form.pdf');
  // The same document as the clerk's session fetches it, read back as text.
  const printed = await clerk
    .context()
    .request.get(pdf.url(), { headers: { 'x-requested-with': 'XMLHttpRequest' } });
  const file = path.join(os.tmpdir(), `console-form-${process.pid}.pdf`);
  fs.writeFileSync(file, await printed.body());
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  fs.rmSync(file);
  expect(text).toContain(code);
  expect(text).toContain(unit.name);
  expect(text).toContain(second.name);
  await printOpensPdf(clerk, 'print-receipt', '/receipt.pdf');
  await shot(clerk, 'clerk-walk-in-done');

  // 即办 matters are done at once; the 医保 and 公积金 operators approve theirs on their own pages.
  const operatorPage = await clerk.context().newPage();
  for (const agency of ['medicalSecurity', 'housingFund'] as const) {
    await operatorPage.goto(mocks.urls[agency]);
    const row = operatorPage.locator('tr', { hasText: code });
    await waitText(row, '审核中', 60_000);
    await row.getByRole('button', { name: '办结（通过）' }).click();
    await waitText(operatorPage.locator('tr', { hasText: code }), '已办结');
  }
  await operatorPage.close();

  // The clerk finds it by its code and sees every matter 已办结.
  await clerk.getByRole('link', { name: '办件查询' }).click();
  await clerk.getByTestId('search-form').getByLabel('办件编码').fill(code);
  await clerk.getByTestId('search-submit').click();
  await waitText(clerk.getByTestId(`result-${code}`), '窗口受理');
  await shot(clerk, 'clerk-search');
  await clerk.getByRole('link', { name: code }).click();
  await eventually(
    'every matter 已办结',
    async () => {
      await clerk.reload();
      return (await clerk.getByTestId('application-status').textContent({ timeout: 5000 })) ?? '';
    },
    (status) => status.includes('已办结'),
    60_000,
  );
  const applicationUrl = clerk.url();
  await clerk.getByRole('link', { name: '退回补正' }).click();
  await waitText(clerk.getByTestId('empty'), '没有被退回的事项');
  await shot(clerk, 'clerk-returns');
  await clerk.goto(applicationUrl);
  expect(await clerk.getByTestId('application-matters').textContent()).not.toContain(second.idNumber);
  await shot(clerk, 'clerk-application');

  // A clerk of another county: the search finds nothing and the address answers 未找到.
  const other = await signedIn('ys-clerk', '/clerk/search');
  await other.getByTestId('search-form').getByLabel('办件编码').fill(code);
  await other.getByTestId('search-submit').click();
  await waitText(other.getByTestId('empty'), '没有符合条件的办件');
  await other.goto(applicationUrl);
  await waitText(other.getByTestId('error'), '办件不存在或不属于本窗口所在区县');
  await shot(other, 'other-county-clerk');
  expect(world.pageErrors).toEqual([]);
});
