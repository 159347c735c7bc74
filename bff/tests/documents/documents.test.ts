// The printed 联办申请表 and 受理回执 over real HTTP: page counts, every field of every hire in the text a
// PDF reader extracts, rare name characters drawn (rendered to PNG in test/artifacts/documents/), size,
// owner-only access and no caching.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { population } from '@hiring/mock';
import { formatContractPeriod, formatFormMonth } from '@hiring/shared';
import { loginAs, startTestServer, type Client, type TestServer } from '../helpers/testServer';
import { adults, applicationFor, makeLegalRepresentative } from '../helpers/fixtures';
import { submitApplication } from '../helpers/journeys';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { missingCharacters } from '../../src/documents/fonts';
import { count, fontsOf, pageCount, pageText, renderPage, savePdf } from './pdfTools';

jest.setTimeout(120_000);

const ARTIFACTS = path.resolve(__dirname, '../../../test/artifacts/documents');
let server: TestServer;
let owner: Client;

beforeAll(async () => {
  server = await startTestServer({
    mocks: true,
    env: {
      WORKERS: 'false',
      // A clerk of the unit's county hall (a clerk sees only their county's applications).
      STAFF_TOKENS: `clerk-xz:${CLERK_TOKEN}:clerk:${population().units[7].uscc.slice(2, 8)}`,
      LOOKUP_PAGE_URL: 'https://h5.example.cn/#/pages/lookup/index',
    },
  });
  owner = await loginAs(server, 'documents-owner');
  await makeLegalRepresentative(server.api, owner.token, population().units[7]);
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await server?.close();
});

const RARE = ['吉𠮷', '刘䶮', '𪚥鑫'];
const CLERK_TOKEN = 'clerk-token-for-documents-0123456789';

/**
 * The text of the QR code in a region of a PNG, read back with an independent decoder. Only the corner with
 * the code is decoded: a whole page would keep this process busy for seconds.
 */
async function readQr(
  png: Buffer | string,
  region: { left: number; top: number; width: number; height: number },
): Promise<string | undefined> {
  const { data, info } = await sharp(png)
    .extract(region)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data;
}

function applicationWith(hires: number, skip = 0) {
  const pop = population();
  const application = applicationFor(pop.units[7], adults(pop, 'normal', hires, skip)) as any;
  application.employees.forEach((e: any, i: number) => {
    if (i < RARE.length) e.name = RARE[i];
  });
  // The 经办人 is the verified holder, the unit's legal representative (born 1965-1980, never a hire), so
  // each hire's ID number appears only in their own row.
  application.unit.operator = { ...application.unit.operator, ...pop.units[7].legalRepresentative };
  application.housingFundRelief = 'defer';
  application.unit.bank = {
    name: '中国银行上饶分行',
    accountName: application.unit.name,
    accountNo: '6222021234567890123',
  };
  return application;
}

// The owner became the unit's legal representative once, in beforeAll.
const submit = (application: unknown) =>
  submitApplication(server, owner, application, { asLegalRepresentative: false });

