// Field-by-field rules of the form as yup schemas, shared by the mini-program (as the user types) and the
// BFF (on submit). Which columns are required depends on the chosen matters, so the schemas are built per
// set of matters; the unit part and the ratio limits also read `{ matters, config }` from the validation
// context. Rules that compare fields or need computation live in validateApplication.ts.
import * as yup from 'yup';
import type { Application, EmployeeRow, UnitPart } from './application';
import { employeeFieldsFor } from './application';
import { ROW_CODE_LISTS, MATTERS, codesOf } from './codes';
import type { MatterCode } from './codes';
import { isRealDate } from './dates';
import { checkDocumentNumber, normalizeDocumentNumber } from './documents';
import { parseIdNumber } from './idNumber';
import { isContactPhone, isMainlandMobile, normalizeContactPhone, normalizeMobile } from './phone';
import type { RuleConfig } from './ruleConfig';
import { validateUscc } from './uscc';
import { yuanToFen } from './contributions';

export interface SchemaContext {
  matters: readonly MatterCode[];
  config: RuleConfig;
}

function mattersIn(value: unknown): readonly MatterCode[] {
  return Array.isArray(value) ? value : [];
}

const normalizeDocument = (value: unknown) =>
  typeof value === 'string' ? normalizeDocumentNumber(value) : value;
const normalizePhone = (value: unknown) => (typeof value === 'string' ? normalizeMobile(value) : value);
const normalizeContact = (value: unknown) =>
  typeof value === 'string' ? normalizeContactPhone(value) : value;
// yup's own .trim() and .uppercase() call the string method on whatever arrives and throw on an object
// or an array; these only touch strings and leave anything else for the type check to report.
const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);
const upperCased = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value);

/**
 * A string field with a Chinese type error. yup's default type message prints the whole value, which is
 * English and, for a huge string, takes seconds.
 */
const str = (label: string) => yup.string().typeError(`${label}格式不正确`);

/**
 * A value from a code list; any other input (including a non-string) gets the list's own message. Not
 * yup's oneOf, which resolves every allowed value on every check (58 民族 per row).
 */
const code = (label: string, codes: readonly string[], message: string) => {
  const allowed = new Set(codes);
  return str(label).test({
    name: 'oneOf',
    message,
    skipAbsent: true,
    test: (value) => allowed.has(value as string),
  });
};

const object = <S extends yup.ObjectShape>(label: string, shape: S) =>
  yup.object(shape).typeError(`${label}格式不正确`).nonNullable(`${label}格式不正确`);

const text = (label: string, max: number) =>
  str(label).transform(trimmed).required(`请填写${label}`).max(max, `${label}不能超过 ${max} 个字`);

const optionalText = (label: string, max: number) =>
  str(label)
    .transform(trimmed)
    .max(max, `${label}不能超过 ${max} 个字`)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

const isoDate = (label: string) =>
  str(label)
    .required(`请填写${label}`)
    .test('real-date', `${label}不是有效日期`, (value) => isRealDate(value));

const yuan = (label: string) =>
  yup
    .number()
    .typeError(`${label}应为金额`)
    .positive(`${label}应大于 0`)
    .test('fen', `${label}最多保留两位小数`, (value) => value === undefined || yuanToFen(value) !== null);

function percentInRange(this: yup.TestContext, value: number | undefined): boolean | yup.ValidationError {
  if (value === undefined) return true;
  const config = (this.options.context as SchemaContext | undefined)?.config;
  // A ratio range still marked 参考值 is shown, never enforced.
  if (!config || config.housingFund.ratioPlaceholder) return true;
  const { ratioMinPercent: min, ratioMaxPercent: max } = config.housingFund;
  return value >= min && value <= max
    ? true
    : this.createError({ message: `缴存比例应在 ${min}%-${max}% 之间` });
}

const percent = (label: string) =>
  yup
    .number()
    .typeError(`${label}应为数字`)
    .test('range', '', percentInRange)
    .test(
      'decimals',
      `${label}最多保留两位小数`,
      (value) => value === undefined || yuanToFen(value) !== null,
    );

/**
 * The row schema for one set of matters. Built per set rather than with yup's `when`, which re-resolves
 * and clones every conditional field of every row and made a 500-row check several times slower.
 */
