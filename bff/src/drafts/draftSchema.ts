// Structural schema of a draft: any field may still be missing (the wizard saves as the user types),
// but every field that is present has the right type and a bounded size, and nothing else is accepted.
// Completeness and the business rules are shared's validateApplication, run on validate and submit.
import * as yup from 'yup';
import { MATTER_CODES, type MatterCode } from '@hiring/shared';
import { cleanString, objectIdSchema, strictNumber, strictObject } from '../http/validate';

const text = (max = 100) => cleanString().max(max, `最多 ${max} 个字符`);
const code = (max = 32) => cleanString().max(max, `最多 ${max} 个字符`);
const money = () => strictNumber().typeError('必须是数字').min(0, '不能为负数').max(10_000_000, '数额过大');
const percent = () => strictNumber().typeError('必须是数字').min(0, '不能为负数').max(100, '不能超过 100');

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
}).meta({
  name: 'DraftEmployee',
  description: '草稿中的员工：保存时任何字段都可以暂缺，但出现的字段必须类型正确、长度受限，不接受其他字段。',
});

export const employeeKeySchema = yup
  .string()
  .required()
  .matches(/^[0-9a-f]{12}$/, '员工编号格式不正确')
  .meta({ name: 'EmployeeKey', description: '服务端分配的员工编号' });

/** An employee as the draft stores and returns it: with the key the server gave the row. */
export const draftEmployeeWithKeySchema = draftEmployeeSchema
  .shape({ key: employeeKeySchema })
  .meta({ name: 'DraftEmployeeWithKey', description: '草稿中的员工，带服务端分配的 key' });

export const draftUnitSchema = strictObject({
  name: text(100),
  uscc: code(18),
  applicationDate: code(10),
  socialInsuranceCode: code(),
  housingFundAccount: code(),
  address: text(200),
  countyCode: code(6),
  firstApplication: yup.boolean(),
  socialInsuranceFirst: yup.boolean(),
  housingFundFirst: yup.boolean(),
  operator: strictObject({ name: text(50), idNumber: code(), phone: code(20) }).default(undefined),
  bank: strictObject({ name: text(100), accountName: text(100), accountNo: code(40) }).default(undefined),
}).meta({ name: 'DraftUnit' });

export const mattersSchema = yup
  .array(
    yup
      .string()
      .oneOf([...MATTER_CODES], '未知的办理事项')
      .required(),
  )
  .max(4)
  .test('unique', '办理事项重复', (list) => !list || new Set(list).size === list.length)
  .meta({ name: 'Matters', jsonSchema: { uniqueItems: true } });

export const housingFundReliefSchema = yup
  .string()
  .oneOf(['none', 'defer', 'reduce'], '缓缴/降缴选项无效')
  .meta({ name: 'HousingFundRelief', description: '缓缴/降缴：none 不申请 · defer 缓缴 · reduce 降缴' });

export const draftHeaderShape = {
  unit: draftUnitSchema.default(undefined),
  matters: mattersSchema,
  housingFundRelief: housingFundReliefSchema,
};

export const MAX_EMPLOYEES = 500;

/** A whole application as a draft holds it (used when creating a draft with content). */
export const draftApplicationSchema = strictObject({
  ...draftHeaderShape,
  employees: yup.array(draftEmployeeSchema).max(MAX_EMPLOYEES, `一次最多 ${MAX_EMPLOYEES} 名员工`),
}).meta({ name: 'DraftApplication' });

export type DraftEmployee = yup.InferType<typeof draftEmployeeSchema> & { key: string };
export type DraftUnit = yup.InferType<typeof draftUnitSchema>;

export interface DraftApplication {
  unit?: DraftUnit;
  matters: MatterCode[];
  housingFundRelief?: 'none' | 'defer' | 'reduce';
  employees: DraftEmployee[];
}

/** A draft as its owner reads it (full ID numbers and phones: it is theirs to edit). */
export const draftViewSchema = yup
  .object({
    id: objectIdSchema,
    version: yup.number().integer().min(1).required(),
    application: yup
      .object({
        unit: draftUnitSchema.default(undefined),
        matters: mattersSchema.required(),
        housingFundRelief: housingFundReliefSchema,
        employees: yup.array(draftEmployeeWithKeySchema).required(),
      })
      .required(),
    createdAt: yup.date().required(),
    updatedAt: yup.date().required(),
  })
  .meta({ name: 'Draft', description: '草稿详情（本人编辑用，返回完整的身份证号和手机号）。' });

export const draftSummarySchema = strictObject({
  id: objectIdSchema,
  version: yup.number().integer().min(1).required(),
  unitName: yup.string().required(),
  employeeCount: yup.number().integer().min(0).required(),
  matters: yup.array(yup.string().required()).required(),
  updatedAt: yup.date().required(),
}).meta({ name: 'DraftSummary', description: '草稿摘要（不含个人信息）' });
