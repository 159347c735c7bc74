// Spreadsheets as employers make them, for the import's tests, bench and browser test. Written here with
// exceljs directly, in three hands that owe nothing to the bff's template: the template's own columns, the
// paper form's two-row header and notation (汉, ⑤, 2020.10.01—2023.09.30), and an HR clerk's sheet with
// other column names, real date cells and numbers. Plus CSV in UTF-8 or GBK.
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { EDUCATION_LEVELS, ETHNICITIES, HUKOU_TYPES, addDays, todayInChina } from '@hiring/shared';
import type { Person } from './population/generate';

export type SheetStyle = 'template' | 'paper' | 'clerk';
export type SheetValue = string | number | Date | { formula: string; result: string | number } | undefined;
export type SheetRow = Record<string, SheetValue>;

const CIRCLED = '①②③④⑤⑥⑦⑧';
const label = (list: readonly { code: string; label: string }[], code: string) =>
  list.find((item) => item.code === code)?.label ?? code;
const dotted = (iso: string) => iso.replace(/-/g, '.');

/** The person's columns of the form (1-8), in its order: the template and the paper copy both start with them. */
const PERSON_HEADERS = ['身份证号码', '姓名', '民族', '性别', '户口性质', '户籍地址', '手机号码', '通讯地址'];

/** Columns of each hand, in order. */
export const SHEET_HEADERS: Record<SheetStyle, readonly string[]> = {
  template: [
    '序号',
    '证件类型',
    ...PERSON_HEADERS,
    '出生日期',
    '申报工资（元/月）',
    '本次参保时间',
    '劳动合同起止时间',
    '养老保险',
    '工伤保险',
    '失业保险',
    '职工基本医疗保险',
    '长期护理保险',
    '大病补充医疗保险',
    '生育保险',
    '月缴存基数（元）',
    '单位缴存比例',
    '个人缴存比例',
    '职业（工种）',
    '学历',
    '工作地址',
    '备注',
  ],
  paper: [
    '序号',
    ...PERSON_HEADERS,
    '申报工资（元/月）',
    '本次参保时间',
    '劳动合同起止时间',
    '险种',
    '月缴存基数（元）',
    '缴存比例（单位）',
    '缴存比例（个人）',
    '职业（工种）',
    '学历',
    '工作地址',
    '备注',
  ],
  clerk: [
    '工号',
    '姓名',
    '证件号码',
    '性别',
    '民族',
    '户口性质',
    '户籍地址',
    '手机号',
    '通讯地址',
    '职业',
    '学历',
    '工作地址',
    '申报工资',
    '本次参保时间',
    '劳动合同起止时间',
    '险种',
    '月缴存基数',
    '单位缴存比例',
    '个人缴存比例',
  ],
};

export interface HireOptions {
  /** Days before today the contract starts (default 3). */
  startDaysAgo?: number;
  openEnded?: boolean;
  /** Fill the 公积金 columns (default true). */
  housingFund?: boolean;
}

/** One hire's row in the given hand; every matter's columns filled. */
export function hireRow(
  person: Person,
  style: SheetStyle,
  index: number,
  options: HireOptions = {},
): SheetRow {
  const start = addDays(todayInChina(), -(options.startDaysAgo ?? 3));
  const end = addDays(start, 3 * 365);
  const education = EDUCATION_LEVELS[index % 8];
  const ethnicity = label(ETHNICITIES, person.ethnicity);
  const hukou = HUKOU_TYPES.find((h) => h.code === person.hukouType)!;
  const gender = person.gender === '1' ? '男' : '女';
  const contract = `${dotted(start)}—${options.openEnded ? '无固定期限' : dotted(end)}`;
  const fund = options.housingFund ?? true;
  const wage = 4200 + (index % 7) * 150;
  switch (style) {
    case 'template':
      return {
        序号: String(index + 1),
        证件类型: '居民身份证',
        身份证号码: person.idNumber,
        姓名: person.name,
        民族: ethnicity,
        性别: gender,
        户口性质: `${CIRCLED[Number(hukou.code) - 1]}${hukou.label}户口`,
        户籍地址: person.hukouAddress,
        手机号码: person.phone,
        通讯地址: person.address,
        '申报工资（元/月）': String(wage),
        本次参保时间: dotted(start.slice(0, 7)),
        劳动合同起止时间: contract,
        养老保险: '√',
        工伤保险: '√',
        失业保险: '√',
        职工基本医疗保险: '√',
        生育保险: '√',
        '月缴存基数（元）': fund ? String(wage) : undefined,
        单位缴存比例: fund ? '12%' : undefined,
        个人缴存比例: fund ? '12%' : undefined,
        '职业（工种）': '操作工',
        学历: education.label,
        工作地址: '江西省上饶市信州区凤凰大道 8 号',
      };
    case 'paper':
      return {
        序号: String(index + 1),
        身份证号码: person.idNumber,
        姓名: person.name,
        民族: ethnicity.replace(/族$/, ''),
        性别: gender,
        户口性质: CIRCLED[Number(hukou.code) - 1],
        户籍地址: person.hukouAddress,
        手机号码: person.phone,
        通讯地址: person.address,
        '申报工资（元/月）': wage,
        本次参保时间: `${start.slice(0, 4)}.${Number(start.slice(5, 7))}`,
        劳动合同起止时间: contract,
        险种: '养老保险、工伤保险、失业保险、职工基本医疗保险、生育保险',
        '月缴存基数（元）': fund ? wage : undefined,
        '缴存比例（单位）': fund ? '12%' : undefined,
        '缴存比例（个人）': fund ? '12%' : undefined,
        '职业（工种）': '操作工',
        学历: education.label.replace(/^(普通|大学)/, ''),
        工作地址: '江西省上饶市信州区凤凰大道 8 号',
      };
    case 'clerk':
      return {
        工号: `A${String(index + 1).padStart(4, '0')}`,
        姓名: person.name,
        证件号码: person.idNumber,
        性别: gender,
        民族: ethnicity,
        户口性质: `${hukou.label}户口`,
        户籍地址: person.hukouAddress,
        手机号: person.phone,
        通讯地址: person.address,
        职业: '仓库管理员',
        学历: education.code,
        工作地址: '江西省上饶市广丰区永丰大道 1 号',
        申报工资: wage,
        本次参保时间: `${start.slice(0, 4)}年${Number(start.slice(5, 7))}月`,
        劳动合同起止时间: contract,
        险种: '养老、工伤、失业、医疗、生育',
        月缴存基数: fund ? { formula: `M${index + 2}`, result: wage } : undefined,
        单位缴存比例: fund ? 0.12 : undefined,
        个人缴存比例: fund ? 0.12 : undefined,
      };
  }
}

