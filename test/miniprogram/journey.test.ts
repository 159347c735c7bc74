// Issue 20: the employer's journey on the real compiled WeChat and Alipay bundles, run by the headless
// mini-program host against the real bff (child process), its database and the stand-ins — the same steps
// as the H5 browser journey, so the three builds are held to one behaviour. Here the account holder is
// the unit's legal representative (issue 13, path 1: 我的身份 then 我的单位); the H5 journey also takes
// the operator the legal representative authorizes in the app.
import type { RunningMocks } from '@hiring/mock';
import { addDays, HUKOU_TYPES, todayInChina } from '@hiring/shared';
import { idCardPhotoOf, journeyCast } from '../src/cast';
import type { MiniProgramHost } from '../src/miniprogram/host';
import { MiniProgramUser } from '../src/miniprogram/userActions';
import { finishUnitAndChooseAllMatters } from '../src/miniprogram/wizardSteps';
import { hostWorldForSuite, type HostWorld } from '../src/miniprogram/world';

// A build of each bundle (~20-40 s on 2 busy cores) when stale, then about 20 s of journey each.
jest.setTimeout(6 * 60 * 1000);

let world: HostWorld;
let mocks: RunningMocks;

// Manual review: the test plays the 医保/公积金 operators who approve the 3-working-day matters.
hostWorldForSuite({ name: 'miniprogram', mocks: { workingDayMs: 2000, reviewMode: 'manual' } }, (started) => {
  world = started;
  mocks = started.mocks;
});

async function agencyCase(agency: 'medicalSecurity' | 'housingFund', code: string): Promise<string> {
  const res = await fetch(`${mocks.urls[agency]}/_admin/cases`);
  const { cases } = (await res.json()) as {
    cases: { caseId: string; applicationCode: string; status: string }[];
  };
  const found = cases.find((c) => c.applicationCode === code);
  if (!found) throw new Error(`${agency} has no case for ${code}`);
  return found.caseId;
}

