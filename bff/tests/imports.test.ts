// Batch import over HTTP: the template, sheets in the template's, the paper form's and a clerk's own
// columns, CSV in GBK, the answer per row, the failed-rows file round trip, and hostile files refused.
import ExcelJS from 'exceljs';
import {
  ALL_MATTERS,
  SHEET_HEADERS,
  csvOf,
  hireRow,
  population,
  workingAgePeople,
  xlsxOf,
  type Person,
  type SheetRow,
  type SheetValue,
} from '@hiring/mock';
import { TEMPLATE_COLUMNS } from '@hiring/shared';
import { loginAs, startTestServer, type Client, type TestServer } from './helpers/testServer';
import { minimalXlsxParts, zipOf } from './helpers/zipFiles';

let server: TestServer;
let alice: Client;
const people = workingAgePeople(population(), 'normal', 400);
/** Hands out people no other test has used, so duplicates happen only where a test makes them. */
let nextPerson = 0;
const take = (n: number): Person[] => {
  const taken = people.slice(nextPerson, nextPerson + n);
  nextPerson += n;
  return taken;
};

jest.setTimeout(60_000);

beforeAll(async () => {
  server = await startTestServer({ mocks: true });
  alice = await loginAs(server, 'importer');
});

afterAll(async () => {
  await server.close();
});

