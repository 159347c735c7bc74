// Issue 19 on the real compiled WeChat and Alipay bundles, run by the headless mini-program host against
// the real bff (child process), its database and the stand-ins: the draft edited on two devices merged
// field by field (#2), an ID card of another person scanned onto an existing hire (#5), and the contract's
// start date typed first (#1). The H5 build is held to the same in test/e2e/employer-experience.test.ts.
// Each test opens its wizard page directly on a draft made through the API, so it does not repeat the
// journey's login-to-unit steps (test/miniprogram/journey.test.ts walks those).
import { makeLegalRepresentative, sampleApplication, sampleEmployee, type Person } from '@hiring/mock';
import { addDays, todayInChina } from '@hiring/shared';
import { idCardPhotoOf, journeyCast } from '../src/cast';
import { MINI_PLATFORMS, type MiniPlatform } from '../src/miniprogram/bundles';
import type { MiniProgramHost } from '../src/miniprogram/host';
import { sessionToken } from '../src/miniprogram/session';
import { MiniProgramUser } from '../src/miniprogram/userActions';
import { hostWorldForSuite, type HostWorld } from '../src/miniprogram/world';
import { saveUnitElsewhere } from '../src/otherDevice';

// A build of each bundle (~20-40 s on 2 busy cores) when stale; OCR of a card takes seconds on a busy machine.
jest.setTimeout(6 * 60 * 1000);

let world: HostWorld;

hostWorldForSuite({ name: 'mp-experience' }, (started) => (world = started));

/** One launched bundle, signed in, acting for its own unit as its legal representative. */
interface Phone {
  host: MiniProgramHost;
  user: MiniProgramUser;
  call<T = any>(method: string, route: string, body?: unknown): Promise<T>;
  cast: ReturnType<typeof journeyCast>;
}

async function phone(platform: MiniPlatform): Promise<Phone> {
  const host = world.newHost(platform);
  await host.launch();
  // Signed in on launch (wx.login / my.getAuthCode): the bundle has stored its session.
  const token = await host.waitFor('the stored session', () => sessionToken(host), 20000);
  // Units and people of its own: the journey uses offsets 0 and 1.
  const cast = journeyCast(world.mocks.world.population, 2 + MINI_PLATFORMS.indexOf(platform));
  await makeLegalRepresentative(world.apiBase, token, cast.unit);
  const call = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${world.apiBase}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${route}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { host, user: new MiniProgramUser(host), call, cast };
}

/** The save indicator says 已保存 (after an edit it reads 待保存/正在保存 until the bff has the change). */
const waitSaved = (host: MiniProgramHost) =>
  host.waitFor('已保存', () => host.root().find((n) => n.hasClass('save-status--saved')), 20000);

/** A draft of the phone's unit with one hire, opened on that hire's page. */
async function openHire(p: Phone, employee: Record<string, unknown>): Promise<{ id: string; key: string }> {
  const created = await p.call('POST', '/drafts', {
    application: { ...sampleApplication(p.cast.unit, [p.cast.first]), employees: [employee] },
  });
  const key = created.application.employees[0].key as string;
  await p.host.reLaunch(`/wizard/employee/index?id=${created.id}&key=${key}`);
  await p.host.waitRoute('wizard/employee/index');
  await p.user.waitNode('idNumber', 20000);
  return { id: created.id, key };
}

async function scanCard(p: Phone, person: Person, seed: number): Promise<void> {
  const { jpeg } = await idCardPhotoOf(person, seed);
  p.host.pickFile({ name: 'id-card.jpg', bytes: jpeg });
  await p.user.tap('ocr-capture');
  await p.host.waitFor('the recognised card', () => p.host.root().byId('ocr-accept'), 90000);
  await p.user.tap('ocr-accept');
}

function hostReport(host: MiniProgramHost): string {
  return `page ${host.stack.at(-1)?.route}\n${host.stack.length ? host.text().slice(0, 2000) : ''}\nmodals: ${JSON.stringify(host.record.modals)}\nerrors: ${host.errors.join('\n')}\nviolations: ${host.violations.join('\n')}`;
}

