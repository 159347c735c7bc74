// What each matter needs from the joint application and what it sends, declared once. Shared's validation
// (which columns a chosen matter requires), the routing (what each agency receives, in its field names
// and in the paper form's notation) and the agency stand-ins' intake schemas are all derived from this
// table, so they cannot disagree; docs/field-mapping.md is generated from it (npm run docs:fields -w shared).
import type { Application, EmployeeRow } from './application';
import { ROW_CODE_LISTS, MATTERS } from './codes';
import type { MatterCode } from './codes';
import { formatContractPeriod, formatFormDate, formatFormMonth } from './dates';

/**
 * How a value travels to the agency. Dates, months and the contract period use the paper form's notation
 * (填表说明 5: YYYY.MM.DD—YYYY.MM.DD; column 10: YYYY.MM); codes are the form's codes (户口性质 1-8 for
 * ①-⑧, GB 3304 民族, GB/T 4658 学历); money in 元 and ratios in percent as declared, never clamped.
 */
export type WireFormat =
  | 'text'
  | 'code'
  | 'codes'
  | 'formDate'
  | 'formMonth'
  | 'contractPeriod'
  | 'yuan'
  | 'percent'
  /** True when the form field named by `form` is empty: "首次办理" for that code. */
  | 'firstWithout';

export interface FieldDeclaration {
  /** Where on the form: "unit.operator.name", "employees[].hukouType", "housingFundRelief". */
  form: string;
  /** Where in the agency's case body: "unit.operatorName", "employees[].hukouType". */
  agency: string;
  label: string;
  format: WireFormat;
  /** The agency refuses a case without it; shared therefore requires it when the matter is chosen. */
  required: boolean;
  /** Longest text the agency accepts. */
  max?: number;
  /** A regular expression (source) the value must match. */
  pattern?: string;
  /** The allowed codes (format code/codes). */
  codes?: readonly string[];
  /** codes: at least one of these must be chosen for the agency to register anyone. */
  anyOf?: readonly string[];
}

export interface MatterDeclaration {
  matter: MatterCode;
  fields: readonly FieldDeclaration[];
}

const codesOf = (list: readonly { code: string }[]) => list.map((item) => item.code);
const insuranceCodes = (matter: MatterCode) =>
  ROW_CODE_LISTS.insuranceTypes.filter((type) => type.matter === matter).map((type) => type.code);

const unitBase: FieldDeclaration[] = [
  {
    form: 'unit.uscc',
    agency: 'unit.uscc',
    label: '统一社会信用代码',
    format: 'code',
    required: true,
    max: 18,
    pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$',
  },
  { form: 'unit.name', agency: 'unit.name', label: '单位名称', format: 'text', required: true, max: 100 },
  {
    form: 'unit.address',
    agency: 'unit.address',
    label: '单位地址',
    format: 'text',
    required: true,
    max: 200,
  },
  {
    form: 'unit.applicationDate',
    agency: 'unit.applicationDate',
    label: '申请日期',
    format: 'formDate',
    required: true,
  },
  {
    form: 'unit.operator.name',
    agency: 'unit.operatorName',
    label: '单位经办人',
    format: 'text',
    required: true,
    max: 50,
  },
  {
    form: 'unit.operator.idNumber',
    agency: 'unit.operatorIdNumber',
    label: '单位经办人身份证号',
    format: 'code',
    required: true,
    max: 18,
  },
  {
    form: 'unit.operator.phone',
    agency: 'unit.operatorPhone',
    label: '联系电话',
    format: 'code',
    required: true,
    max: 20,
    pattern: '^(1[3-9]\\d{9}|0\\d{2,3}-\\d{7,8})$',
  },
];

const bank: FieldDeclaration[] = [
  {
    form: 'unit.bank.name',
    agency: 'unit.bankName',
    label: '开户行',
    format: 'text',
    required: false,
    max: 100,
  },
  {
    form: 'unit.bank.accountName',
    agency: 'unit.bankAccountName',
    label: '户名',
    format: 'text',
    required: false,
    max: 100,
  },
  {
    form: 'unit.bank.accountNo',
    agency: 'unit.bankAccountNo',
    label: '账号',
    format: 'code',
    required: false,
    max: 32,
  },
];

const socialInsuranceUnit: FieldDeclaration[] = [
  {
    form: 'unit.socialInsuranceCode',
    agency: 'unit.socialInsuranceCode',
    label: '单位编码（社保）',
    format: 'code',
    required: false,
    max: 32,
  },
  {
    form: 'unit.socialInsuranceCode',
    agency: 'unit.firstApplication',
    label: '首次办理（社保）',
    format: 'firstWithout',
    required: true,
  },
];

