// Batch import and export of employee rows in the paper form's own columns (表头 as printed on the
// 联办申请表), so an employer can fill a spreadsheet the way they fill the form. Cells are read leniently
// (汉 or 汉族 or 01; ① or 1 or 市区非农业户口; 12% or 0.12) and anything unreadable is reported, never
// guessed. The parsed rows then go through validateApplication like any other.
import type { EmployeeRow, HousingFundRow } from './application';
import { ROW_CODE_LISTS, labelOf } from './codes';
import type { CodeItem, InsuranceType } from './codes';
import {
  formatContractPeriod,
  formatFormMonth,
  parseContractPeriod,
  parseFormDate,
  parseFormMonth,
} from './dates';
import type { Issue } from './validateApplication';

type CellValue = string | number | null | undefined;
export type FormCells = Record<string, CellValue>;

/** Column headers in the form's order, as written on export; import also accepts the aliases. */
export const FORM_COLUMNS: readonly { header: string; field: string; aliases?: readonly string[] }[] = [
  { header: '证件类型', field: 'idType' },
  { header: '身份证号码', field: 'idNumber', aliases: ['证件号码', '身份证号'] },
  { header: '姓名', field: 'name' },
  { header: '民族', field: 'ethnicity' },
  { header: '性别', field: 'gender' },
  { header: '户口性质', field: 'hukouType' },
  { header: '户籍地址', field: 'hukouAddress' },
  { header: '手机号码', field: 'phone', aliases: ['手机号', '联系电话'] },
  { header: '通讯地址', field: 'address' },
  { header: '出生日期', field: 'birthDate' },
  { header: '申报工资（元/月）', field: 'wage', aliases: ['申报工资'] },
  { header: '本次参保时间', field: 'insuredFrom' },
  { header: '劳动合同起止时间', field: 'contract' },
  { header: '险种', field: 'insuranceTypes' },
  { header: '月缴存基数（元）', field: 'housingFund.base', aliases: ['月缴存基数'] },
  { header: '单位缴存比例', field: 'housingFund.unitRatio', aliases: ['缴存比例（单位）'] },
  { header: '个人缴存比例', field: 'housingFund.personalRatio', aliases: ['缴存比例（个人）'] },
  { header: '职业（工种）', field: 'occupation', aliases: ['职业', '工种'] },
  { header: '学历', field: 'education' },
  { header: '工作地址', field: 'workAddress' },
  { header: '备注', field: 'remark' },
];

/** The extra column of an export of failed rows. */
export const REASON_HEADER = '错误原因';

/** The first column of the template: a row whose 序号 is this is the example and is never imported. */
export const SEQUENCE_HEADER = '序号';
export const EXAMPLE_MARK = '示例';

/** What a ticked box looks like in a cell (险种, one column per box as on the form); blank or these mean not ticked. */
const TICKED = /^(√|✓|✔|☑|■|是|y|yes|1|true|勾|选|参保)$/i;
const UNTICKED = /^(□|否|n|no|0|false|不参保|×|x|✗|—|-)$/i;

/** 险种 boxes as their own columns: the header is the insurance's label (养老保险…), as printed on the form. */
const INSURANCE_BOX_PREFIX = 'insurance:';
const insuranceBoxField = (code: InsuranceType) => `${INSURANCE_BOX_PREFIX}${code}`;

/** Headers that belong to the form but carry nothing to import (computed amounts, unit-level choices). */
const IGNORED_HEADERS = [
  SEQUENCE_HEADER,
  REASON_HEADER,
  '月缴存额',
  '月缴存额（元）',
  '合计',
  '缓缴',
  '降缴',
];

export interface TemplateColumn {
  header: string;
  /** The field it fills: an EmployeeRow path, insurance:<code> for a 险种 box, or '' for 序号. */
  field: string;
  width: number;
  /** Values offered in the cell's drop-down list (from the code lists in codes.ts). */
  choices?: readonly string[];
  /** Stored as text so that spreadsheet programs keep leading zeros and all 18 digits. */
  text?: boolean;
  /** For 填表说明: what goes in the column. */
  note: string;
}

const CIRCLED_HUKOU = ROW_CODE_LISTS.hukouType.map((item, i) => `${'①②③④⑤⑥⑦⑧'[i]}${item.label}户口`);

/**
 * The downloadable template, one row per hire, in the form's column order (证件类型 added before column 1,
 * 出生日期 for documents that do not encode it, 险种 as one column per box). The unit's part is filled in
 * the wizard, not in the sheet.
 */
