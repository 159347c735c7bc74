// Issue 16 on the real compiled WeChat bundle in the headless mini-program host: the template opens in the
// document viewer, a sheet picked from a chat (wx.chooseMessageFile) is uploaded with wx.uploadFile, and
// the answer per row is shown. Real bff (child process), database and stand-ins.
import { SHEET_HEADERS, hireRow, makeLegalRepresentative, workingAgePeople, xlsxOf } from '@hiring/mock';
import { sessionToken } from '../src/miniprogram/session';
import { MiniProgramUser } from '../src/miniprogram/userActions';
import { finishUnitAndChooseAllMatters } from '../src/miniprogram/wizardSteps';
import { hostWorldForSuite, type HostWorld } from '../src/miniprogram/world';

// A build of each bundle (~20-40 s on 2 busy cores) when stale, then a few seconds of import.
jest.setTimeout(6 * 60 * 1000);

let world: HostWorld;

hostWorldForSuite({ name: 'miniprogram-import' }, (started) => (world = started));

it('imports a sheet picked from a WeChat chat on the WeChat bundle', async () => {
  const host = world.newHost('weapp');
  const user = new MiniProgramUser(host);
  try {
    const unit = world.mocks.world.population.units.find(
      (u) => u.socialInsuranceCode && u.housingFundAccount,
    )!;
    const people = workingAgePeople(world.mocks.world.population, 'normal', 6, 80);
    await host.launch();
    await host.waitText('我的草稿');
    await host.waitFor('home loaded', () => !host.text().includes('正在加载'));
    // The account acts for the unit as its legal representative (the journey test drives those screens).
    await makeLegalRepresentative(world.apiBase, sessionToken(host), unit);
    await user.tap('new-application');
    await host.waitRoute('wizard/unit/index');
    // The one unit the account may act for is chosen and looked up.
    await host.waitText(/已根据登记信息自动填写/);
    await finishUnitAndChooseAllMatters(host, user, unit);

    // The template: downloaded and opened in the document viewer (whose menu forwards or saves it).
    await user.tap('import-template');
    await host.waitFor('the template in the viewer', () => host.record.openedDocuments.length === 1);

    // Five hires, one with a short phone number, from a chat.
    const rows = people.slice(0, 5).map((person, i) => hireRow(person, 'template', i));
    rows[2] = { ...rows[2], 手机号码: '1390000' };
    const bytes = await xlsxOf(SHEET_HEADERS.template, rows, { textColumns: ['身份证号码', '手机号码'] });
    host.pickFile({ name: '新员工.xlsx', bytes });
    await user.tap('import-sheet');
    await host.waitText('已导入 4 位员工，1 行未导入，请按原因修改', 60000);
    expect(host.text()).toMatch(/第 4 行.*手机号码：/s);
    expect(
      host.record.requests.some((r) => r.method === 'UPLOAD' && /\/drafts\/[^/]+\/import$/.test(r.url)),
    ).toBe(true);
    expect(host.root().byId('employee-3')).toBeTruthy();
    expect(host.errors).toEqual([]);
    expect(host.violations).toEqual([]);
  } catch (error) {
    console.log(
      `weapp: requests ${JSON.stringify(host.record.requests.slice(-5))}\npage ${host.stack.at(-1)?.route}\n${host.stack.length ? host.text().slice(0, 3000) : ''}\nerrors: ${host.errors.join('\n')}\nviolations: ${host.violations.join('\n')}`,
    );
    throw error;
  } finally {
    host.close();
  }
});