/** Columns 1-8 (必填栏, 填表说明 1), the document type and 备注 go to every agency. */
const person: FieldDeclaration[] = [
  {
    form: 'employees[].idType',
    agency: 'employees[].idType',
    label: '证件类型',
    format: 'code',
    required: true,
    codes: codesOf(ROW_CODE_LISTS.idType),
  },
  {
    form: 'employees[].idNumber',
    agency: 'employees[].idNumber',
    label: '身份证号码',
    format: 'code',
    required: true,
    max: 32,
  },
  {
    form: 'employees[].name',
    agency: 'employees[].name',
    label: '姓名',
    format: 'text',
    required: true,
    max: 50,
  },
  {
    form: 'employees[].ethnicity',
    agency: 'employees[].ethnicity',
    label: '民族',
    format: 'code',
    required: true,
    codes: codesOf(ROW_CODE_LISTS.ethnicity),
  },
  {
    form: 'employees[].gender',
    agency: 'employees[].gender',
    label: '性别',
    format: 'code',
    required: true,
    codes: codesOf(ROW_CODE_LISTS.gender),
  },
  {
    form: 'employees[].hukouType',
    agency: 'employees[].hukouType',
    label: '户口性质',
    format: 'code',
    required: true,
    codes: codesOf(ROW_CODE_LISTS.hukouType),
  },
  {
    form: 'employees[].hukouAddress',
    agency: 'employees[].hukouAddress',
    label: '户籍地址',
    format: 'text',
    required: true,
    max: 200,
  },
  {
    form: 'employees[].phone',
    agency: 'employees[].phone',
    label: '手机号码',
    format: 'code',
    required: true,
    max: 11,
    pattern: '^1[3-9]\\d{9}$',
  },
  {
    form: 'employees[].address',
    agency: 'employees[].address',
    label: '通讯地址',
    format: 'text',
    required: true,
    max: 200,
  },
  {
    form: 'employees[].birthDate',
    agency: 'employees[].birthDate',
    label: '出生日期',
    format: 'formDate',
    required: false,
  },
  {
    form: 'employees[].remark',
    agency: 'employees[].remark',
    label: '备注',
    format: 'text',
    required: false,
    max: 500,
  },
];

const contract: FieldDeclaration = {
  form: 'employees[].contract',
  agency: 'employees[].contractPeriod',
  label: '劳动合同起止时间',
  format: 'contractPeriod',
  required: true,
};

const insurance = (matter: MatterCode, anyOf: readonly string[]): FieldDeclaration[] => [
  {
    form: 'employees[].wage',
    agency: 'employees[].declaredWage',
    label: '申报工资',
    format: 'yuan',
    required: true,
  },
  {
    form: 'employees[].insuredFrom',
    agency: 'employees[].insuredFrom',
    label: '本次参保时间',
    format: 'formMonth',
    required: true,
  },
  contract,
  {
    form: 'employees[].insuranceTypes',
    agency: 'employees[].insuranceTypes',
    label: '险种',
    format: 'codes',
    required: true,
    codes: insuranceCodes(matter),
    anyOf,
  },
];

export const MATTER_FIELDS: Readonly<Record<MatterCode, MatterDeclaration>> = {
  employment: {
    matter: 'employment',
    fields: [
      ...unitBase,
      ...person,
      {
        form: 'employees[].occupation',
        agency: 'employees[].occupation',
        label: '职业（工种）',
        format: 'text',
        required: true,
        max: 50,
      },
      {
        form: 'employees[].education',
        agency: 'employees[].education',
        label: '学历',
        format: 'code',
        required: true,
        codes: codesOf(ROW_CODE_LISTS.education),
      },
      {
        form: 'employees[].workAddress',
        agency: 'employees[].workAddress',
        label: '工作地址',
        format: 'text',
        required: true,
        max: 200,
      },
      contract,
    ],
  },
  socialInsurance: {
    matter: 'socialInsurance',
    fields: [
      ...unitBase,
      ...socialInsuranceUnit,
      ...bank,
      ...person,
      // Any one of the three registers the person with 人社.
      ...insurance('socialInsurance', insuranceCodes('socialInsurance')),
    ],
  },
  medicalInsurance: {
    matter: 'medicalInsurance',
    fields: [
      ...unitBase,
      ...socialInsuranceUnit,
      ...person,
      // 生育, 长期护理 and 大病补充 ride on 职工基本医疗保险: without it 医保 registers nobody.
      ...insurance('medicalInsurance', ['medical']),
    ],
  },
  housingFund: {
    matter: 'housingFund',
    fields: [
      ...unitBase,
      {
        form: 'unit.housingFundAccount',
        agency: 'unit.housingFundAccount',
        label: '单位账号（公积金）',
        format: 'code',
        required: false,
        max: 32,
      },
      {
        form: 'unit.housingFundAccount',
        agency: 'unit.firstApplication',
        label: '首次办理（公积金）',
        format: 'firstWithout',
        required: true,
      },
      ...bank,
      {
        form: 'housingFundRelief',
        agency: 'housingFundRelief',
        label: '缓缴/降缴',
        format: 'code',
        required: true,
        codes: ['none', 'defer', 'reduce'],
      },
      ...person,
      {
        form: 'employees[].housingFund.base',
        agency: 'employees[].monthlyBase',
        label: '月缴存基数',
        format: 'yuan',
        required: true,
      },
      {
        form: 'employees[].housingFund.unitRatio',
        agency: 'employees[].unitRatio',
        label: '单位缴存比例',
        format: 'percent',
        required: true,
      },
      {
        form: 'employees[].housingFund.personalRatio',
        agency: 'employees[].personalRatio',
        label: '个人缴存比例',
        format: 'percent',
        required: true,
      },
    ],
  },
};