async function newDraft(matters: readonly string[] = ALL_MATTERS, employees: unknown[] = []) {
  const res = await alice.call('POST', '/drafts', {
    application: {
      matters,
      unit: { name: '上饶导入测试有限公司', countyCode: '361102' },
      employees,
    },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

async function importFile(
  draftId: string,
  version: number | string,
  file: Buffer,
  fileName = 'hires.xlsx',
  client: Client = alice,
) {
  const form = new FormData();
  form.append('version', String(version));
  form.append('file', new Blob([file]), fileName);
  const res = await fetch(`${server.api}/drafts/${draftId}/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}` },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const template = (rows: SheetRow[]) =>
  xlsxOf(SHEET_HEADERS.template, rows, { textColumns: ['身份证号码', '手机号码', '本次参保时间'] });

describe('the template', () => {
  it('downloads without a login, laid out in the form’s columns with drop-down lists and 填表说明', async () => {
    const res = await fetch(`${server.api}/imports/template.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml\.sheet/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['员工名单', 'visible'],
      ['填表说明', 'visible'],
      ['代码表', 'veryHidden'],
    ]);
    const sheet = workbook.getWorksheet('员工名单')!;
    const headers = (sheet.getRow(2).values as string[]).slice(1);
    expect(headers).toEqual(TEMPLATE_COLUMNS.map((c) => c.header));
    // One column per 险种 box, as on the form.
    expect(headers).toEqual(expect.arrayContaining(['养老保险', '工伤保险', '失业保险', '生育保险']));
    const at = (header: string, row = 3) => sheet.getCell(row, headers.indexOf(header) + 1);
    expect(at('序号').value).toBe('示例');
    expect(at('身份证号码').numFmt).toBe('@');
    // Drop-down lists, the long ones from the hidden code sheet (民族 has 58 entries).
    const ethnicity = at('民族', 10).dataValidation;
    expect(ethnicity).toMatchObject({ type: 'list' });
    const codes = workbook.getWorksheet('代码表')!;
    const listColumn = /\$([A-Z]+)\$2:\$[A-Z]+\$(\d+)/.exec(ethnicity.formulae[0])!;
    expect(Number(listColumn[2]) - 1).toBe(58);
    expect(codes.getCell(`${listColumn[1]}2`).value).toBe('汉族');
    expect(at('户口性质', 10).dataValidation).toMatchObject({ type: 'list' });
    expect(at('养老保险', 10).dataValidation).toMatchObject({ type: 'list', formulae: ['"√"'] });
    const instructions = workbook.getWorksheet('填表说明')!;
    const text = instructions.getSheetValues().flat().join(' ');
    expect(text).toContain('①市区非农业户口');
    expect(text).toContain('无固定期限');
  });

  it('imports nothing from the template as downloaded: its example row is skipped', async () => {
    const draft = await newDraft();
    const file = Buffer.from(await (await fetch(`${server.api}/imports/template.xlsx`)).arrayBuffer());
    const res = await importFile(draft.id, draft.version, file);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IMPORT_NO_ROWS');
  });

  it('a filled copy of the downloaded template imports', async () => {
    const draft = await newDraft();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await (await fetch(`${server.api}/imports/template.xlsx`)).arrayBuffer()) as never,
    );
    const sheet = workbook.getWorksheet('员工名单')!;
    const headers = (sheet.getRow(2).values as string[]).slice(1);
    take(2).forEach((person, i) => {
      const cells = hireRow(person, 'template', i);
      sheet.getRow(4 + i).values = headers.map((h) => cells[h] ?? null) as ExcelJS.CellValue[];
    });
    const res = await importFile(draft.id, draft.version, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 2, failed: 0, version: draft.version + 1 });
  });
});

describe('importing hires', () => {
  it('adds 200 good rows in one versioned change', async () => {
    const draft = await newDraft();
    const hires = take(200);
    const res = await importFile(
      draft.id,
      draft.version,
      await template(hires.map((p, i) => hireRow(p, 'template', i))),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 200, failed: 0, failedRowsFile: null, missingColumns: [] });
    expect(res.body.version).toBe(draft.version + 1);
    const saved = await alice.call('GET', `/drafts/${draft.id}`);
    expect(saved.body.version).toBe(draft.version + 1);
    expect(saved.body.application.employees.map((e: any) => e.idNumber)).toEqual(
      hires.map((p) => p.idNumber),
    );
    expect(saved.body.application.employees[0]).toMatchObject({
      name: hires[0].name,
      hukouType: hires[0].hukouType,
      insuranceTypes: ['pension', 'injury', 'unemployment', 'medical', 'maternity'],
      housingFund: { unitRatio: 12, personalRatio: 12 },
    });
    // The row answer masks the ID number: the operator does not need it back in full.
    expect(res.body.rows[0]).toMatchObject({ row: 2, status: 'imported', name: hires[0].name });
    expect(res.body.rows[0].idNumber).not.toBe(hires[0].idNumber);
    // Nothing in the answer or the draft fails the whole-application check for these rows.
    const check = await alice.call('POST', `/drafts/${draft.id}/validate`, { step: 'employees' });
    expect(check.body.errors).toEqual([]);
  });

  it('of 50 rows with 7 bad imports 43, returns the 7 with reasons, and the fixed failed-rows file imports', async () => {
    const draft = await newDraft();
    const hires = take(50);
    const rows = hires.map((p, i) => hireRow(p, 'template', i));
    const spoil: [number, string, SheetValue][] = [
      [3, '手机号码', '1380013800'],
      [8, '身份证号码', `${hires[8].idNumber.slice(0, 17)}${hires[8].idNumber.endsWith('0') ? '1' : '0'}`],
      [15, '民族', '火星族'],
      [22, '劳动合同起止时间', '2024.13.01—2025.01.01'],
      [30, '户口性质', '城镇'],
      [37, '申报工资（元/月）', undefined],
      [44, '身份证号码', hires[2].idNumber], // the same person as row 2 of the list
    ];
    const original = spoil.map(([i, column]) => rows[i][column]);
    for (const [i, column, value] of spoil) rows[i] = { ...rows[i], [column]: value };
    const res = await importFile(draft.id, draft.version, await template(rows));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 43, failed: 7, version: draft.version + 1 });
    const failed = res.body.rows.filter((r: any) => r.status === 'failed');
    // Sheet rows: the header is row 1, so list index i is row i + 2.
    expect(failed.map((r: any) => r.row)).toEqual(spoil.map(([i]) => i + 2));
    const reasons = failed.map((r: any) => r.reasons.join(' / '));
    expect(reasons[0]).toMatch(/^手机号码：/);
    expect(reasons[1]).toMatch(/^身份证号码：.*校验/);
    expect(reasons[2]).toMatch(/^民族：.*火星族/);
    expect(reasons[3]).toMatch(/^劳动合同起止时间：/);
    expect(reasons[4]).toMatch(/^户口性质：.*城镇/);
    expect(reasons[5]).toMatch(/^申报工资（元\/月）：/);
    expect(failed[6].reasons).toContain('身份证号码：与表格第 4 行的证件号码重复');
    const draftNow = await alice.call('GET', `/drafts/${draft.id}`);
    expect(draftNow.body.application.employees).toHaveLength(43);

    // The failed rows come back as a sheet with 错误原因; fix the cells there and import it again.
    const file = res.body.failedRowsFile;
    expect(file.fileName).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const sheet = workbook.getWorksheet('员工名单')!;
    const headers = (sheet.getRow(2).values as string[]).slice(1);
    expect(headers.at(-1)).toBe('错误原因');
    expect(sheet.getCell(3, headers.length).value).toMatch(/手机号码/);
    for (let k = 0; k < spoil.length; k += 1) {
      const [i, column] = spoil[k];
      const row = sheet.getRow(3 + k);
      expect(row.getCell(headers.indexOf('姓名') + 1).value).toBe(hires[i].name);
      // Row 44 was a duplicate: the operator types the right person's number.
      const fixed = column === '身份证号码' ? hires[i].idNumber : original[k];
      row.getCell(headers.indexOf(column) + 1).value = fixed as ExcelJS.CellValue;
    }
    const again = await importFile(
      draft.id,
      res.body.version,
      Buffer.from(await workbook.xlsx.writeBuffer()),
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ imported: 7, failed: 0 });
    const final = await alice.call('GET', `/drafts/${draft.id}`);
    expect(final.body.application.employees).toHaveLength(50);

    // Importing the whole sheet again adds nobody twice.
    const twice = await importFile(
      draft.id,
      again.body.version,
      await template(hires.map((p, i) => hireRow(p, 'template', i))),
    );
    expect(twice.body).toMatchObject({ imported: 0, failed: 50, version: again.body.version });
    expect(twice.body.rows[0].reasons[0]).toMatch(/^身份证号码：该员工（.+）已在本次申请中/);
  });

  it('reads CSV saved in GBK (Excel) and UTF-8 with a BOM (WPS)', async () => {
    for (const encoding of ['gbk', 'utf8-bom', 'utf8'] as const) {
      const draft = await newDraft();
      const hires = take(5);
      const file = csvOf(
        SHEET_HEADERS.template,
        hires.map((p, i) => hireRow(p, 'template', i)),
        encoding,
      );
      const res = await importFile(draft.id, draft.version, file, 'hires.csv');
      expect({ encoding, status: res.status, imported: res.body.imported }).toEqual({
        encoding,
        status: 200,
        imported: 5,
      });
      const saved = await alice.call('GET', `/drafts/${draft.id}`);
      expect(saved.body.application.employees.map((e: any) => e.name)).toEqual(hires.map((p) => p.name));
      expect(saved.body.application.employees[0].hukouAddress).toBe(hires[0].hukouAddress);
    }
  });

  it('reads the paper form’s layout and notation: two-row header, column numbers, ⑤, 汉, 无固定期限, footer', async () => {
    const draft = await newDraft();
    const hires = take(6);
    const rows = hires.map((p, i) => hireRow(p, 'paper', i, { openEnded: i % 2 === 0 }));
    const file = await xlsxOf(SHEET_HEADERS.paper, rows, {
      title: '上饶市“员工招聘一件事”联办申请表',
      paperHeader: true,
      textColumns: ['身份证号码', '手机号码'],
      footer: [
        '单位经办人（签章）：          单位经办人身份证号：',
        '单位编码(社保)：        单位账号(公积金)：',
      ],
    });
    const res = await importFile(draft.id, draft.version, file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 6, failed: 0 });
    const [first, second] = (await alice.call('GET', `/drafts/${draft.id}`)).body.application.employees;
    expect(first.contract.end ?? null).toBeNull();
    expect(second.contract.end).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first.hukouType).toBe(hires[0].hukouType);
    expect(first.ethnicity).toBe(hires[0].ethnicity);
    expect(first.housingFund).toMatchObject({ unitRatio: 12, personalRatio: 12 });
  });

  it('reads a clerk’s own sheet: other column names and order, formulas as cached values, a cover sheet', async () => {
    const draft = await newDraft();
    const hires = take(4);
    const file = await xlsxOf(
      SHEET_HEADERS.clerk,
      hires.map((p, i) => hireRow(p, 'clerk', i)),
      {
        coverSheet: '封面',
        textColumns: ['证件号码'],
      },
    );
    const res = await importFile(draft.id, draft.version, file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 4, failed: 0, ignoredColumns: ['工号'] });
    const [first] = (await alice.call('GET', `/drafts/${draft.id}`)).body.application.employees;
    expect(first.housingFund.base).toBe(4200); // the formula's cached result
    expect(first.occupation).toBe('仓库管理员');
  });

  it('says when ID numbers were stored as numbers and lost their last digits', async () => {
    const draft = await newDraft();
    const [person] = take(1);
    const row = { ...hireRow(person, 'template', 0), 身份证号码: Number(person.idNumber.replace(/X$/, '0')) };
    const res = await importFile(draft.id, draft.version, await xlsxOf(SHEET_HEADERS.template, [row]));
    expect(res.body.rows[0].reasons[0]).toMatch(/^身份证号码：.*存成了数字/);
  });

  it('names the columns the draft’s matters need that the sheet lacks', async () => {
    const draft = await newDraft(['employment', 'housingFund']);
    const headers = SHEET_HEADERS.template.filter((h) => !['职业（工种）', '月缴存基数（元）'].includes(h));
    const rows = take(2).map((p, i) => hireRow(p, 'template', i));
    const res = await importFile(draft.id, draft.version, await xlsxOf(headers, rows));
    expect(res.status).toBe(200);
    expect([...res.body.missingColumns].sort()).toEqual(['月缴存基数（元）', '职业（工种）'].sort());
    expect(res.body.rows[0].reasons).toContain('职业（工种）（表格中没有此列）：请填写职业（工种）');
  });

  it('refuses a stale version with 409 and saves nothing', async () => {
    const draft = await newDraft();
    await alice.call('PATCH', `/drafts/${draft.id}`, { version: draft.version, matters: ['employment'] });
    const res = await importFile(
      draft.id,
      draft.version,
      await template(take(3).map((p, i) => hireRow(p, 'template', i))),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('VERSION_CONFLICT');
    expect(res.body.current.version).toBe(draft.version + 1);
    expect((await alice.call('GET', `/drafts/${draft.id}`)).body.application.employees).toHaveLength(0);
  });

  it('keeps to the draft’s hire limit', async () => {
    const filler = Array.from({ length: 498 }, (_, i) => ({ name: `员工${i}` }));
    const full = await alice.call('POST', '/drafts', {
      application: { matters: ['employment'], employees: filler },
    });
    expect(full.status).toBe(201);
    const rows = take(3).map((p, i) => hireRow(p, 'template', i));
    const res = await importFile(full.body.id, full.body.version, await template(rows));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IMPORT_TOO_MANY_HIRES');
    expect(res.body.error.message).toContain('最多还能添加 2 位');
  });

  it('does not let one account import into another’s draft', async () => {
    const draft = await newDraft();
    const mallory = await loginAs(server, 'mallory-import');
    const res = await importFile(draft.id, draft.version, await template([]), 'x.xlsx', mallory);
    expect(res.status).toBe(404);
  });
});

describe('files that are refused', () => {
  let draft: { id: string; version: number };
  beforeAll(async () => {
    draft = await newDraft();
  });
  const header = ['身份证号码', '姓名', '民族', '性别', '户口性质'];

  async function refused(file: Buffer, fileName = 'hires.xlsx') {
    const res = await importFile(draft.id, draft.version, file, fileName);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    return { status: res.status, code: res.body.error.code as string };
  }

  it('a hand-made minimal workbook is read (so the refusals below are the guard’s, not exceljs’)', async () => {
    const [person] = take(1);
    const cells = hireRow(person, 'template', 0);
    const file = zipOf(minimalXlsxParts([header, header.map((h) => String(cells[h]))]));
    const res = await importFile(draft.id, draft.version, file);
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(1);
    draft.version = res.body.version;
  });

  it('a zip bomb: a part that inflates past the bounds, whether it declares its size or lies about it', async () => {
    const bomb = Buffer.alloc(40 * 1024 * 1024, 0x20);
    const honest = minimalXlsxParts([header]);
    honest[4] = { ...honest[4], data: Buffer.concat([Buffer.from(honest[4].data as string), bomb]) };
    expect(await refused(zipOf(honest))).toEqual({ status: 422, code: 'IMPORT_SHEET_TOO_BIG' });
    const lying = minimalXlsxParts([header]);
    lying[4] = {
      ...lying[4],
      data: Buffer.concat([Buffer.from(lying[4].data as string), bomb]),
      declaredSize: 2000,
    };
    expect((await refused(zipOf(lying))).status).toBe(422);
    const many = [
      ...minimalXlsxParts([header]),
      ...Array.from({ length: 300 }, (_, i) => ({ name: `xl/media/x${i}.bin`, data: 'x' })),
    ];
    expect(await refused(zipOf(many))).toEqual({ status: 422, code: 'IMPORT_SHEET_TOO_BIG' });
  });

  it('XML entity tricks: billion laughs and an external entity', async () => {
    const laughs =
      '<!DOCTYPE worksheet [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
    expect(await refused(zipOf(minimalXlsxParts([header, ['&c;']], laughs)))).toEqual({
      status: 422,
      code: 'IMPORT_UNSAFE_FILE',
    });
    const external = '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>';
    expect(await refused(zipOf(minimalXlsxParts([header], external)))).toEqual({
      status: 422,
      code: 'IMPORT_UNSAFE_FILE',
    });
  });

  it('too many cells', async () => {
    const wide = Array.from({ length: 70 }, (_, c) => `列${c}`);
    const rows = Array.from({ length: 1000 }, () => wide);
    expect(await refused(zipOf(minimalXlsxParts([header, ...rows])))).toEqual({
      status: 422,
      code: 'IMPORT_SHEET_TOO_BIG',
    });
  });

  it('not a sheet: a picture, a PDF, a Word file, an old .xls, random bytes', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(await refused(png, 'hires.png')).toEqual({ status: 415, code: 'IMPORT_NOT_A_SHEET' });
    expect(await refused(Buffer.from('%PDF-1.7\n1 0 obj'), 'hires.pdf')).toEqual({
      status: 415,
      code: 'IMPORT_NOT_A_SHEET',
    });
    const docx = zipOf([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    expect(await refused(docx, 'hires.docx')).toEqual({ status: 415, code: 'IMPORT_NOT_A_SHEET' });
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    expect(await refused(xls, 'hires.xls')).toEqual({ status: 415, code: 'IMPORT_LEGACY_XLS' });
    expect(await refused(Buffer.from([0, 1, 2, 3, 255, 254, 0, 0]), 'hires.xlsx')).toEqual({
      status: 415,
      code: 'IMPORT_NOT_A_SHEET',
    });
  });

  it('a file over 5 MB', async () => {
    const big = csvOf(
      header,
      Array.from({ length: 1 }, () => ({ 姓名: 'x'.repeat(5 * 1024 * 1024 + 10) })),
    );
    expect(await refused(big, 'big.csv')).toEqual({ status: 413, code: 'IMPORT_FILE_TOO_LARGE' });
  });

  it('a sheet with no recognisable header', async () => {
    const file = await xlsxOf(
      ['日期', '金额', '摘要'],
      [{ 日期: '2024.01.02', 金额: 100, 摘要: '办公用品' }],
    );
    expect(await refused(file)).toEqual({ status: 422, code: 'IMPORT_NO_HEADER' });
    expect(await refused(csvOf(['a', 'b'], [{ a: '1', b: '2' }]), 'x.csv')).toEqual({
      status: 422,
      code: 'IMPORT_NO_HEADER',
    });
  });

  it('no file, two files, or a missing version', async () => {
    const form = new FormData();
    form.append('version', String(draft.version));
    const none = await fetch(`${server.api}/drafts/${draft.id}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}` },
      body: form,
    });
    expect(none.status).toBe(400);
    const noVersion = new FormData();
    noVersion.append('file', new Blob([await template([])]), 'x.xlsx');
    const res = await fetch(`${server.api}/drafts/${draft.id}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}` },
      body: noVersion,
    });
    expect(res.status).toBe(400);
  });

  it('a workbook with macros is read as data; the macros are ignored', async () => {
    const [person] = take(1);
    const cells = hireRow(person, 'template', 0);
    const parts = minimalXlsxParts([header, header.map((h) => String(cells[h]))]);
    parts.push({
      name: 'xl/vbaProject.bin',
      data: Buffer.from('Attribute VB_Name = "Module1"\nSub AutoOpen()\nShell "calc"\nEnd Sub'),
    });
    const res = await importFile(draft.id, draft.version, zipOf(parts), 'hires.xlsm');
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(1);
  });
});
