// Batch import and export of employee rows in the paper form's own columns (表头 as printed on the
// 联办申请表), so an employer can fill a spreadsheet the way they fill the form. Cells are read leniently
// (汉 or 汉族 or 01; ① or 1 or 市区非农业户口; 12% or 0.12) and anything unreadable is reported, never
// guessed. The parsed rows then go through validateApplication like any other.
import type { EmployeeRow, HousingFundRow } from './application';
import {
  EDUCATION_LEVELS,
  ETHNICITIES,
  GENDERS,
  HUKOU_TYPES,
  ID_TYPES,
  INSURANCE_TYPES,
  labelOf,
} from './codes';
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

const normalizeHeader = (header: string) =>
  header.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

const HEADER_TO_FIELD = new Map<string, string>(
  FORM_COLUMNS.flatMap((column) =>
    [column.header, ...(column.aliases ?? [])].map(
      (h) => [normalizeHeader(h), column.field] as [string, string],
    ),
  ),
);

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
  const unreadable = (field: string, label: string, cell: string) =>
    issues.push({
      path: `employees[${index}].${field}`,
      code: 'unrecognized',
      message: `无法识别的${label}：“${cell}”`,
    });

  for (const [header, value] of Object.entries(cells)) {
    const field = HEADER_TO_FIELD.get(normalizeHeader(header));
    const cell = text(value);
    if (!field) {
      if (header.trim() !== REASON_HEADER) unknownHeaders.push(header);
      continue;
    }
    if (cell === '') continue;
    switch (field) {
      case 'idType': {
        const code = codeFrom(ID_TYPES, cell);
        if (code) row.idType = code;
        else unreadable(field, '证件类型', cell);
        break;
      }
      case 'ethnicity': {
        const code = codeFrom(ETHNICITIES, cell, '族');
        if (code) row.ethnicity = code;
        else unreadable(field, '民族', cell);
        break;
      }
      case 'gender': {
        const code = codeFrom(GENDERS, cell.replace(/性$/, ''));
        if (code) row.gender = code;
        else unreadable(field, '性别', cell);
        break;
      }
      case 'hukouType': {
        const circled = CIRCLED.indexOf(cell[0]);
        const code = circled >= 0 ? HUKOU_TYPES[circled].code : codeFrom(HUKOU_TYPES, cell, '户口');
        if (code) row.hukouType = code;
        else unreadable(field, '户口性质', cell);
        break;
      }
      case 'education': {
        const code = codeFrom(EDUCATION_LEVELS, cell) ?? EDUCATION_ALIASES[cell];
        if (code) row.education = code;
        else unreadable(field, '学历', cell);
        break;
      }
      case 'birthDate': {
        const date = parseFormDate(cell);
        if (date) row.birthDate = date;
        else unreadable(field, '出生日期', cell);
        break;
      }
      case 'insuredFrom': {
        const month = parseFormMonth(cell);
        if (month) row.insuredFrom = month;
        else unreadable(field, '本次参保时间', cell);
        break;
      }
      case 'contract': {
        const period = parseContractPeriod(cell);
        if (period) row.contract = period;
        else unreadable(field, '劳动合同起止时间', cell);
        break;
      }
      case 'insuranceTypes': {
        const names = cell.split(/[、,，;；/\s]+/).filter(Boolean);
        const codes = names.map(
          (name) => codeFrom(INSURANCE_TYPES, name, '保险') ?? INSURANCE_ALIASES[name.replace(/保险$/, '')],
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
  put('证件类型', row.idType ? labelOf(ID_TYPES, row.idType) : undefined);
  put('身份证号码', row.idNumber);
  put('姓名', row.name);
  put('民族', row.ethnicity ? labelOf(ETHNICITIES, row.ethnicity) : undefined);
  put('性别', row.gender ? labelOf(GENDERS, row.gender) : undefined);
  put(
    '户口性质',
    row.hukouType
      ? `${CIRCLED[Number(row.hukouType) - 1] ?? ''}${labelOf(HUKOU_TYPES, row.hukouType) ?? ''}`
      : undefined,
  );
  put('户籍地址', row.hukouAddress);
  put('手机号码', row.phone);
  put('通讯地址', row.address);
  put('出生日期', row.birthDate?.replace(/-/g, '.'));
  put('申报工资（元/月）', row.wage);
  put('本次参保时间', row.insuredFrom ? formatFormMonth(row.insuredFrom) : undefined);
  put('劳动合同起止时间', row.contract ? formatContractPeriod(row.contract) : undefined);
  put('险种', row.insuranceTypes?.map((code) => labelOf(INSURANCE_TYPES, code)).join('、'));
  put('月缴存基数（元）', row.housingFund?.base);
  put('单位缴存比例', row.housingFund ? `${row.housingFund.unitRatio}%` : undefined);
  put('个人缴存比例', row.housingFund ? `${row.housingFund.personalRatio}%` : undefined);
  put('职业（工种）', row.occupation);
  put('学历', row.education ? labelOf(EDUCATION_LEVELS, row.education) : undefined);
  put('工作地址', row.workAddress);
  put('备注', row.remark);
  return cells;
}
