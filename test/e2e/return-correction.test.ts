// Issue 12 in the browser: a returned matter is corrected on the detail page of the H5 build, as an employer
// would on a phone: the 补正 form opens pre-filled with what was sent, the name is corrected, a hire whose
// previous 公积金 account is not sealed is taken out of that matter only, and every matter reaches 已办结 with
// the agencies' numbers on the page. The application is submitted through the bff's API (the wizard is the
// employer journey's part). Screenshots go to test/artifacts/e2e-return/.
import { randomUUID } from 'node:crypto';
import { makeLegalRepresentative, sampleApplication, workingAgePeople } from '@hiring/mock';
import type { Page } from 'playwright-core';
import { eventually, waitText } from '../src/browser';
import { startE2eWorld, type E2eWorld } from '../src/e2eWorld';

jest.setTimeout(8 * 60 * 1000);

let world: E2eWorld;
let page: Page;

beforeAll(async () => {
  world = await startE2eWorld({ name: 'e2e-return', mocks: { workingDayMs: 600 } });
  page = world.page;
});

afterAll(() => world?.stop());

const shot = (name: string) => world.shot(name);
const visible = (testId: string) => world.visible(testId);

let token: string | undefined;

/** The bff API as the page's own account, which acts for the unit as its legal representative. */
async function apiAsPage(
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  if (!token) {
    token = await world.sessionToken();
    await makeLegalRepresentative(`${world.bff.url}/api/v1`, token, unitOfTest());
  }
  return world.call(token, method, route, body, headers);
}

const unitOfTest = () =>
  world.mocks.world.population.units.find((u) => u.socialInsuranceCode && u.housingFundAccount)!;

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
  const { population } = world.mocks.world;
  const [first] = workingAgePeople(population, 'normal', 1, 7);
  const [unsealed] = population.peopleWith('housingFundNotSealed', 1);
  const unit = population.units.find((u) => u.socialInsuranceCode && u.housingFundAccount)!;
  const application = sampleApplication(unit, [first, unsealed], ['employment', 'housingFund']) as any;
  application.unit.firstApplication = false;
  // A typo in the first hire's name: 人社 and 公积金 both return it; 公积金 also returns the unsealed hire.
  application.employees[0].name = `${first.name}某`;

  await page.goto(world.h5.url);
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

  await page.goto(`${world.h5.url}#/application/detail/index?id=${id}`);
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
  expect(world.pageErrors).toEqual([]);
});
