// The request body an agency accepts, validated with yup. Structural errors give 400 with a Chinese message;
// business problems (wrong name, ratio out of range …) are not here but in rules.ts, as returned reasons.
import * as yup from 'yup';
import { EDUCATION_LEVELS, ETHNICITIES, ID_TYPES, INSURANCE_TYPES, type MatterCode } from '@hiring/shared';

const DATE = /^\d{4}[-.]\d{2}[-.]\d{2}$/;
const MONTH = /^\d{4}[-.]\d{2}$/;

// Strict validation (no coercion): a bff that sends a wage as "4500" should hear about it here, not in production.
const text = (label: string, max = 200) =>
  yup
    .string()
    .typeError(`${label}必须是字符串`)
    .trim(`${label}不能有首尾空格`)
    .max(max, `${label}不能超过${max}个字符`);
const required = (label: string, max?: number) => text(label, max).required(`${label}不能为空`);
const positive = (label: string) =>
  yup.number().typeError(`${label}必须是数字`).required(`${label}不能为空`).positive(`${label}必须大于0`);

const unitSchema = yup
  .object()
  .typeError('单位信息必须是对象')
  .shape({
    uscc: required('统一社会信用代码', 18).matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '统一社会信用代码格式不正确'),
    name: required('单位名称', 100),
    address: text('单位地址'),
    socialInsuranceCode: text('社保单位编码', 32).nullable(),
    housingFundAccount: text('公积金单位账号', 32).nullable(),
  });

const baseEmployee = {
  idType: yup
    .string()
    .oneOf(
      ID_TYPES.map((t) => t.code),
      '证件类型不正确',
    )
    .default('resident'),
  idNumber: required('身份证号码', 32),
  name: required('姓名', 50),
  gender: yup.string().required('性别不能为空').oneOf(['1', '2'], '性别代码必须是 1（男）或 2（女）'),
  ethnicity: yup
    .string()
    .required('民族不能为空')
    .oneOf(
      ETHNICITIES.map((e) => e.code),
      '民族代码不在 GB 3304 代码表中',
    ),
  phone: required('手机号码', 11).matches(/^1[3-9]\d{9}$/, '手机号码格式不正确'),
  address: required('通讯地址'),
};

const contractSchema = yup
  .object()
  .typeError('劳动合同起止时间必须是对象')
  .shape({
    start: required('劳动合同起始日期', 10).matches(DATE, '劳动合同起始日期格式应为 YYYY-MM-DD'),
    end: text('劳动合同终止日期', 10).matches(DATE, '劳动合同终止日期格式应为 YYYY-MM-DD').nullable(),
  });

const insuranceFields = {
  wage: positive('申报工资'),
  insuredFrom: required('本次参保时间', 7).matches(MONTH, '本次参保时间格式应为 YYYY-MM'),
  insuranceTypes: yup
    .array()
    .typeError('险种必须是数组')
    .of(
      yup.string().oneOf(
        INSURANCE_TYPES.map((t) => t.code),
        '险种代码不正确',
      ),
    )
    .required('险种不能为空')
    .min(1, '至少选择一个险种'),
  contract: contractSchema.default(undefined),
};

const employee = (fields: yup.ObjectShape) => yup.object(fields).typeError('每名人员的信息必须是对象');

const employeeSchemas: Record<MatterCode, yup.ObjectSchema<object>> = {
  employment: employee({
    ...baseEmployee,
    occupation: required('职业（工种）', 50),
    education: yup
      .string()
      .required('学历不能为空')
      .oneOf(
        EDUCATION_LEVELS.map((e) => e.code),
        '学历代码不在 GB/T 4658 代码表中',
      ),
    workAddress: required('工作地址'),
    contract: contractSchema.required('劳动合同起止时间不能为空'),
  }),
  socialInsurance: employee({ ...baseEmployee, ...insuranceFields }),
  medicalInsurance: employee({ ...baseEmployee, ...insuranceFields }),
  housingFund: employee({
    ...baseEmployee,
    housingFund: yup
      .object()
      .typeError('公积金缴存信息必须是对象')
      .shape({
        base: positive('月缴存基数'),
        unitRatio: positive('单位缴存比例'),
        personalRatio: positive('个人缴存比例'),
      })
      .required('公积金缴存信息不能为空'),
  }),
};

export interface CaseEmployee {
  idType: string;
  idNumber: string;
  name: string;
  gender: '1' | '2';
  ethnicity: string;
  phone: string;
  address: string;
  wage?: number;
  insuredFrom?: string;
  insuranceTypes?: string[];
  contract?: { start: string; end?: string | null };
  occupation?: string;
  education?: string;
  workAddress?: string;
  housingFund?: { base: number; unitRatio: number; personalRatio: number };
}

export interface CaseBody {
  matter: MatterCode;
  applicationCode: string;
  unit: {
    uscc: string;
    name: string;
    address?: string;
    socialInsuranceCode?: string | null;
    housingFundAccount?: string | null;
  };
  employees: CaseEmployee[];
  /** The 经办人 as 公安 verified them, and under which authority they act for the unit (bff issue 13). */
  verifiedOperator?: {
    name: string;
    idNumber: string;
    verifiedAt: string;
    verifiedBy: string;
    authority: string;
  };
}

const caseSchemas = new Map<MatterCode, yup.AnyObjectSchema>();

function caseSchema(matter: MatterCode): yup.AnyObjectSchema {
  let schema = caseSchemas.get(matter);
  if (!schema) {
    schema = yup.object({
      matter: yup.string().required(),
      applicationCode: required('办件编码', 64),
      unit: unitSchema.required('单位信息不能为空'),
      employees: yup
        .array()
        .typeError('人员信息必须是数组')
        .of(employeeSchemas[matter])
        .required('人员信息不能为空')
        .min(1, '至少需要一名人员')
        .max(1000, '一次最多申报 1000 名人员'),
    });
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
    for (const employee of body.employees) employee.idType ??= 'resident';
    return { ok: true, body };
  } catch (error) {
    if (!(error instanceof yup.ValidationError)) throw error;
    const errors = error.inner.length
      ? error.inner.map((e) => ({ path: e.path ?? '', message: e.message }))
      : [{ path: error.path ?? '', message: error.message }];
    const shown = errors
      .slice(0, 5)
      .map((e) => (e.path ? `${e.path}：${e.message}` : e.message))
      .join('；');
    return { ok: false, message: `请求格式错误：${shown}${errors.length > 5 ? ' 等' : ''}`, errors };
  }
}
