// The request body an agency accepts, derived from shared's per-matter declaration (MATTER_FIELDS), so the
// stand-in demands exactly what the form sends for that matter. Structural errors give 400 with a Chinese
// message naming the field; business problems (wrong name, ratio out of range …) are not here but in
// rules.ts, as returned reasons.
import { createHash } from 'node:crypto';
import * as yup from 'yup';
import { MATTER_FIELDS, type FieldDeclaration, type MatterCode } from '@hiring/shared';

export const FORM_DATE = /^\d{4}\.(0[1-9]|1[0-2])\.(0[1-9]|[12]\d|3[01])$/;
export const FORM_MONTH = /^\d{4}\.(0[1-9]|1[0-2])$/;
export const CONTRACT_PERIOD = /^\d{4}\.\d{2}\.\d{2}—(\d{4}\.\d{2}\.\d{2}|无固定期限)$/;
/** Most hires one case may carry. */
export const MAX_CASE_EMPLOYEES = 1000;
export const MAX_APPLICATION_CODE = 64;
/** 补正材料 one case may carry, each at most MAX_MATERIAL_BYTES. */
export const MAX_CASE_MATERIALS = 10;
export const MAX_MATERIAL_BYTES = 2 * 1024 * 1024;
export const MATERIAL_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

// Strict validation (no coercion): a bff that sends a wage as "4500" should hear about it here, not in production.
function fieldSchema(field: FieldDeclaration): yup.AnySchema {
  const { label } = field;
  const text = () =>
    yup
      .string()
      .typeError(`${label}必须是字符串`)
      .max(field.max ?? 200, `${label}不能超过${field.max ?? 200}个字符`);
  let schema: yup.AnySchema;
  switch (field.format) {
    case 'text':
      schema = text().trim(`${label}不能有首尾空格`);
      break;
    case 'code':
      schema = text();
      if (field.pattern)
        schema = (schema as yup.StringSchema).matches(new RegExp(field.pattern), `${label}格式不正确`);
      if (field.codes) schema = schema.oneOf([...field.codes], `${label}代码不正确`);
      break;
    case 'codes':
      schema = yup
        .array(yup.string().oneOf([...(field.codes ?? [])], `${label}代码不正确`))
        .typeError(`${label}必须是数组`)
        .min(1, `至少选择一个${label}`);
      break;
    case 'formDate':
      schema = text().matches(FORM_DATE, `${label}格式应为 YYYY.MM.DD`);
      break;
    case 'formMonth':
      schema = text().matches(FORM_MONTH, `${label}格式应为 YYYY.MM`);
      break;
    case 'contractPeriod':
      schema = text().matches(CONTRACT_PERIOD, `${label}格式应为 YYYY.MM.DD—YYYY.MM.DD`);
      break;
    case 'yuan':
    case 'percent':
      schema = yup.number().typeError(`${label}必须是数字`).positive(`${label}必须大于0`);
      break;
    case 'firstWithout':
      schema = yup.boolean().typeError(`${label}必须是布尔值`);
      break;
  }
  return field.required ? schema.required(`${label}不能为空`) : schema.optional();
}

/** Nested yup objects from the declaration's dotted agency paths ("unit.name", "employees[].phone"). */
function shapeOf(fields: readonly FieldDeclaration[], prefix: string): yup.ObjectShape {
  const shape: yup.ObjectShape = {};
  for (const field of fields) {
    if (!field.agency.startsWith(prefix)) continue;
    const name = field.agency.slice(prefix.length);
    if (name.includes('.')) throw new Error(`nested agency field not supported: ${field.agency}`);
    shape[name] = fieldSchema(field);
  }
  return shape;
}

export interface CaseEmployee {
  idType: string;
  idNumber: string;
  name: string;
  gender: '1' | '2';
  ethnicity: string;
  hukouType: string;
  hukouAddress: string;
  phone: string;
  address: string;
  birthDate?: string;
  remark?: string;
  declaredWage?: number;
  insuredFrom?: string;
  insuranceTypes?: string[];
  /** YYYY.MM.DD—YYYY.MM.DD or YYYY.MM.DD—无固定期限 */
  contractPeriod?: string;
  occupation?: string;
  education?: string;
  workAddress?: string;
  monthlyBase?: number;
  unitRatio?: number;
  personalRatio?: number;
}

/** A document the agency asked for (补正材料), sent with the case. */
export interface CaseMaterial {
  label: string;
  fileName: string;
  contentType: (typeof MATERIAL_TYPES)[number];
  size: number;
  sha256: string;
  /** The file, base64. */
  content: string;
}

export interface CaseBody {
  matter: MatterCode;
  applicationCode: string;
  unit: {
    uscc: string;
    name: string;
    address: string;
    applicationDate: string;
    operatorName: string;
    operatorIdNumber: string;
    operatorPhone: string;
    firstApplication?: boolean;
    socialInsuranceCode?: string;
    housingFundAccount?: string;
    bankName?: string;
    bankAccountName?: string;
    bankAccountNo?: string;
  };
  housingFundRelief?: 'none' | 'defer' | 'reduce';
  employees: CaseEmployee[];
  /** The 经办人 as 公安 verified them, and under which authority they act for the unit (bff issue 13). */
  verifiedOperator?: {
    name: string;
    idNumber: string;
    verifiedAt: string;
    verifiedBy: string;
    authority: string;
  };
  materials?: CaseMaterial[];
}