const ROW = 'employees[].';
const PERSON_COLUMNS = new Set(person.map((field) => field.form));

/** Columns 1-8 of the form, the person, needed whatever the matters (证件类型 defaults to 居民身份证). */
export const PERSON_ROW_FIELDS: readonly (keyof EmployeeRow)[] = person
  .filter((field) => field.required && field.form !== `${ROW}idType`)
  .map((field) => field.form.slice(ROW.length) as keyof EmployeeRow);

/**
 * The row fields a set of matters requires beyond columns 1-8 (the top-level field: "housingFund" for
 * "housingFund.base"), derived from the declaration.
 */
export function requiredRowFields(matters: readonly MatterCode[]): (keyof EmployeeRow)[] {
  const fields = new Set<keyof EmployeeRow>();
  for (const { code } of MATTERS) {
    if (!matters.includes(code)) continue;
    for (const field of MATTER_FIELDS[code].fields) {
      if (!field.required || !field.form.startsWith(ROW) || PERSON_COLUMNS.has(field.form)) continue;
      fields.add(field.form.slice(ROW.length).split('.')[0] as keyof EmployeeRow);
    }
  }
  return [...fields];
}

/** The 险种 of `matter` and the ones among them of which one must be chosen. */
export function insuranceRuleOf(
  matter: MatterCode,
): { codes: readonly string[]; anyOf: readonly string[] } | null {
  const field = MATTER_FIELDS[matter].fields.find((f) => f.form === `${ROW}insuranceTypes`);
  return field?.codes && field.anyOf ? { codes: field.codes, anyOf: field.anyOf } : null;
}

function read(source: unknown, path: string): unknown {
  let value: unknown = source;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function write(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

const empty = (value: unknown) => value === undefined || value === null || value === '';

/** One form value in the agency's notation; undefined when the form has nothing to send. */
export function toWire(field: FieldDeclaration, value: unknown): unknown {
  if (field.format === 'firstWithout') return empty(value);
  if (empty(value)) return undefined;
  switch (field.format) {
    case 'formDate':
      return formatFormDate(value as string);
    case 'formMonth':
      return formatFormMonth(value as string);
    case 'contractPeriod':
      return formatContractPeriod(value as { start: string; end?: string | null });
    case 'codes':
      // Each agency sees only its own codes (医保 has no business with 养老).
      return (value as string[]).filter((code) => !field.codes || field.codes.includes(code));
    default:
      return value;
  }
}

export interface AgencyCase {
  unit: Record<string, unknown>;
  employees: Record<string, unknown>[];
  [field: string]: unknown;
}

/**
 * The case body of `matter` for a validated application, every declared field in the agency's name and
 * notation. `rows` picks which hires go (default all), in order.
 */
export function agencyCaseFor(
  application: Application,
  matter: MatterCode,
  rows: readonly EmployeeRow[] = application.employees,
): AgencyCase {
  const body: AgencyCase = { unit: {}, employees: rows.map(() => ({})) };
  for (const field of MATTER_FIELDS[matter].fields) {
    if (field.form.startsWith(ROW)) {
      rows.forEach((row, index) => {
        const value = toWire(field, read(row, field.form.slice(ROW.length)));
        if (value !== undefined) write(body.employees[index], field.agency.slice(ROW.length), value);
      });
    } else {
      const value = toWire(field, read(application, field.form));
      if (value !== undefined) write(body, field.agency, value);
    }
  }
  return body;
}
