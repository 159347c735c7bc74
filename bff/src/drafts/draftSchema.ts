// Structural schema of a draft: any field may still be missing (the wizard saves as the user types),
// but every field that is present has the right type and a bounded size, and nothing else is accepted.
// Completeness and the business rules are shared's validateApplication, run on validate and submit.
import * as yup from 'yup';
import { cleanString, strictNumber, strictObject } from '../http/validate';

const text = (max = 100) => cleanString().max(max, `最多 ${max} 个字符`);
const code = (max = 32) => cleanString().max(max, `最多 ${max} 个字符`);
const money = () => strictNumber().typeError('必须是数字').min(0, '不能为负数').max(10_000_000, '数额过大');
const percent = () => strictNumber().typeError('必须是数字').min(0, '不能为负数').max(100, '不能超过 100');

export const MATTER_CODES = ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'] as const;

export const draftEmployeeSchema = strictObject({
  idType: code(),
  idNumber: code(),
  name: text(50),
  ethnicity: code(4),
  gender: code(2),
  hukouType: code(2),
  hukouAddress: text(200),
  phone: code(20),
  address: text(200),
  birthDate: code(10),
  wage: money(),
  insuredFrom: code(7),
  contract: strictObject({ start: code(10), end: code(10).nullable() }).default(undefined),
  insuranceTypes: yup.array(code()).max(7),
  housingFund: strictObject({ base: money(), unitRatio: percent(), personalRatio: percent() }).default(
    undefined,
  ),
  occupation: text(50),
  education: code(4),
  workAddress: text(200),
  remark: text(500),
});

export const draftUnitSchema = strictObject({
  name: text(100),
  uscc: code(18),
  applicationDate: code(10),
  socialInsuranceCode: code(),
  housingFundAccount: code(),
  address: text(200),
  countyCode: code(6),
  firstApplication: yup.boolean(),
  operator: strictObject({ name: text(50), idNumber: code(), phone: code(20) }).default(undefined),
  bank: strictObject({ name: text(100), accountName: text(100), accountNo: code(40) }).default(undefined),
});

export const draftHeaderShape = {
  unit: draftUnitSchema.default(undefined),
  matters: yup
    .array(
      yup
        .string()
        .oneOf([...MATTER_CODES], '未知的办理事项')
        .required(),
    )
    .max(4)
    .test('unique', '办理事项重复', (list) => !list || new Set(list).size === list.length),
  housingFundRelief: yup.string().oneOf(['none', 'defer', 'reduce'], '缓缴/降缴选项无效'),
};

export const MAX_EMPLOYEES = 500;

/** A whole application as a draft holds it (used when creating a draft with content). */
export const draftApplicationSchema = strictObject({
  ...draftHeaderShape,
  employees: yup.array(draftEmployeeSchema).max(MAX_EMPLOYEES, `一次最多 ${MAX_EMPLOYEES} 名员工`),
});

export type DraftEmployee = yup.InferType<typeof draftEmployeeSchema> & { key: string };
export type DraftUnit = yup.InferType<typeof draftUnitSchema>;

export interface DraftApplication {
  unit?: DraftUnit;
  matters: (typeof MATTER_CODES)[number][];
  housingFundRelief?: 'none' | 'defer' | 'reduce';
  employees: DraftEmployee[];
}