const materialSchema = yup
  .object({
    label: yup.string().required('材料名称不能为空').max(100, '材料名称不能超过100个字符'),
    fileName: yup.string().required('材料文件名不能为空').max(200, '材料文件名不能超过200个字符'),
    contentType: yup
      .string()
      .required()
      .oneOf([...MATERIAL_TYPES], '材料须为 PDF、JPG 或 PNG'),
    size: yup.number().integer().min(1).max(MAX_MATERIAL_BYTES, '每份材料不能超过 2 MB').required(),
    sha256: yup
      .string()
      .required()
      .matches(/^[0-9a-f]{64}$/, '材料校验值格式不正确'),
    content: yup
      .string()
      .required('材料内容不能为空')
      .max(Math.ceil(MAX_MATERIAL_BYTES / 3) * 4, '每份材料不能超过 2 MB')
      .matches(/^[A-Za-z0-9+/]*={0,2}$/, '材料内容须为 base64'),
  })
  .noUnknown(true, ({ unknown }) => `材料含有不收的字段：${unknown}`)
  .test('digest', '材料内容与其大小或校验值不符（传输中损坏）', (material) => {
    if (!material?.content) return true;
    const bytes = Buffer.from(material.content, 'base64');
    return (
      bytes.length === material.size && createHash('sha256').update(bytes).digest('hex') === material.sha256
    );
  });

const caseSchemas = new Map<MatterCode, yup.AnyObjectSchema>();

function caseSchema(matter: MatterCode): yup.AnyObjectSchema {
  let schema = caseSchemas.get(matter);
  if (!schema) {
    const { fields } = MATTER_FIELDS[matter];
    schema = yup
      .object({
        matter: yup.string().required(),
        applicationCode: yup
          .string()
          .required('办件编码不能为空')
          .max(MAX_APPLICATION_CODE, `办件编码不能超过${MAX_APPLICATION_CODE}个字符`),
        ...shapeOf(
          fields.filter((f) => !f.agency.includes('.')),
          '',
        ),
        unit: yup
          .object(shapeOf(fields, 'unit.'))
          .typeError('单位信息必须是对象')
          .noUnknown(true, ({ unknown }) => `单位信息含有本事项不收的字段：${unknown}`)
          .required('单位信息不能为空'),
        employees: yup
          .array()
          .typeError('人员信息必须是数组')
          .of(
            yup
              .object(shapeOf(fields, 'employees[].'))
              .typeError('每名人员的信息必须是对象')
              .noUnknown(true, ({ unknown }) => `人员信息含有本事项不收的字段：${unknown}`),
          )
          .required('人员信息不能为空')
          .min(1, '至少需要一名人员')
          .max(MAX_CASE_EMPLOYEES, `一次最多申报 ${MAX_CASE_EMPLOYEES} 名人员`),
        // Not a form field: who filed the case, as 公安 verified them (bff issue 13).
        verifiedOperator: yup
          .object({
            name: yup.string().max(50),
            idNumber: yup.string().max(32),
            verifiedAt: yup.string().max(40),
            verifiedBy: yup.string().max(20),
            authority: yup.string().max(40),
          })
          .default(undefined)
          .optional(),
        // Not a form field either: documents the agency asked for when it returned the case.
        materials: yup
          .array(materialSchema)
          .typeError('材料必须是数组')
          .max(MAX_CASE_MATERIALS, `一次最多提交 ${MAX_CASE_MATERIALS} 份材料`)
          .default(undefined)
          .optional(),
      })
      .noUnknown(true, ({ unknown }) => `含有本事项不收的字段：${unknown}`);
    caseSchemas.set(matter, schema);
  }
  return schema;
}

export type ParseResult =
  { ok: true; body: CaseBody } | { ok: false; message: string; errors: { path: string; message: string }[] };

export function parseCaseBody(raw: unknown, matters: readonly MatterCode[]): ParseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, message: '请求体必须是 JSON 对象', errors: [] };
  }
  const matter = (raw as { matter?: unknown }).matter;
  if (typeof matter !== 'string' || !matters.includes(matter as MatterCode)) {
    const message = `本机构只办理以下事项：${matters.join('、')}`;
    return { ok: false, message, errors: [{ path: 'matter', message }] };
  }
  const schema = caseSchema(matter as MatterCode);
  try {
    const body = schema.validateSync(raw, { abortEarly: false, strict: true }) as unknown as CaseBody;
    return { ok: true, body };
  } catch (error) {
    if (!(error instanceof yup.ValidationError)) throw error;
    const errors = error.inner.length
      ? error.inner.map((e) => ({ path: e.path ?? '', message: e.message }))
      : [{ path: error.path ?? '', message: error.message }];
    // The messages name the field in Chinese; the path stays in `errors` for programs.
    const shown = [...new Set(errors.map((e) => e.message))].slice(0, 5).join('；');
    return { ok: false, message: `请求格式错误：${shown}${errors.length > 5 ? ' 等' : ''}`, errors };
  }
}