async function download(path_: string, token = owner.token) {
  const res = await fetch(`${server.api}${path_}`, { headers: { authorization: `Bearer ${token}` } });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

/** What the paper form must show of one hire, in the form's notation. */
function expectedCells(e: any): string[] {
  return [
    e.idNumber,
    e.name,
    e.hukouAddress,
    e.phone,
    e.address,
    String(e.wage),
    formatFormMonth(e.insuredFrom),
    formatContractPeriod(e.contract),
    String(e.housingFund.base),
    `${e.housingFund.unitRatio}%`,
    e.occupation,
    e.workAddress,
  ].map((v) => v.replace(/\s+/g, ''));
}

describe.each([
  [1, 2],
  [12, 2],
  [40, 6],
])('the 联办申请表 of %i hires', (hires, pages) => {
  let file: string;
  let submitted: any;
  let application: any;

  beforeAll(async () => {
    application = applicationWith(hires, hires * 3);
    submitted = await submit(application);
    const t0 = performance.now();
    const { res, body } = await download(`/applications/${submitted.id}/form.pdf`);
    const ms = performance.now() - t0;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toContain(
      encodeURIComponent(`联办申请表-${submitted.code}.pdf`),
    );
    file = savePdf(body);
    console.log(
      `form.pdf ${hires} hires: ${pageCount(file)} pages, ${body.length} bytes, ${Math.round(ms)} ms (HTTP)`,
    );
    if (hires === 40) expect(body.length).toBeLessThan(1024 * 1024);
  });

  it('has two copies of equal length, each page with the 办件编码, its copy label and the footer', () => {
    expect(pageCount(file)).toBe(pages);
    for (let page = 1; page <= pages; page++) {
      const text = pageText(file, page);
      expect(text).toContain(`办件编码：${submitted.code}`);
      expect(text).toContain(page <= pages / 2 ? '第一联受理经办机构留存' : '第二联申请单位留存');
      expect(text).toContain(`第${((page - 1) % (pages / 2)) + 1}页/共${pages / 2}页`);
      expect(text).toContain('上饶市“员工招聘一件事”联办申请表');
      expect(text).toContain(`单位名称（盖章）：${application.unit.name}`);
      expect(text).toContain(`统一社会信用代码：${application.unit.uscc}`);
      expect(text).toContain(`单位经办人身份证号：${application.unit.operator.idNumber}`);
      expect(text).toContain(`联系电话：${application.unit.operator.phone}`);
      expect(text).toContain('账号：6222021234567890123');
      expect(text).toContain('开户行：中国银行上饶分行');
    }
  });

  it('shows every hire once per copy with every field, under a repeated header', () => {
    const all = pageText(file);
    for (const e of application.employees) {
      expect(count(all, e.idNumber)).toBe(2);
      for (const cell of expectedCells(e)) expect(all).toContain(cell);
    }
    // Monthly amounts are computed (4500 × 12 % = 540, 合计 1080), never typed.
    expect(all).toContain('5405401080');
    const pagesWithRows = Array.from({ length: pages }, (_, i) => pageText(file, i + 1)).filter((t) =>
      application.employees.some((e: any) => t.includes(e.idNumber)),
    );
    for (const text of pagesWithRows) {
      for (const head of [
        '身份证号码',
        '户口性质',
        '申报工资（元/月）',
        '劳动合同起止时间',
        '月缴存基数（元）',
        '缴存比例',
        '月缴存额（元）',
        '招聘信息发布',
        '养老保险',
        '缓缴',
        '降缴',
        '备注',
      ]) {
        expect(text).toContain(head);
      }
    }
    // 填表说明 once per copy.
    expect(count(all, '填表说明')).toBe(2);
    expect(all).toContain('8.本表一式两份，受理经办机构、申请单位各执一份。');
  });

  it('embeds subsets of the CJK fonts and draws the rare name characters', () => {
    const fonts = fontsOf(file);
    expect(fonts).toMatch(/\+NotoSansCJKsc-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/);
    const all = pageText(file);
    for (const name of RARE.slice(0, hires)) expect(all).toContain(name);
    expect(
      missingCharacters(application.employees.map((e: any) => Object.values(e).join('')).join('')),
    ).toEqual([]);
    if (hires === 12) {
      const png = renderPage(file, 1, path.join(ARTIFACTS, 'form-12-hires-page1'));
      console.log(`rendered ${png}`);
    }
  });

  it('carries on its last page a QR code that opens the status lookup with the code filled in', async () => {
    const png = renderPage(file, pages, path.join(ARTIFACTS, `form-${hires}-hires-last-page`), 100);
    // A4 landscape at 100 dpi is 1170 × 827 px; the code sits in the top right corner.
    expect(await readQr(png, { left: 1020, top: 0, width: 150, height: 120 })).toBe(
      `https://h5.example.cn/#/pages/lookup/index?code=${submitted.code}`,
    );
  });
});

describe('who may download what', () => {
  let submitted: any;
  beforeAll(async () => {
    submitted = await submit(applicationWith(2, 300));
  });

  it('refuses another account and an anonymous caller', async () => {
    const stranger = await loginAs(server, 'documents-stranger');
    expect((await download(`/applications/${submitted.id}/form.pdf`, stranger.token)).res.status).toBe(404);
    expect((await download(`/applications/${submitted.id}/receipt.png`, stranger.token)).res.status).toBe(
      404,
    );
    const anonymous = await fetch(`${server.api}/applications/${submitted.id}/form.pdf`);
    expect(anonymous.status).toBe(401);
  });

  it('audits each download of the form', async () => {
    await download(`/applications/${submitted.id}/form.pdf`);
    const { items } = await server.services.audit.search({
      action: 'document.form',
      subject: submitted.code,
      page: 1,
      pageSize: 10,
    });
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items[0].actor?.id).toBe(owner.accountId);
  });

  it('lets a window clerk print the form, audited under the clerk, but not with an employer login', async () => {
    const res = await download(`/staff/applications/${submitted.id}/form.pdf`, CLERK_TOKEN);
    expect(res.res.status).toBe(200);
    expect(res.res.headers.get('cache-control')).toBe('no-store');
    expect(pageText(savePdf(res.body))).toContain(submitted.code);
    const { items } = await server.services.audit.search({
      action: 'staff.document.form',
      subject: submitted.code,
      page: 1,
      pageSize: 10,
    });
    expect(items[0]?.actor).toMatchObject({
      kind: 'staff',
      id: 'clerk-xz',
      role: 'clerk',
      county: population().units[7].uscc.slice(2, 8),
    });
    expect((await download(`/staff/applications/${submitted.id}/form.pdf`)).res.status).toBe(401);
  });

  it('prints a draft once, watermarked 草稿, without a code', async () => {
    const draft = await owner.call('POST', '/drafts', {
      application: { ...applicationWith(1, 320), unit: { name: '草稿单位有限公司' } },
    });
    const { res, body } = await download(`/drafts/${draft.body.id}/form.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const file = savePdf(body);
    expect(pageCount(file)).toBe(1);
    const text = pageText(file);
    expect(text).toContain('草稿');
    expect(text).toContain('草稿：尚未提交，无办件编码');
    expect(text).toContain('单位名称（盖章）：草稿单位有限公司');
    expect(text).not.toContain('受理经办机构留存');
  });
});

describe('the 受理回执', () => {
  let submitted: any;
  beforeAll(async () => {
    submitted = await submit(applicationWith(3, 340));
  });

  it('is a one-page PDF with the code, password, unit, hires, matters and next steps', async () => {
    const { res, body } = await download(`/applications/${submitted.id}/receipt.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const file = savePdf(body);
    expect(pageCount(file)).toBe(1);
    const text = pageText(file);
    expect(text).toContain(submitted.code);
    expect(text).toContain(submitted.queryPassword);
    expect(text).toContain(submitted.unitName.replace(/\s+/g, ''));
    expect(text).toContain('新招用人员3人');
    for (const m of submitted.matters) {
      expect(text).toContain(m.label);
      expect(text).toContain(m.agencyLabel);
    }
    expect(text).toContain('3个工作日');
    expect(text).toContain(`请于${submitted.reliefDeadline}前将申请材料`);
    renderPage(file, 1, path.join(ARTIFACTS, 'receipt-pdf'), 72);
  });

  it('is also a PNG image of the same page', async () => {
    const { res, body } = await download(`/applications/${submitted.id}/receipt.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(body.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: width and height, 2 px per point of an A4 page.
    expect([body.readUInt32BE(16), body.readUInt32BE(20)]).toEqual([1191, 1684]);
    expect(await readQr(body, { left: 800, top: 190, width: 340, height: 320 })).toBe(
      `https://h5.example.cn/#/pages/lookup/index?code=${submitted.code}`,
    );
    writeFileSync(path.join(ARTIFACTS, 'receipt.png'), body);
  });
});