export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { header: SEQUENCE_HEADER, field: '', width: 6, note: '行号，可不填；填“示例”的行不会导入' },
  {
    header: '证件类型',
    field: 'idType',
    width: 14,
    choices: ROW_CODE_LISTS.idType.map((item) => item.label),
    note: '不填即为居民身份证；港澳台、外籍员工须选择所持证件',
  },
  {
    header: '身份证号码',
    field: 'idNumber',
    width: 22,
    text: true,
    note: '证件号码，18 位身份证号码末位 X 大小写均可',
  },
  { header: '姓名', field: 'name', width: 10, note: '与证件一致' },
  {
    header: '民族',
    field: 'ethnicity',
    width: 10,
    choices: ROW_CODE_LISTS.ethnicity.map((item) => item.label),
    note: '如 汉族',
  },
  {
    header: '性别',
    field: 'gender',
    width: 6,
    choices: ROW_CODE_LISTS.gender.map((item) => item.label),
    note: '男或女，须与身份证号码一致',
  },
  {
    header: '户口性质',
    field: 'hukouType',
    width: 18,
    choices: CIRCLED_HUKOU,
    note: `用代码填报：${CIRCLED_HUKOU.join('、')}；只填 ①–⑧ 也可以`,
  },
  { header: '户籍地址', field: 'hukouAddress', width: 28, note: '户口所在地详细地址' },
  { header: '手机号码', field: 'phone', width: 14, text: true, note: '11 位手机号码' },
  { header: '通讯地址', field: 'address', width: 28, note: '现居住地详细地址' },
  {
    header: '出生日期',
    field: 'birthDate',
    width: 12,
    text: true,
    note: '仅护照、通行证等不含出生日期的证件填写，格式 YYYY.MM.DD',
  },
  {
    header: '申报工资（元/月）',
    field: 'wage',
    width: 12,
    note: '社保、医保：新参加工作的填第二个月工资，调入的填调入当月工资',
  },
  {
    header: '本次参保时间',
    field: 'insuredFrom',
    width: 12,
    text: true,
    note: '社保、医保：格式 YYYY.MM，如 2024.03',
  },
  {
    header: '劳动合同起止时间',
    field: 'contract',
    width: 26,
    text: true,
    note: '格式 YYYY.MM.DD—YYYY.MM.DD；无固定期限写“2024.03.01—无固定期限”',
  },
  ...ROW_CODE_LISTS.insuranceTypes.map((item) => ({
    header: item.label,
    field: insuranceBoxField(item.code),
    width: 8,
    choices: ['√'],
    note: `${item.matter === 'socialInsurance' ? '社保' : '医保'}险种：参保的填 √，不参保的留空`,
  })),
  { header: '月缴存基数（元）', field: 'housingFund.base', width: 12, note: '公积金：月缴存基数，元' },
  { header: '单位缴存比例', field: 'housingFund.unitRatio', width: 10, note: '公积金：如 12%' },
  { header: '个人缴存比例', field: 'housingFund.personalRatio', width: 10, note: '公积金：如 12%' },
  { header: '职业（工种）', field: 'occupation', width: 14, note: '招用人员登记：如 操作工' },
  {
    header: '学历',
    field: 'education',
    width: 12,
    choices: ROW_CODE_LISTS.education.map((item) => item.label),
    note: '招用人员登记：如 普通高中、大学本科',
  },
  { header: '工作地址', field: 'workAddress', width: 28, note: '招用人员登记：实际工作地点' },
  { header: '备注', field: 'remark', width: 16, note: '可不填' },
];

const normalizeHeader = (header: string) =>
  header.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

const HEADER_TO_FIELD = new Map<string, string>([
  ...FORM_COLUMNS.flatMap((column) =>
    [column.header, ...(column.aliases ?? [])].map(
      (h) => [normalizeHeader(h), column.field] as [string, string],
    ),
  ),
  ...ROW_CODE_LISTS.insuranceTypes.flatMap((item) =>
    [item.label, item.label.replace(/保险$/, '')].map(
      (h) => [normalizeHeader(h), insuranceBoxField(item.code)] as [string, string],
    ),
  ),
  ...IGNORED_HEADERS.map((h) => [normalizeHeader(h), ''] as [string, string]),
]);

/**
 * The field a header fills ('' for a known column with nothing to import), or undefined for a header
 * that is not one of the form's. Used to find the header row of a sheet.
 */
export function fieldOfHeader(header: string): string | undefined {
  return HEADER_TO_FIELD.get(normalizeHeader(header));
}

const CIRCLED = '①②③④⑤⑥⑦⑧';

const EDUCATION_ALIASES: Readonly<Record<string, string>> = {
  博士: '11',
  硕士: '14',
  研究生: '14',
  本科: '21',
  大专: '31',
  专科: '31',
  中专: '41',
  职高: '44',
  技校: '47',
  高中: '61',
};