describe.each(MINI_PLATFORMS)('the employer on the %s bundle (issue 19)', (platform) => {
  let p: Phone;

  beforeAll(async () => {
    p = await phone(platform);
  });

  afterAll(() => {
    if (p?.host.warnings.length) console.log(`${platform} warnings:\n${p.host.warnings.join('\n')}`);
    p?.host.close();
  });

  // Each test answers for the errors and violations of its own steps.
  afterEach(() => {
    if (!p) return;
    expect(p.host.errors.splice(0)).toEqual([]);
    expect(p.host.violations.splice(0)).toEqual([]);
  });

  const step = async (body: () => Promise<void>) => {
    try {
      await body();
    } catch (error) {
      console.log(`${platform}: ${hostReport(p.host)}`);
      throw error;
    }
  };

  it('#2 merges the same draft edited on two devices field by field, asking only about the phone', () =>
    step(async () => {
      const { host, user, call, cast } = p;
      const created = await call('POST', '/drafts', {
        application: sampleApplication(cast.unit, [cast.first]),
      });
      const id = created.id as string;
      await host.reLaunch(`/wizard/unit/index?id=${id}`);
      await host.waitRoute('wizard/unit/index');
      await user.waitValue('unit-name', cast.unit.name, 20000);
      await user.fill('unit-operator-phone', '13800138001');
      await user.fill('unit-bank-name', '工商银行上饶分行');
      await waitSaved(host);

      // Device A (another phone, same account) changes the phone and the unit address.
      const addressA = '江西省上饶市广丰区永丰街道 8 号';
      await saveUnitElsewhere(call, id, (unit) => ({
        ...unit,
        address: addressA,
        operator: { ...unit.operator, phone: '13900000001' },
      }));
      // Device B (this bundle, still on the old version) changes the phone and 开户行.
      await user.fill('unit-operator-phone', '13900000002');
      await user.fill('unit-bank-name', '建设银行上饶分行');
      const panel = await host.waitFor(
        'the conflict panel',
        () => host.root().find((n) => n.hasClass('conflict')),
        20000,
      );
      // One question, for the field both changed, in Chinese with both values.
      const labels = panel.findAll((n) => n.hasClass('conflict__label')).map((n) => n.text);
      expect(labels).toEqual(['单位经办人联系电话']);
      expect(panel.text).toContain('本机：13900000002');
      expect(panel.text).toContain('另一台设备：13900000001');
      // No internal names, no JSON, and nothing B did not touch.
      expect(panel.text).not.toMatch(/operator|bank|[{}"]/);
      expect(panel.text).not.toContain('单位地址');

      await user.check('conflict-0-theirs');
      await user.tap('conflict-resolve');
      await waitSaved(host);
      await user.waitValue('unit-address', addressA);
      await user.waitValue('unit-bank-name', '建设银行上饶分行');
      await user.waitValue('unit-operator-phone', '13900000001');
      expect((await call('GET', `/drafts/${id}`)).application.unit).toMatchObject({
        address: addressA,
        bank: { name: '建设银行上饶分行' },
        operator: { phone: '13900000001' },
      });

      // Different fields changed on both sides: merged without a question.
      await saveUnitElsewhere(call, id, (unit) => ({
        ...unit,
        bank: { ...unit.bank, accountName: '另一台设备填的户名' },
      }));
      await user.fill('unit-bank-accountNo', '6222020200112233');
      await host.waitText('已合并另一台设备上的修改', 20000);
      await waitSaved(host);
      await user.waitValue('unit-bank-accountName', '另一台设备填的户名');
      expect(host.root().find((n) => n.hasClass('conflict'))).toBeUndefined();
      expect((await call('GET', `/drafts/${id}`)).application.unit.bank).toMatchObject({
        accountName: '另一台设备填的户名',
        accountNo: '6222020200112233',
      });
    }));

  it('#5 asks whether a re-scanned card is another person, and clears that person only if so', () =>
    step(async () => {
      const { host, user, call, cast } = p;
      const { id } = await openHire(p, sampleEmployee(cast.first));
      await user.waitValue('phone', cast.first.phone);

      // The card of another number, answered 同一人 (a misread number corrected): the contact details stay.
      host.user.modalAnswers.push(false);
      await scanCard(p, cast.second, 31);
      await host.waitFor('the question', () => host.record.modals.length > 0, 20000);
      expect(host.record.modals).toEqual([
        expect.objectContaining({
          title: '这是另一位员工吗？',
          content: expect.stringContaining(`识别出的身份证号码与“${cast.first.name}”的不同`),
          confirmText: '是另一位',
          cancelText: '同一人',
        }),
      ]);
      await user.waitValue('idNumber', cast.second.idNumber);
      expect(user.value('phone')).toBe(cast.first.phone);
      await waitSaved(host);

      // The first person's card on that hire now, answered 是另一位: that person's fields are cleared.
      host.user.modalAnswers.push(true);
      await scanCard(p, cast.first, 32);
      await host.waitFor('the second question', () => host.record.modals.length > 1, 20000);
      await user.waitValue('idNumber', cast.first.idNumber);
      await user.waitValue('phone', '');
      await user.waitValue('address', '');
      // The job stays.
      await user.waitValue('wage', '4500');
      await waitSaved(host);
      const rows = (await call('GET', `/drafts/${id}`)).application.employees;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ idNumber: cast.first.idNumber, wage: 4500 });
      expect(rows[0].phone).toBeUndefined();
      expect(rows[0].address).toBeUndefined();
    }));

  it('#1 typing the contract start date first leaves 无固定期限 unticked and asks for the end date', () =>
    step(async () => {
      const { host, user, call, cast } = p;
      const { id } = await openHire(p, { ...sampleEmployee(cast.second), contract: undefined });
      const start = addDays(todayInChina(), -2);
      const end = addDays(start, 3 * 365);
      await user.date('contract-start', start);
      await user.waitValue('contract-start', start);
      expect(user.checked('contract-openEnded')).toBe(false);
      expect(host.root().byId('contract-end')).toBeTruthy();
      await user.date('contract-end', end);
      await user.waitValue('contract-end', end);
      await waitSaved(host);
      expect((await call('GET', `/drafts/${id}`)).application.employees[0].contract).toEqual({ start, end });
    }));
});