async function journey(host: MiniProgramHost, offset: number): Promise<void> {
  const user = new MiniProgramUser(host);
  const { unit, legalRepresentative, first, second } = journeyCast(mocks.world.population, offset);
  const contractStart = addDays(todayInChina(), -2);
  /** 完成 on a hire's page: back on the list, which shows the hire. */
  const saveHire = async (name: string) => {
    await user.tap('employee-done');
    await host.waitRoute('wizard/employees/index');
    await host.waitText(name);
  };

  // Login happens on launch through wx.login / my.getAuthCode and the platform stand-in.
  await host.launch();
  await host.waitText('我的草稿');
  await host.waitFor('home loaded', () => !host.text().includes('正在加载'));
  expect(host.text()).toContain('暂无草稿');
  expect(host.record.requests.some((r) => r.url.endsWith('/auth/login'))).toBe(true);

  // 我的身份 and 我的单位 (the account subpackage): the legal representative verifies and adds the unit.
  await user.tap('open-units');
  await host.waitRoute('account/units/index');
  await host.waitText('请先完成实名核验');
  await user.tap('units-go-identity');
  await host.waitRoute('account/identity/index');
  await user.fill('identity-name-input', legalRepresentative.name);
  await user.fill('identity-idNumber-input', legalRepresentative.idNumber);
  await user.tap('identity-verify');
  await host.waitText('已完成实名核验');
  expect(host.text()).not.toContain(legalRepresentative.idNumber);
  await user.tap('identity-units');
  await host.waitRoute('account/units/index');
  await user.fill('unit-add-uscc', unit.uscc);
  await user.tap('unit-add-submit');
  await host.waitText(`已添加“${unit.name}”，您可以代表该单位办理`);
  await host.waitText('法定代表人本人');
  await host.reLaunch('/pages/index/index');
  await host.waitText('我的草稿');

  // ① unit: the one unit the account may act for is chosen, and the lookup fills name and address; the
  // 经办人 is the verified holder.
  await user.tap('new-application');
  await host.waitRoute('wizard/unit/index');
  await host.waitText(/已根据登记信息自动填写/);
  expect(user.checked('unit-choice-0')).toBe(true);
  expect(host.root().byId('unit-choice-1')).toBeFalsy();
  await user.waitValue('unit-name', unit.name);
  await user.waitValue('unit-address', unit.address);
  await host.waitText(`${legalRepresentative.name}（已实名核验）`);
  // ② matters: all three boxes of the form.
  await finishUnitAndChooseAllMatters(host, user, unit);

  // ③/④ hire 1 by an ID-card photo, taken with the platform's camera API.
  await user.tap('add-employee-scan');
  await host.waitRoute('wizard/employee/index');
  const { jpeg } = await idCardPhotoOf(first, 11 + offset);
  host.pickFile({ name: 'id-card.jpg', bytes: jpeg });
  await user.tap('ocr-capture');
  await host.waitFor('the recognised card', () => host.root().byId('ocr-accept'), 60000);
  expect(host.record.requests.some((r) => r.method === 'UPLOAD' && r.url.endsWith('/ocr/id-card'))).toBe(
    true,
  );
  await user.tap('ocr-accept');
  await user.waitValue('idNumber', first.idNumber);
  // A misread name or address is what the confirmation is for: corrected as the user would.
  if (user.value('name') !== first.name) await user.fill('name', first.name);
  if (user.value('hukouAddress') !== first.hukouAddress) await user.fill('hukouAddress', first.hukouAddress);
  await user.choose('hukouType', labelOfHukou(first.hukouType));
  await user.fill('phone', first.phone);
  await user.fill('address', first.address);
  await user.fill('wage', '4200');
  await user.date('insuredFrom', contractStart.slice(0, 7));
  for (const t of ['pension', 'injury', 'unemployment', 'medical', 'maternity'])
    await user.check(`insurance-${t}`);
  // 无固定期限 before the start date: entering the start date first ticks it by itself (issue 19).
  await user.check('contract-openEnded');
  await user.date('contract-start', contractStart);
  await user.waitValue('contract-start', contractStart);
  expect(user.checked('contract-openEnded')).toBe(true);
  await user.fill('housingFund-base', '4200');
  await user.fill('housingFund-unitRatio', '10');
  await user.fill('housingFund-personalRatio', '10');
  await host.waitText('月缴存额：单位 420 元 + 个人 420 元 = 合计 840 元');
  await user.fill('occupation', '操作工');
  await user.choose('education', '大学本科');
  await user.fill('workAddress', unit.address);
  await saveHire(first.name);
  await host.waitText('已填写完整');

  // Hire 2 typed, copying hire 1's job: the ID number fills name and gender from the register.
  await user.tap('add-employee-copy');
  await host.waitRoute('wizard/employee/index');
  await user.fill('idNumber', second.idNumber);
  await user.waitValue('name', second.name);
  await user.choose('hukouType', labelOfHukou(second.hukouType));
  await user.fill('phone', second.phone);
  await user.fill('address', second.address);
  await user.waitValue('wage', '4200');
  await saveHire(second.name);
  await user.tap('wizard-next');

  // ⑤ review, then submit with the subscribe consent (accepted, as a user would).
  await host.waitRoute('wizard/review/index');
  await host.waitText('已通过检查，可以提交。');
  await user.tap('submit');
  await host.waitRoute('wizard/receipt/index', 20000);
  const code = await host.waitFor('the 办件编码', () => user.kv('办件编码'));
  expect(code).toMatch(/^\w{6,}$/);
  expect(user.kv('查询密码')).toMatch(/\S+/);

  // Progress: the 即办 matters are 办结 within seconds; the 3-working-day ones wait for the operators.
  await user.tap('receipt-detail');
  await host.waitRoute('application/detail/index');
  const status = (title: string) => user.card(title)?.find((n) => n.className.includes('status'))?.text;
  const refreshUntil = async (title: string, label: string) => {
    await host.waitFor(
      `${title} ${label} (now ${status(title)})`,
      () => {
        if (status(title) === label) return true;
        void host.tap('detail-refresh').catch(() => undefined);
        return false;
      },
      30000,
    );
  };
  await refreshUntil('用人单位招用人员登记', '已办结');
  await refreshUntil('社会保险企业职工参保登记及社会保险费申报', '已办结');
  await refreshUntil('基本医疗保险职工参保登记', '审核中');
  for (const agency of ['medicalSecurity', 'housingFund'] as const) {
    const caseId = await agencyCase(agency, code);
    const res = await fetch(`${mocks.urls[agency]}/_admin/cases/${caseId}/approve`, { method: 'POST' });
    expect(res.status).toBe(200);
  }
  // The open page follows the decisions by itself (issue 19 #6): no 刷新进度 from here on.
  for (const title of ['基本医疗保险职工参保登记', '个人住房公积金账户设立'])
    await host.waitFor(
      `${title} 已办结 by itself (now ${status(title)})`,
      () => status(title) === '已办结',
      60000,
    );

  // The 消息 page: the 办结 notice, newest first; it opens its application.
  await host.reLaunch('/pages/index/index');
  await host.waitText(/条未读/);
  await user.tap('open-messages');
  await host.waitRoute('pages/messages/index');
  await host.waitText('员工招聘一件事已办结');
  await host.waitText(`办件 ${code}（${unit.name}）的全部 4 个事项均已办结。`);
  // A notice per decision (issue 19 #7): none for 受理 or 审核中; 全部已读 clears them in one tap.
  expect(host.text()).not.toMatch(/已受理|审核中/);
  await user.tap('notices-read-all');
  await host.waitFor('全部已读', () => !host.root().find((n) => n.hasClass('notice-item--unread')));
  const notice = host
    .root()
    .find((n) => n.hasClass('notice-item') && n.text.includes('员工招聘一件事已办结'))!;
  await host.tap(notice);
  await host.waitRoute('application/detail/index');
  await host.waitFor('the application', () => user.kv('办件编码') === code);

  // The platform stand-in received the subscribe messages the user consented to (one per template).
  const standIn = host.platform === 'weapp' ? mocks.urls.wechat : mocks.urls.alipay;
  const sent = (
    (await (await fetch(`${standIn}/_admin/messages`)).json()) as { messages: Record<string, unknown>[] }
  ).messages.filter((m) => JSON.stringify(m).includes(code));
  expect(sent.length).toBeGreaterThanOrEqual(1);
  // The message's deep link opens that application in the bundle, as a tap on the notice would.
  const page = String(sent[0].page ?? sent[0].pagePath ?? sent[0].page_path ?? '');
  expect(page).not.toBe('');
  await host.reLaunch(page.startsWith('/') ? page : `/${page}`);
  expect(host.violations).toEqual([]);
  await host.waitFor('the deep-linked application', () => user.kv('办件编码') === code);

  // 好差评: the 办结 application is rated once; the page then shows the rating given, not the form.
  await host.waitText('评价本次办理');
  await user.tap('rating-star-4');
  await host.waitText('满意');
  await user.fill('rating-comment', '办理很快，不用跑窗口');
  await user.tap('rating-submit');
  await host.waitText('4 星 · 满意');
  await host.waitText('办理很快，不用跑窗口');
  expect(host.root().byId('rating-submit')).toBeFalsy();
}

function labelOfHukou(code: string): string {
  return HUKOU_TYPES.find((h) => h.code === code)!.label;
}

for (const [offset, platform] of (['weapp', 'alipay'] as const).entries()) {
  it(`takes an employer from login to 办结 on the ${platform === 'weapp' ? 'WeChat' : 'Alipay'} bundle`, async () => {
    const host = world.newHost(platform);
    try {
      await journey(host, offset);
      expect(host.errors).toEqual([]);
      expect(host.violations).toEqual([]);
    } catch (error) {
      console.log(
        `${platform}: requests ${JSON.stringify(host.record.requests.slice(-5))} picks left ${host.user.picks.length}\npage ${host.stack.at(-1)?.route}\n${host.stack.length ? host.text().slice(0, 3000) : ''}\nerrors: ${host.errors.join('\n')}\nviolations: ${host.violations.join('\n')}`,
      );
      throw error;
    } finally {
      if (host.warnings.length) console.log(`${platform} warnings:\n${host.warnings.join('\n')}`);
      host.close();
    }
  });
}
