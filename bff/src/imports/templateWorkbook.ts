// The import template and the failed-rows file: one sheet of hires in the form's columns (TEMPLATE_COLUMNS
// in shared), drop-down lists fed from shared's code lists, and a 填表说明 sheet. The failed-rows file is
// the same sheet with the rows as typed and a 错误原因 column, so fixing it and importing it again works.
import ExcelJS from 'exceljs';
import {
  EXAMPLE_MARK,
  FIELD_LABELS,
  MATTERS,
  REASON_HEADER,
  TEMPLATE_COLUMNS,
  employeeFieldsFor,
  type TemplateColumn,
} from '@hiring/shared';
import { MAX_EMPLOYEES } from '../drafts/draftSchema';
import type { FailedRow } from './importPlan';

export const SHEET_NAME = '员工名单';
const CODES_SHEET = '代码表';
const TITLE = '上饶市“员工招聘一件事”联办申请表 · 员工名单（每行一位新员工；单位信息请在小程序中填写）';
const HEADER_ROW = 2;
const FIRST_DATA_ROW = 3;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const EXAMPLE: Readonly<Record<string, string>> = {
  '': EXAMPLE_MARK,
  idType: '居民身份证',
  idNumber: '36110219900101××××',
  name: '张三',
  ethnicity: '汉族',
  gender: '男',
  hukouType: '①市区非农业户口',
  hukouAddress: '江西省上饶市信州区××路×号',
  phone: '139××××0000',
  address: '江西省上饶市信州区××路×号',
  wage: '4500',
  insuredFrom: '2024.03',
  contract: '2024.03.01—2027.02.28',
  'insurance:pension': '√',
  'insurance:injury': '√',
  'insurance:unemployment': '√',
  'insurance:medical': '√',
  'insurance:maternity': '√',
  'housingFund.base': '4500',
  'housingFund.unitRatio': '12%',
  'housingFund.personalRatio': '12%',
  occupation: '操作工',
  education: '普通高中',
  workAddress: '江西省上饶市信州区××路×号',
  remark: '此行为示例，导入时忽略',
};

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Lists too long for an inline validation (民族 has 58 names) live on a hidden sheet. */
function addCodeLists(workbook: ExcelJS.Workbook, columns: readonly TemplateColumn[]): Map<string, string> {
  const sheet = workbook.addWorksheet(CODES_SHEET, { state: 'veryHidden' });
  const formulae = new Map<string, string>();
  let n = 0;
  for (const column of columns) {
    if (!column.choices || column.choices.length <= 1) continue;
    n += 1;
    const letter = columnLetter(n);
    sheet.getCell(`${letter}1`).value = column.header;
    column.choices.forEach((choice, i) => (sheet.getCell(`${letter}${i + 2}`).value = choice));
    formulae.set(column.field, `'${CODES_SHEET}'!$${letter}$2:$${letter}$${column.choices.length + 1}`);
  }
  return formulae;
}

function addInstructions(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('填表说明');
  sheet.getColumn(1).width = 22;
  sheet.getColumn(2).width = 90;
  const lines: [string, string][] = [
    ['填表说明', ''],
    [
      '1',
      `在“${SHEET_NAME}”工作表中每行填写一位新员工，表头（第 ${HEADER_ROW} 行）不要修改；“序号”为“示例”的行不会导入，可删除。`,
    ],
    ['2', '单位名称、统一社会信用代码、经办人等单位信息在小程序中填写，不在本表中。'],
    [
      '3',
      '带下拉箭头的列请从列表中选择；身份证号码、手机号码、日期等列已设为文本格式，请勿改为数字格式（否则身份证号码末几位会丢失）。',
    ],
    ['4', `一次最多导入 ${MAX_EMPLOYEES} 位员工；文件不超过 5 MB，可为 .xlsx 或 .csv（UTF-8 或 GBK 编码）。`],
    [
      '5',
      '导入时逐行检查：符合要求的行加入申请，不符合的行可下载为“导入失败的员工”表格，按“错误原因”列修改后再次导入即可，已导入的员工无需重填。',
    ],
    ['', ''],
    ['所选办理事项需要填写的列', ''],
    [
      '各事项都需要',
      '证件类型（港澳台、外籍员工）、身份证号码、姓名、民族、性别、户口性质、户籍地址、手机号码、通讯地址',
    ],
    ...MATTERS.map(
      (matter) =>
        [
          matter.label,
          employeeFieldsFor([matter.code])
            .map((field) =>
              field === 'housingFund'
                ? '月缴存基数、单位缴存比例、个人缴存比例'
                : (FIELD_LABELS[field] ?? field),
            )
            .join('、'),
        ] as [string, string],
    ),
    ['', ''],
    ['各列填写要求', ''],
    ...TEMPLATE_COLUMNS.map((column) => [column.header, column.note] as [string, string]),
  ];
  lines.forEach(([a, b], i) => {
    const row = sheet.getRow(i + 1);
    row.values = [a, b];
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    if (b === '' && a !== '') row.font = { bold: true, size: a === '填表说明' ? 14 : 12 };
  });
}

interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

export interface SheetContent {
  rows: { cells: Record<string, string>; reason?: string; sequence?: string }[];
  withReasons: boolean;
  /** Extra columns a failed row needs (a 险种 list column where the sheet had one). */
  extraColumns?: readonly { header: string; field: string }[];
}

async function buildWorkbook(content: SheetContent): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '员工招聘一件事';
  const sheet = workbook.addWorksheet(SHEET_NAME, {
    views: [{ state: 'frozen', xSplit: 4, ySplit: HEADER_ROW }],
  });
  const columns: {
    header: string;
    field: string;
    width: number;
    text?: boolean;
    choices?: readonly string[];
  }[] = [
    ...TEMPLATE_COLUMNS,
    ...(content.extraColumns ?? []).map((c) => ({ ...c, width: 20 })),
    ...(content.withReasons ? [{ header: REASON_HEADER, field: REASON_HEADER, width: 60 }] : []),
  ];
  addInstructions(workbook);
  const formulae = addCodeLists(workbook, TEMPLATE_COLUMNS);
  const lastRow = FIRST_DATA_ROW + MAX_EMPLOYEES;

  sheet.mergeCells(1, 1, 1, columns.length);
  const title = sheet.getCell(1, 1);
  title.value = TITLE;
  title.font = { bold: true, size: 14 };
  sheet.getRow(1).height = 24;

  const header = sheet.getRow(HEADER_ROW);
  header.values = columns.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.height = 32;
  columns.forEach((column, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = column.width;
    // Text columns: Excel would turn 18-digit numbers into 3.6E+17 and 2024.10 into 2024.1.
    if (column.text) col.numFmt = '@';
    header.getCell(i + 1).fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: column.field === REASON_HEADER ? 'FFFDE2E2' : 'FFE8F0FE' },
    };
    const range = `${columnLetter(i + 1)}${FIRST_DATA_ROW}:${columnLetter(i + 1)}${lastRow}`;
    const list =
      formulae.get(column.field) ?? (column.choices?.length === 1 ? `"${column.choices[0]}"` : undefined);
    if (list) {
      // exceljs has range validations (one entry, not one per cell) but does not declare them.
      (sheet as unknown as { dataValidations: RangeValidations }).dataValidations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [list],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: column.header,
        error: '请从下拉列表中选择',
      });
    }
  });

  content.rows.forEach((entry, r) => {
    const row = sheet.getRow(FIRST_DATA_ROW + r);
    columns.forEach((column, c) => {
      const value =
        column.field === REASON_HEADER
          ? (entry.reason ?? '')
          : column.field === ''
            ? (entry.sequence ?? '')
            : entry.cells[column.field];
      if (value) row.getCell(c + 1).value = value;
    });
    if (entry.reason) {
      const cell = row.getCell(columns.length);
      cell.font = { color: { argb: 'FFC00000' } };
      cell.alignment = { wrapText: true, vertical: 'top' };
    }
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let template: Promise<Buffer> | undefined;

/** The template, built once per process: it is the same for everyone. */
export function importTemplate(): Promise<Buffer> {
  template ??= buildWorkbook({
    rows: [{ cells: EXAMPLE, sequence: EXAMPLE_MARK }],
    withReasons: false,
  }).catch((error: unknown) => {
    template = undefined;
    throw error;
  });
  return template;
}

/** The rows that failed, as typed, with their reasons: fix them and import the file again. */
export function failedRowsWorkbook(
  rows: readonly FailedRow[],
  extraFields: readonly { header: string; field: string }[] = [],
): Promise<Buffer> {
  return buildWorkbook({
    rows: rows.map((row) => ({
      cells: row.cells,
      reason: row.reasons.join('；'),
      sequence: `原第${row.row}行`,
    })),
    withReasons: true,
    extraColumns: extraFields,
  });
}