export interface XlsxOptions {
  sheetName?: string;
  /** Rows above the header (a title). */
  title?: string;
  /** The paper form's two-row header: 缴存比例 over 单位/个人, a row of column numbers under it. */
  paperHeader?: boolean;
  /** Lines under the list (signatures, unit codes), as the paper form has. */
  footer?: string[];
  /** Columns stored as text (the template does this; a clerk's sheet often does not). */
  textColumns?: string[];
  /** Another sheet before the list (instructions, a cover). */
  coverSheet?: string;
}

export async function xlsxOf(
  headers: readonly string[],
  rows: readonly SheetRow[],
  options: XlsxOptions = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  if (options.coverSheet)
    workbook.addWorksheet(options.coverSheet).getCell('A1').value = '说明：请见下一张表';
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Sheet1');
  let r = 1;
  if (options.title) {
    sheet.getCell(r, 1).value = options.title;
    sheet.mergeCells(r, 1, r, headers.length);
    r += 1;
  }
  if (options.paperHeader) {
    const top = headers.map((h) => h.replace(/（(单位|个人)）$/, ''));
    const sub = headers.map((h) => /（(单位|个人)）$/.exec(h)?.[1] ?? h);
    sheet.getRow(r).values = top;
    sheet.getRow(r + 1).values = sub;
    headers.forEach((_, c) => {
      // Columns without a sub-header span both rows, as on the form.
      if (top[c] === sub[c]) sheet.mergeCells(r, c + 1, r + 1, c + 1);
    });
    const fund = top.indexOf('缴存比例');
    if (fund >= 0) sheet.mergeCells(r, fund + 1, r, fund + 2);
    sheet.getRow(r + 2).values = headers.map((_, c) => (c === 0 ? '' : c));
    r += 3;
  } else {
    sheet.getRow(r).values = [...headers];
    r += 1;
  }
  for (const name of options.textColumns ?? []) {
    const c = headers.indexOf(name);
    if (c >= 0) sheet.getColumn(c + 1).numFmt = '@';
  }
  for (const row of rows) {
    sheet.getRow(r).values = headers.map((h) => row[h] ?? null) as ExcelJS.CellValue[];
    r += 1;
  }
  for (const line of options.footer ?? []) {
    sheet.getCell(r, 1).value = line;
    sheet.mergeCells(r, 1, r, headers.length);
    r += 1;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csvCell = (value: SheetValue): string => {
  const text =
    value === undefined
      ? ''
      : value instanceof Date
        ? dotted(value.toISOString().slice(0, 10))
        : typeof value === 'object'
          ? String(value.result)
          : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** A CSV as Excel (GBK, CRLF) or WPS/LibreOffice (UTF-8, optionally with a BOM) saves it. */
export function csvOf(
  headers: readonly string[],
  rows: readonly SheetRow[],
  encoding: 'gbk' | 'utf8' | 'utf8-bom' = 'utf8',
): Buffer {
  const text = [
    headers.map(csvCell).join(','),
    ...rows.map((row) => headers.map((h) => csvCell(row[h])).join(',')),
  ]
    .join('\r\n')
    .concat('\r\n');
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  return Buffer.concat([
    encoding === 'utf8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
    Buffer.from(text),
  ]);
}

/**
 * The largest sheet within the given bounds: `people.length` real hires in the template's columns, each row
 * padded with filler columns of long text, shrunk until the file and its cell count fit. For measuring
 * what the worst file an import accepts costs.
 */
export async function largestSheet(
  people: readonly Person[],
  bounds: { maxBytes: number; maxCells: number; fillerColumns?: number },
): Promise<{ file: Buffer; cells: number }> {
  const filler = Array.from({ length: bounds.fillerColumns ?? 60 }, (_, c) => `备注${c + 1}`);
  const headers = [...SHEET_HEADERS.template, ...filler];
  for (let width = 200; ; width = Math.floor(width * 0.8)) {
    const rows: SheetRow[] = people.map((person, i) => {
      const row = hireRow(person, 'template', i);
      for (const [c, h] of filler.entries())
        row[h] = `${person.address}${i}-${c}`.repeat(Math.ceil(width / 10)).slice(0, width);
      return row;
    });
    const cells = (rows.length + 1) * headers.length;
    if (cells > bounds.maxCells) {
      filler.pop();
      headers.pop();
      continue;
    }
    const file = await xlsxOf(headers, rows, { textColumns: ['身份证号码'] });
    if (file.length <= bounds.maxBytes) return { file, cells };
  }
}
