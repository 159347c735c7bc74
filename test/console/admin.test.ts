// The staff console's administrator pages in Chromium against the real bff and database: the rule figures
// (a new period, checked with shared's rules first), the working-day calendar with the provisional years
// marked, a year entered from the notice (the form's mistakes shown in Chinese, the form kept across an
// expired session), and the role boundary (a clerk has no administrator page and the bff refuses its write).
// Screenshots go to test/artifacts/console-admin/.
import path from 'node:path';
import { STAFF_DEMO_PASSWORD, staffLogin } from '@hiring/mock';
import { waitShown, waitText } from '../src/browser';
import { DESKTOP, screenshots, startConsoleWorld, type ConsoleWorld } from '../src/console';

jest.setTimeout(4 * 60 * 1000);

const shot = screenshots(path.resolve(__dirname, '../artifacts/console-admin'));

let world: ConsoleWorld;

beforeAll(async () => {
  world = await startConsoleWorld('console-admin');
});

afterAll(() => world?.stop());

const signedIn = (account: string, path?: string) => world.signedIn(account, path);

it('an administrator keeps the rule figures and enters a calendar year; a clerk cannot', async () => {
  const page = await signedIn('city-admin');
  // The administrator's home is the figures page; the shell names the person and the role.
  await waitText(page.getByTestId('who'), '管理员');
  await waitShown(page.getByTestId('figure-socialInsuranceBase'));
  await waitText(page.getByTestId('figure-minimumWage-in-force'), '今日生效');
  await shot(page, 'admin-figures');

  // A new social-insurance base period: a wrong figure is refused by shared's check before it is sent.
  await page.getByTestId('figure-socialInsuranceBase-add').click();
  const form = page.getByTestId('figure-socialInsuranceBase-form');
  await form.locator('input[type=date]').fill('2027-01-01');
  await page.getByTestId('figure-field-floor').fill('30000');
  await page.getByTestId('figure-field-cap').fill('21500');
  await page
    .getByTestId('figure-socialInsuranceBase-source')
    .fill('关于公布2027年度社会保险缴费基数上下限的通知');
  await page.getByTestId('figure-socialInsuranceBase-submit').click();
  await waitText(page.getByTestId('figure-problems'), '下限');
  await shot(page, 'admin-figures-refused');
  await page.getByTestId('figure-field-floor').fill('4300');
  await page.getByTestId('figure-socialInsuranceBase-submit').click();
  await waitText(page.getByTestId('figures-saved'), '已保存社会保险缴费基数上下限自 2027-01-01 起的新数值');
  await waitText(page.getByTestId('figure-socialInsuranceBase'), '2027-01-01');

  // The calendar: the package's years are official, the next one provisional until its notice is entered.
  await page.getByRole('link', { name: '工作日历' }).click();
  await waitText(page.getByTestId('calendar-year-2026'), '正式');
  await waitText(page.getByTestId('calendar-year-2027'), '预计');
  await shot(page, 'admin-calendar');
  await page.getByTestId('calendar-year-2027').getByRole('link').click();
  await waitText(page.getByTestId('calendar-basis'), '预计');

  // The form starts from the provisional days; mistakes are named in Chinese before anything is sent.
  const entry = page.getByTestId('calendar-form');
  await page.getByTestId('calendar-submit').click();
  await waitText(page.getByTestId('calendar-problems'), '请注明来源');
  await page.getByTestId('calendar-source').fill('国务院办公厅关于2027年部分节假日安排的通知');
  await page.getByTestId('add-workday').click();
  await entry.getByLabel('第 1 个调休上班日对应节日').fill('春节');
  await entry.getByLabel('第 1 个调休上班日日期').fill('2027-02-08');
  await page.getByTestId('calendar-submit').click();
  await waitText(page.getByTestId('calendar-problems'), '2027-02-08 不能既是放假日又是调休上班日');
  await entry.getByLabel('第 1 个调休上班日日期').fill('2027-02-20');
  await page.getByTestId('calendar-submit').click();
  await waitText(page.getByTestId('calendar-problems'), '少于法定节假日天数');
  await shot(page, 'admin-calendar-year-refused');

  // The session expires while the form is open: the dialog says so, and what was typed is still there after.
  // (The session and the identity provider's own are both gone, as after a long break.)
  await page.context().clearCookies();
  await entry.getByLabel('第 3 段放假结束日期').fill('2027-02-11');
  await page.getByTestId('calendar-submit').click();
  await waitText(page.getByTestId('session-expired'), '登录已超时');
  await shot(page, 'session-expired');
  await page.getByTestId('session-expired').getByRole('button', { name: '重新登录' }).click();
  await page.locator('#username').waitFor();
  await shot(page, 'idp-login');
  await page.locator('#username').fill('city-admin');
  await page.locator('#password').fill(STAFF_DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await waitShown(page.getByTestId('calendar-form'));
  expect(new URL(page.url()).pathname).toBe('/admin/calendar/2027');
  expect(await page.getByTestId('calendar-source').inputValue()).toBe(
    '国务院办公厅关于2027年部分节假日安排的通知',
  );
  expect(await entry.getByLabel('第 3 段放假结束日期').inputValue()).toBe('2027-02-11');

  await page.getByTestId('calendar-submit').click();
  await waitText(page.getByTestId('calendar-saved'), '已录入 2027 年正式安排');
  await waitText(page.getByTestId('calendar-basis'), '正式');
  await waitText(page.getByTestId('calendar-summary'), '春节：2027-02-20');
  await shot(page, 'admin-calendar-year-entered');
  await page.getByRole('link', { name: '工作日历' }).first().click();
  await waitText(page.getByTestId('calendar-year-2027'), '管理员录入');

  // A clerk: no administrator pages in the navigation, 无权访问 on the address, and the bff refuses the write.
  const clerk = await signedIn('xz-clerk', '/admin/calendar');
  await waitText(clerk.getByTestId('not-found'), '不属于您的角色');
  expect(await clerk.getByRole('link', { name: '工作日历' }).count()).toBe(0);
  await shot(clerk, 'clerk-no-admin');
  const { header } = await staffLogin(world.bff.url, world.mocks.urls.staffIdp, 'xz-clerk');
  const refused = await fetch(`${world.site.url}/api/v1/staff/admin/calendar/years/2028`, {
    method: 'PUT',
    headers: { cookie: header, 'x-requested-with': 'XMLHttpRequest', 'content-type': 'application/json' },
    body: JSON.stringify({ source: 'x', holidays: [{ name: '元旦', from: '2028-01-01' }] }),
  });
  expect(refused.status).toBe(403);

  // An account the identity provider knows but with no staff role: back on the login page, told why.
  const visitor = await (await world.browser.newContext(DESKTOP)).newPage();
  await visitor.goto(world.site.url);
  await visitor.getByTestId('login').click();
  await visitor.locator('#username').fill('visitor');
  await visitor.locator('#password').fill(STAFF_DEMO_PASSWORD);
  await visitor.getByRole('button', { name: '登录' }).click();
  await waitText(visitor.getByTestId('login-error'), '您的账号没有本系统的工作人员角色');
  await shot(visitor, 'login-refused');
  expect(world.pageErrors).toEqual([]);
});