const INSURANCE_ALIASES: Readonly<Record<string, InsuranceType>> = {
  养老: 'pension',
  工伤: 'injury',
  失业: 'unemployment',
  医疗: 'medical',
  医保: 'medical',
  职工基本医疗: 'medical',
  生育: 'maternity',
  长期护理: 'longTermCare',
  长护: 'longTermCare',
  大病: 'seriousIllness',
  大病补充医疗: 'seriousIllness',
};

function text(value: CellValue): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/** A code from its code, its label, or its label without a common suffix (族, 户口, 保险). */
function codeFrom<C extends string>(list: readonly CodeItem<C>[], cell: string, suffix = ''): C | undefined {
  const bare = suffix && cell.endsWith(suffix) ? cell.slice(0, -suffix.length) : cell;
  return list.find(
    (item) =>
      item.code === cell ||
      item.code === cell.padStart(item.code.length, '0') ||
      item.label === cell ||
      item.label === bare ||
      (suffix !== '' && item.label === `${bare}${suffix}`),
  )?.code;
}

function parseAmount(cell: string): number | undefined {
  const cleaned = cell.replace(/[,，元\s]/g, '');
  return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : undefined;
}

/** 12%, 12 or 0.12 all mean 12 %: a housing fund ratio is never below 1 %. */
function parsePercent(cell: string): number | undefined {
  const value = parseAmount(cell.replace(/[%％]$/, ''));
  if (value === undefined) return undefined;
  return value < 1 && !/[%％]$/.test(cell) ? Math.round(value * 10000) / 100 : value;
}

export interface ParsedFormRow {
  row: Partial<EmployeeRow>;
  /** Cells that could not be read, with paths like employees[3].ethnicity. */
  issues: Issue[];
  /** Headers that are not form columns (ignored). */
  unknownHeaders: string[];
}

/** Reads one spreadsheet row (header → cell) as the `index`-th employee. Empty cells are left out. */
export function rowFromFormCells(cells: FormCells, index: number): ParsedFormRow {
  const row: Partial<EmployeeRow> = {};
  const fund: Partial<HousingFundRow> = {};
  const issues: Issue[] = [];
  const unknownHeaders: string[] = [];
  const boxes = new Set<InsuranceType>();
  const unreadable = (field: string, label: string, cell: string, hint = '') =>
    issues.push({
      path: `employees[${index}].${field}`,
      code: 'unrecognized',
      message: `无法识别的${label}：“${cell}”${hint}`,
    });

  for (const [header, value] of Object.entries(cells)) {
    const field = HEADER_TO_FIELD.get(normalizeHeader(header));
    const cell = text(value);
    if (field === undefined) {
      unknownHeaders.push(header);
      continue;
    }
    if (field === '' || cell === '') continue;
    if (field.startsWith(INSURANCE_BOX_PREFIX)) {
      const code = field.slice(INSURANCE_BOX_PREFIX.length) as InsuranceType;
      if (TICKED.test(cell)) boxes.add(code);
      else if (!UNTICKED.test(cell)) {
        issues.push({
          path: `employees[${index}].insuranceTypes`,
          code: 'unrecognized',
          message: `无法识别的${header.trim()}：“${cell}”（参保填 √，不参保留空）`,
        });
      }
      continue;
    }
    switch (field) {
      case 'idType': {
        const code = codeFrom(ROW_CODE_LISTS.idType, cell);
        if (code) row.idType = code;
        else unreadable(field, '证件类型', cell);
        break;
      }
      case 'ethnicity': {
        const code = codeFrom(ROW_CODE_LISTS.ethnicity, cell, '族');
        if (code) row.ethnicity = code;
        else unreadable(field, '民族', cell);
        break;
      }
      case 'gender': {
        const code = codeFrom(ROW_CODE_LISTS.gender, cell.replace(/性$/, ''));
        if (code) row.gender = code;
        else unreadable(field, '性别', cell);
        break;
      }
      case 'hukouType': {
        const circled = CIRCLED.indexOf(cell[0]);
        const code =
          circled >= 0
            ? ROW_CODE_LISTS.hukouType[circled].code
            : codeFrom(ROW_CODE_LISTS.hukouType, cell, '户口');
        if (code) row.hukouType = code;
        else unreadable(field, '户口性质', cell);
        break;
      }
      case 'education': {
        const code = codeFrom(ROW_CODE_LISTS.education, cell) ?? EDUCATION_ALIASES[cell];
        if (code) row.education = code;
        else unreadable(field, '学历', cell);
        break;
      }
      case 'birthDate': {
        const date = parseFormDate(cell);
        if (date) row.birthDate = date;
        else unreadable(field, '出生日期', cell, '（格式 YYYY.MM.DD）');
        break;
      }
      case 'insuredFrom': {
        const month = parseFormMonth(cell);
        if (month) row.insuredFrom = month;
        else unreadable(field, '本次参保时间', cell, '（格式 YYYY.MM）');
        break;
      }
      case 'contract': {
        const period = parseContractPeriod(cell);
        if (period) row.contract = period;
        else
          unreadable(
            field,
            '劳动合同起止时间',
            cell,
            '（格式 YYYY.MM.DD—YYYY.MM.DD 或 YYYY.MM.DD—无固定期限）',
          );
        break;
      }
      case 'insuranceTypes': {
        const names = cell.split(/[、,，;；/\s]+/).filter(Boolean);
        const codes = names.map(
          (name) =>
            codeFrom(ROW_CODE_LISTS.insuranceTypes, name, '保险') ??
            INSURANCE_ALIASES[name.replace(/保险$/, '')],
        );
        const bad = names.filter((_, i) => codes[i] === undefined);
        if (bad.length > 0) unreadable(field, '险种', bad.join('、'));
        else row.insuranceTypes = [...new Set(codes as InsuranceType[])];
        break;
      }
      case 'wage': {
        const amount = parseAmount(cell);
        if (amount !== undefined) row.wage = amount;
        else unreadable(field, '申报工资', cell);
        break;
      }
      case 'housingFund.base': {
        const amount = parseAmount(cell);
        if (amount !== undefined) fund.base = amount;
        else unreadable(field, '月缴存基数', cell);
        break;
      }
      case 'housingFund.unitRatio':
      case 'housingFund.personalRatio': {
        const percent = parsePercent(cell);
        const side = field === 'housingFund.unitRatio' ? 'unitRatio' : 'personalRatio';
        if (percent !== undefined) fund[side] = percent;
        else unreadable(field, side === 'unitRatio' ? '单位缴存比例' : '个人缴存比例', cell);
        break;
      }
      default:
        (row as Record<string, string>)[field] = cell;
    }
  }
  if (boxes.size > 0) {
    // Boxes and a 险种 list may both be filled; the order of the form's boxes is kept.
    const chosen = new Set([...(row.insuranceTypes ?? []), ...boxes]);
    row.insuranceTypes = ROW_CODE_LISTS.insuranceTypes
      .map((item) => item.code)
      .filter((code) => chosen.has(code));
  }
  // Mainland hires' sheets usually have no 证件类型 column; ⑦/⑧ hires must say which document they hold.
  if (!row.idType && row.hukouType !== '7' && row.hukouType !== '8') row.idType = 'resident';
  if (Object.keys(fund).length > 0) row.housingFund = fund as HousingFundRow;
  return { row, issues, unknownHeaders };
}