function buildEmployeeSchema(matters: readonly MatterCode[]) {
  const needed = new Set(employeeFieldsFor(matters));
  /** Required when the chosen matters use the column, dropped from the value otherwise. */
  const forMatter = (field: keyof EmployeeRow, schema: yup.AnySchema, label: string) =>
    needed.has(field) ? (schema.required(`请填写${label}`) as yup.AnySchema) : yup.mixed().strip();
  const contract = object('劳动合同起止时间', {
    start: isoDate('劳动合同起始日期'),
    // Absent or null: an open-ended contract (无固定期限).
    end: str('劳动合同终止日期')
      .nullable()
      .optional()
      // '' is a fixed term whose end is not typed yet (the form's 无固定期限 box sets null).
      .test('filled', '请填写劳动合同终止日期，或勾选无固定期限', (value) => value !== '')
      .test(
        'real-date',
        '劳动合同终止日期不是有效日期',
        (value) => value == null || value === '' || isRealDate(value),
      ),
  }).default(undefined);

  return object('员工信息', {
    key: str('行标识').optional(),
    // Mainland hires are the usual case, so the form may leave the document type out.
    idType: code('证件类型', ID_TYPE_CODES, '证件类型不正确').default('resident'),
    idNumber: str('证件号码')
      .transform(normalizeDocument)
      .required('请填写证件号码')
      .test('document', '', function (value) {
        const idType = this.parent.idType;
        if (!ID_TYPE_CODES.includes(idType)) return true;
        if (checkDocumentNumber(idType, value).valid) return true;
        return this.createError({
          message: idType === 'resident' ? '身份证号码不正确，请核对出生日期和校验位' : '证件号码格式不正确',
        });
      }),
    name: text('姓名', 50),
    ethnicity: code('民族', codesOf(ROW_CODE_LISTS.ethnicity), '民族代码不正确').required('请选择民族'),
    gender: code('性别', codesOf(ROW_CODE_LISTS.gender), '性别不正确').required('请选择性别'),
    hukouType: code('户口性质', codesOf(ROW_CODE_LISTS.hukouType), '户口性质代码应为 1-8').required(
      '请选择户口性质',
    ),
    hukouAddress: text('户籍地址', 200),
    phone: str('手机号码')
      .transform(normalizePhone)
      .required('请填写手机号码')
      .test('mobile', '手机号码应为 11 位中国大陆手机号', (value) => isMainlandMobile(value)),
    address: text('通讯地址', 200),
    birthDate: str('出生日期')
      .optional()
      .test('real-date', '出生日期不是有效日期', (value) => value === undefined || isRealDate(value)),
    wage: forMatter('wage', yuan('申报工资'), '申报工资'),
    insuredFrom: forMatter(
      'insuredFrom',
      str('本次参保时间').matches(/^\d{4}-(0[1-9]|1[0-2])$/, '本次参保时间格式应为 YYYY.MM'),
      '本次参保时间',
    ),
    contract: needed.has('contract') ? contract.required('请填写劳动合同起止时间') : contract.optional(),
    insuranceTypes: forMatter(
      'insuranceTypes',
      yup
        .array(code('险种', codesOf(ROW_CODE_LISTS.insuranceTypes), '险种不正确').required('险种不正确'))
        .typeError('险种格式不正确')
        .min(1, '请至少选择一个险种')
        .max(ROW_CODE_LISTS.insuranceTypes.length, '险种重复或过多'),
      '险种',
    ),
    housingFund: forMatter(
      'housingFund',
      object('公积金缴存信息', {
        base: yuan('月缴存基数').required('请填写月缴存基数'),
        unitRatio: percent('单位缴存比例').required('请填写单位缴存比例'),
        personalRatio: percent('个人缴存比例').required('请填写个人缴存比例'),
      }).default(undefined),
      '公积金缴存信息',
    ),
    occupation: forMatter('occupation', text('职业（工种）', 50), '职业（工种）'),
    education: forMatter(
      'education',
      code('学历', codesOf(ROW_CODE_LISTS.education), '学历代码不正确'),
      '学历',
    ),
    workAddress: forMatter('workAddress', text('工作地址', 200), '工作地址'),
    remark: optionalText('备注', 500),
  });
}

const ID_TYPE_CODES = codesOf(ROW_CODE_LISTS.idType);

type EmployeeSchema = ReturnType<typeof buildEmployeeSchema>;

const MATTER_CODES = new Set<string>(codesOf(MATTERS));
/** Unknown codes (reported by the matters field) are left out so that input cannot grow the caches. */
const matterSetKey = (matters: readonly MatterCode[]) =>
  [...new Set(matters.filter((m) => MATTER_CODES.has(m)))].sort().join(',');

/** A schema built once per set of matters (there are only 16 sets), whatever order the codes come in. */
function perMatterSet<S>(build: (matters: readonly MatterCode[]) => S) {
  const built = new Map<string, S>();
  return (matters: readonly MatterCode[]): S => {
    const key = matterSetKey(matters);
    let schema = built.get(key);
    if (!schema) {
      schema = build(matters);
      built.set(key, schema);
    }
    return schema;
  };
}

/** The row schema for the chosen matters. */
export const employeeSchemaFor: (matters: readonly MatterCode[]) => EmployeeSchema =
  perMatterSet(buildEmployeeSchema);

const requiredByMatter = (
  label: string,
  message: string,
  perCode: 'socialInsuranceFirst' | 'housingFundFirst',
  needs: (matters: readonly MatterCode[]) => boolean,
) =>
  str(label)
    .transform(trimmed)
    // Only a unit known to have this code has one to give; a first or unstated one does not. 首次 is per
    // code (a unit may have a 公积金 account but no 社保 code), falling back to the unit-wide answer.
    .when(['firstApplication', perCode, '$matters'], ([first, firstForCode, matters], schema) =>
      (firstForCode ?? first) === false && needs(mattersIn(matters))
        ? schema.required(message)
        : schema.optional(),
    );

