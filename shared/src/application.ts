// The joint application (联办申请表) as data: one unit part and one row per new hire (docs/domain.md §2).
import type { GenderCode, HukouType, IdType, InsuranceType, MatterCode } from './codes';
import type { ContractPeriod, IsoDate, IsoMonth } from './dates';
import { requiredRowFields } from './matterFields';

/** 缓缴 / 降缴 of housing fund contributions: a unit-level request with materials due later. */
export type HousingFundRelief = 'none' | 'defer' | 'reduce';

export interface UnitPart {
  /** 单位名称 */
  name: string;
  /** 统一社会信用代码 */
  uscc: string;
  /** 申请日期; validateApplication uses today when it is missing. */
  applicationDate?: IsoDate;
  operator: { name: string; idNumber: string; phone: string };
  /** 单位地址 */
  address: string;
  /** Six-digit division code of the unit's county, which sets the minimum wage zone. */
  countyCode?: string;
  /**
   * A unit's first application needs no 单位编码 / 单位账号 but does need its business licence. Unknown
   * (absent) is treated like a first application: the codes are not demanded.
   */
  firstApplication?: boolean;
  /**
   * 首次办理 per code: true when the unit has no 单位编码 (社保) yet, false when it has one. Absent: as
   * firstApplication. A unit may have a 公积金 account but no 社保 code, so the question is asked per code.
   */
  socialInsuranceFirst?: boolean;
  /** 首次办理 for the 公积金 单位账号, likewise. */
  housingFundFirst?: boolean;
  /** 单位编码 (社保) */
  socialInsuranceCode?: string;
  /** 单位账号 (公积金) */
  housingFundAccount?: string;
  /** 开户行 / 户名 / 账号 */
  bank?: { name?: string; accountName?: string; accountNo?: string };
}

/** Matter 4 columns. Ratios are percentages as written on the form: 12 means 12 %. */
export interface HousingFundRow {
  /** 月缴存基数, 元 */
  base: number;
  /** Column 12, 单位 */
  unitRatio: number;
  /** Column 12, 个人 */
  personalRatio: number;
}

export interface EmployeeRow {
  /** Server-issued identifier of the row in a draft; kept through validation. */
  key?: string;
  /** Default 'resident'. */
  idType?: IdType;
  /** Column 1 */
  idNumber: string;
  /** Column 2 */
  name: string;
  /** Column 3, GB 3304 code */
  ethnicity: string;
  /** Column 4 */
  gender: GenderCode;
  /** Column 5 */
  hukouType: HukouType;
  /** Column 6 */
  hukouAddress: string;
  /** Column 7 */
  phone: string;
  /** Column 8 */
  address: string;
  /** Needed only for documents that do not encode the birth date (passports, permits). */
  birthDate?: IsoDate;
  /** Column 9, matters 2-3: the second month's wage for a first job, the first month's for a transfer. */
  wage?: number;
  /** Column 10, matters 2-3: the month contributions start for this job. */
  insuredFrom?: IsoMonth;
  /** Column 11: the contract's start is taken as the hiring date. */
  contract?: ContractPeriod;
  /** Matters 2-3 */
  insuranceTypes?: InsuranceType[];
  /** Matter 4 */
  housingFund?: HousingFundRow;
  /** Matter 1: 职业(工种), 学历 (GB/T 4658 code), 工作地址 */
  occupation?: string;
  education?: string;
  workAddress?: string;
  /** 备注 */
  remark?: string;
}

/** Columns describing the job rather than the person: the same for hires who join together. */
export const JOB_COLUMNS = [
  'wage',
  'insuredFrom',
  'contract',
  'insuranceTypes',
  'housingFund',
  'occupation',
  'education',
  'workAddress',
] as const satisfies readonly (keyof EmployeeRow)[];

export interface Application {
  matters: MatterCode[];
  unit: UnitPart;
  employees: EmployeeRow[];
  /** A unit-level request, though it sits beside the matters: it only exists with matter 4. Default 'none'. */
  housingFundRelief?: HousingFundRelief;
}

/** The form's three checkboxes; matters 2 and 3 share one. */
export const FORM_CHECKBOXES: readonly { label: string; matters: readonly MatterCode[] }[] = [
  { label: '社保、医保账户设立和社会保险费申报', matters: ['socialInsurance', 'medicalInsurance'] },
  { label: '用人单位招用人员登记', matters: ['employment'] },
  { label: '公积金个人账户设立', matters: ['housingFund'] },
];

/** Chinese names of the fields, for messages and for pointing at a cell of the form. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  // An issue about the input as a whole (not an object at all) has the empty path.
  '': '申请表',
  matters: '办事项目',
  'unit.name': '单位名称',
  'unit.uscc': '统一社会信用代码',
  'unit.applicationDate': '申请日期',
  'unit.operator.name': '单位经办人姓名',
  'unit.operator.idNumber': '单位经办人身份证号',
  'unit.operator.phone': '单位经办人联系电话',
  'unit.address': '单位地址',
  'unit.countyCode': '单位所在县（市、区）',
  'unit.firstApplication': '是否首次办理',
  'unit.socialInsuranceFirst': '首次办理社保登记',
  'unit.housingFundFirst': '首次办理公积金缴存登记',
  'unit.socialInsuranceCode': '单位编码（社保）',
  'unit.housingFundAccount': '单位账号（公积金）',
  'unit.bank.name': '开户行',
  'unit.bank.accountName': '户名',
  'unit.bank.accountNo': '账号',
  housingFundRelief: '缓缴/降缴',
  employees: '员工名单',
  idType: '证件类型',
  idNumber: '身份证号码',
  name: '姓名',
  ethnicity: '民族',
  gender: '性别',
  hukouType: '户口性质',
  hukouAddress: '户籍地址',
  phone: '手机号码',
  address: '通讯地址',
  birthDate: '出生日期',
  wage: '申报工资',
  insuredFrom: '本次参保时间',
  contract: '劳动合同起止时间',
  'contract.start': '劳动合同起始日期',
  'contract.end': '劳动合同终止日期',
  insuranceTypes: '险种',
  housingFund: '公积金缴存信息',
  'housingFund.base': '月缴存基数',
  'housingFund.unitRatio': '单位缴存比例',
  'housingFund.personalRatio': '个人缴存比例',
  occupation: '职业（工种）',
  education: '学历',
  workAddress: '工作地址',
  remark: '备注',
};

/**
 * "第2位员工 手机号码" for "employees[1].phone", "单位地址" for "unit.address": where on the form an
 * issue is, in words.
 */
export function describePath(path: string): string {
  const row = /^employees\[(\d+)\]\.?(.*)$/.exec(path);
  if (row) {
    const field = row[2].replace(/\[\d+\]$/, '');
    const label = field ? (FIELD_LABELS[field] ?? field) : '';
    return `第${Number(row[1]) + 1}位员工${label ? ` ${label}` : ''}`;
  }
  return FIELD_LABELS[path] ?? path;
}

export function hasMatter(matters: readonly MatterCode[], ...codes: MatterCode[]): boolean {
  return codes.some((code) => matters.includes(code));
}

/** Which optional columns a row needs for the chosen matters (columns 1-8 are always required). */
export function employeeFieldsFor(matters: readonly MatterCode[]): (keyof EmployeeRow)[] {
  return requiredRowFields(matters);
}