/** Writes a row back in the form's columns and notation (for exporting the rows that failed). */
export function rowToFormCells(row: Partial<EmployeeRow>): Record<string, string> {
  const cells: Record<string, string> = {};
  const put = (header: string, value: string | number | undefined) => {
    cells[header] = value === undefined ? '' : String(value);
  };
  put('证件类型', row.idType ? labelOf(ROW_CODE_LISTS.idType, row.idType) : undefined);
  put('身份证号码', row.idNumber);
  put('姓名', row.name);
  put('民族', row.ethnicity ? labelOf(ROW_CODE_LISTS.ethnicity, row.ethnicity) : undefined);
  put('性别', row.gender ? labelOf(ROW_CODE_LISTS.gender, row.gender) : undefined);
  put(
    '户口性质',
    row.hukouType
      ? `${CIRCLED[Number(row.hukouType) - 1] ?? ''}${labelOf(ROW_CODE_LISTS.hukouType, row.hukouType) ?? ''}`
      : undefined,
  );
  put('户籍地址', row.hukouAddress);
  put('手机号码', row.phone);
  put('通讯地址', row.address);
  put('出生日期', row.birthDate?.replace(/-/g, '.'));
  put('申报工资（元/月）', row.wage);
  put('本次参保时间', row.insuredFrom ? formatFormMonth(row.insuredFrom) : undefined);
  put('劳动合同起止时间', row.contract ? formatContractPeriod(row.contract) : undefined);
  put('险种', row.insuranceTypes?.map((code) => labelOf(ROW_CODE_LISTS.insuranceTypes, code)).join('、'));
  put('月缴存基数（元）', row.housingFund?.base);
  put('单位缴存比例', row.housingFund ? `${row.housingFund.unitRatio}%` : undefined);
  put('个人缴存比例', row.housingFund ? `${row.housingFund.personalRatio}%` : undefined);
  put('职业（工种）', row.occupation);
  put('学历', row.education ? labelOf(ROW_CODE_LISTS.education, row.education) : undefined);
  put('工作地址', row.workAddress);
  put('备注', row.remark);
  return cells;
}