export const unitSchema = object('单位信息', {
  name: text('单位名称', 100),
  uscc: str('统一社会信用代码')
    .transform(trimmed)
    .transform(upperCased)
    .required('请填写统一社会信用代码')
    // A wrong check character only warns (some early codes have one); the format must be right.
    .test(
      'format',
      '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）',
      (value) => validateUscc(value).valid,
    ),
  // Not on the data shape: validateApplication uses today when it is missing.
  applicationDate: str('申请日期')
    .optional()
    .test('real-date', '申请日期不是有效日期', (value) => value === undefined || isRealDate(value)),
  operator: object('单位经办人信息', {
    name: text('单位经办人姓名', 50),
    idNumber: str('单位经办人身份证号')
      .transform(normalizeDocument)
      .required('请填写单位经办人身份证号')
      .test('id', '单位经办人身份证号不正确', (value) => parseIdNumber(value) !== null),
    phone: str('单位经办人联系电话')
      .transform(normalizeContact)
      .required('请填写单位经办人联系电话')
      .test('phone', '联系电话应为 11 位手机号或带区号的固定电话（如 0793-8212345）', (value) =>
        isContactPhone(value),
      ),
  }),
  address: text('单位地址', 200),
  countyCode: str('县（市、区）代码')
    .optional()
    .matches(/^\d{6}$/, '县（市、区）代码应为 6 位数字'),
  firstApplication: yup.boolean().typeError('是否首次办理格式不正确').optional(),
  socialInsuranceFirst: yup.boolean().typeError('是否首次办理社保登记格式不正确').optional(),
  housingFundFirst: yup.boolean().typeError('是否首次办理公积金缴存登记格式不正确').optional(),
  socialInsuranceCode: requiredByMatter(
    '单位编码（社保）',
    '非首次办理社保、医保登记须填写单位编码（社保）',
    'socialInsuranceFirst',
    (matters) => matters.some((m) => m === 'socialInsurance' || m === 'medicalInsurance'),
  ),
  housingFundAccount: requiredByMatter(
    '单位账号（公积金）',
    '非首次办理公积金账户设立须填写单位账号（公积金）',
    'housingFundFirst',
    (matters) => matters.includes('housingFund'),
  ),
  bank: object('开户信息', {
    name: optionalText('开户行', 100),
    accountName: optionalText('户名', 100),
    accountNo: str('账号')
      .transform(trimmed)
      .optional()
      .matches(/^\d{6,32}$/, { message: '账号应为 6-32 位数字', excludeEmptyString: true }),
  })
    .default(undefined)
    .optional(),
});

function buildApplicationSchema(matters: readonly MatterCode[]) {
  return object('申请表', {
    matters: yup
      .array(code('办事项目', codesOf(MATTERS), '办事项目不正确').required('办事项目不正确'))
      .typeError('办事项目格式不正确')
      .required('请选择办事项目')
      .min(1, '请至少选择一个办事项目')
      .max(MATTERS.length, '办事项目重复或过多'),
    unit: unitSchema.required('请填写单位信息'),
    employees: yup
      .array(employeeSchemaFor(matters))
      .typeError('员工名单格式不正确')
      .required('请添加员工')
      .min(1, '请至少添加一位员工')
      .max(500, '一次最多申报 500 位员工'),
    housingFundRelief: code('缓缴/降缴', ['none', 'defer', 'reduce'], '缓缴/降缴选项不正确')
      .default('none')
      .test('needs-fund', '只有办理公积金账户设立时才能申请缓缴或降缴', function (value) {
        const matters = (this.options.context as SchemaContext | undefined)?.matters ?? [];
        // An unknown option is reported by oneOf alone.
        return value !== 'defer' && value !== 'reduce' ? true : matters.includes('housingFund');
      }),
  });
}

type ApplicationSchema = ReturnType<typeof buildApplicationSchema>;

/**
 * The whole-form schema for the chosen matters. Validate with `{ context: { matters, config } }`: the
 * unit part and the ratio limits read them from there.
 */
export const applicationSchemaFor: (matters: readonly MatterCode[]) => ApplicationSchema =
  perMatterSet(buildApplicationSchema);

/**
 * The whole-form schema with the employee list taken as it is: for validateApplication's fast path,
 * which checks the rows itself (employeeFastPath.ts) and lets yup judge them only when one is not clean.
 */
export const applicationHeaderSchemaFor: (matters: readonly MatterCode[]) => yup.AnyObjectSchema =
  perMatterSet(
    (matters) => applicationSchemaFor(matters).shape({ employees: yup.mixed() }) as yup.AnyObjectSchema,
  );

// The public types are written out in application.ts; these checks keep the schemas from drifting away.
type Assert<T extends true> = T;
export type _UnitKeysMatch = Assert<
  keyof yup.InferType<typeof unitSchema> extends keyof UnitPart ? true : false
>;
export type _RowKeysMatch = Assert<keyof EmployeeRow extends keyof EmployeeSchema['fields'] ? true : false>;
export type _AppKeysMatch = Assert<
  keyof Application extends keyof ApplicationSchema['fields'] ? true : false
>;
