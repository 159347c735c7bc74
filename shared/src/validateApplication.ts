// Checks a whole joint application and reports every problem at once (一次性告知): errors block
// submission, warnings are shown but do not. It also returns what the form computes rather than asks
// for: contribution bases after clamping, the housing fund amounts, and the deadlines the law sets.
import * as yup from 'yup';
import type { EmployeeRow, Application } from './application';
import { hasMatter } from './application';
import { assessAge } from './age';
import { HUKOU_TYPES, ID_TYPES, INSURANCE_TYPES, labelOf } from './codes';
import { insuranceRuleOf } from './matterFields';
import type { GenderCode, MatterCode } from './codes';
import type { ClampedBase, HousingFundAmounts } from './contributions';
import { beyondReference, housingFundAmounts, housingFundBase, socialInsuranceBase } from './contributions';
import type { IsoDate } from './dates';
import { addDays, addMonths, formatFormDate, isRealDate, monthOf } from './dates';
import { checkDocumentNumber, documentTypesForHukou } from './documents';
import type { RuleConfig } from './ruleConfig';
import { DEFAULT_RULE_CONFIGS, RuleConfigError, placeholderFigures, resolveRuleConfig } from './ruleConfig';
import { applicationHeaderSchemaFor, applicationSchemaFor, employeeSchemaFor } from './schema';
import { fastRowChecker } from './employeeFastPath';
import { checkBounds } from './bounds';
import type { SchemaContext } from './schema';
import { validateUscc } from './uscc';

export interface Issue {
  /** Where on the form, e.g. "employees[2].phone"; see describePath. */
  path: string;
  /** Stable identifier for programs, e.g. "required", "gender-mismatch". */
  code: string;
  /** What to tell the user, in Chinese. */
  message: string;
}

export interface EmployeeComputed {
  birthDate?: IsoDate;
  age?: number;
  /** The contract's start, or the application date when the row has no contract period. */
  hireDate: IsoDate;
  /** Registration with 社保 / 医保 / 公积金 is due by this date. */
  registrationDueBy: IsoDate;
  socialInsuranceBase?: ClampedBase;
  housingFundBase?: ClampedBase;
  housingFund?: HousingFundAmounts;
}

export interface ApplicationValidation {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** Trimmed and normalized input with columns the chosen matters do not use removed. */
  value: Application;
  computed: {
    configVersion: string;
    /** Figures that are placeholders in the configuration used: for staff, never for applicants. */
    placeholderFigures: string[];
    /** For 缓缴/降缴: when the materials are due at the 公积金 branch. */
    reliefMaterialsDueBy?: IsoDate;
    employees: EmployeeComputed[];
  };
}

/** The wizard's steps; validating one step reports only the issues on it. */
export type ValidationStep = 'unit' | 'matters' | 'employees';

export interface ValidateOptions {
  /** Today's date in China (todayInChina()); passed in so that results are reproducible. */
  today: IsoDate;
  configs?: readonly RuleConfig[];
  step?: ValidationStep;
}

const STEP_OF_ROOT: Record<string, ValidationStep> = {
  unit: 'unit',
  matters: 'matters',
  housingFundRelief: 'matters',
  employees: 'employees',
};

/** The wizard step an issue's path belongs to. */
export function stepOf(path: string): ValidationStep | undefined {
  return STEP_OF_ROOT[/^[A-Za-z]+/.exec(path)?.[0] ?? ''];
}

/** Materials a 缓缴/降缴 applicant must bring (填表说明 7). */
export const RELIEF_MATERIALS: readonly string[] = [
  '住房公积金降低缴存比例和缓缴申请（加盖公章）',
  '缴存住房公积金确有困难的证明材料（单位财务报表、工资报表、第三方审计报告或有关部门核定为困难单位的证明等）',
  '职代会（工会）决议或决定',
];

function collectSchemaErrors(error: unknown): Issue[] {
  if (!(error instanceof yup.ValidationError)) throw error;
  const leaves = error.inner.length > 0 ? error.inner : [error];
  return leaves.map((leaf) => ({
    path: leaf.path ?? '',
    code: stableCode(leaf.type),
    message: leaf.errors[0],
  }));
}

/** yup names a missing value after its internal check ("optionality", "nullable"); callers want one name. */
function stableCode(type: string | undefined): string {
  if (type === undefined) return 'invalid';
  return type === 'optionality' || type === 'nullable' ? 'required' : type;
}

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** Keys that would reach Object.prototype's methods; yup calls toString/valueOf while casting. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'toJSON']);
/** The deepest field is employees[i].housingFund.base; anything deeper is garbage to report, not walk. */
const MAX_DEPTH = 6;
/** One row more than the schema allows, so that "too many employees" is still reported. */
const MAX_ITEMS = 501;

function plainCopy(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    return value.slice(0, MAX_ITEMS).map((item: unknown) => plainCopy(item, depth + 1));
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    // JSON clients send null for a field left empty; it means the same as leaving the field out.
    if (!UNSAFE_KEYS.has(key) && field !== null) copy[key] = plainCopy(field, depth + 1);
  }
  return copy;
}

/**
 * JSON-shaped data only: plain objects, arrays, strings, numbers, booleans and null (a null field is
 * left out, as not filled in; a null contract end is an open-ended contract either way). Whatever arrives
 * (a client's object with getters, a body with "toString": 1, a cycle) is judged as this copy, so that
 * yup's casts cannot throw on it. Depth and length limits keep garbage from costing time.
 */
export function toPlainData(value: unknown): unknown {
  try {
    return plainCopy(value, 0);
  } catch {
    // a throwing getter or a proxy: nothing in it can be trusted
    return undefined;
  }
}

/** The normalized value where yup can produce one; malformed parts stay as they were (errors say why). */
function castLeniently(schema: yup.AnySchema, input: unknown, context: SchemaContext): unknown {
  try {
    return schema.cast(input, { context, assert: false, stripUnknown: true });
  } catch {
    return input;
  }
}

/** The rules in force on `date`; a date before any rules is reported and judged by today's. */
function configOn(
  date: IsoDate,
  today: IsoDate,
  configs: readonly RuleConfig[],
  errors: Issue[],
): RuleConfig {
  try {
    return resolveRuleConfig(date, configs);
  } catch (error) {
    if (!(error instanceof RuleConfigError)) throw error;
    errors.push({
      path: 'unit.applicationDate',
      code: 'too-early',
      message: '申请日期过早，请填写实际申请日期',
    });
    return resolveRuleConfig(today, configs);
  }
}

/** A field is usable when neither it nor anything inside it (a.b, a[0]) failed the schema. */
function fieldCheck(errors: readonly Issue[]): (path: string) => boolean {
  const invalid = new Set(errors.map((issue) => issue.path));
  if (invalid.size === 0) return () => true;
  return (path) =>
    !invalid.has(path) && ![...invalid].some((p) => p.startsWith(`${path}.`) || p.startsWith(`${path}[`));
}

/** The MAX_ITEMS above is one more than the schema allows, so that the schema reports it. */
const MAX_EMPLOYEES = MAX_ITEMS - 1;

/**
 * The validated value when the application is clean: every row passes the fast row check and the rest
 * passes yup. Null when anything is not: then the whole form goes through yup, which reports the errors.
 */
function cleanApplication(
  input: object,
  matters: readonly MatterCode[],
  context: SchemaContext,
): Application | null {
  const employees = (input as { employees?: unknown }).employees;
  if (!Array.isArray(employees) || employees.length < 1 || employees.length > MAX_EMPLOYEES) return null;
  const check = fastRowChecker(matters, context.config);
  const rows: EmployeeRow[] = [];
  for (const row of employees) {
    const clean = check(row);
    if (!clean) return null;
    rows.push(clean);
  }
  try {
    const header = applicationHeaderSchemaFor(matters).validateSync(input, {
      abortEarly: false,
      context,
      stripUnknown: true,
    }) as Application;
    return { ...header, employees: rows };
  } catch (error) {
    if (error instanceof yup.ValidationError) return null;
    throw error;
  }
}

export function validateApplication(untrusted: unknown, options: ValidateOptions): ApplicationValidation {
  const plain = toPlainData(untrusted);
  const shapeOk = isObject(plain) && !Array.isArray(plain);
  const input = shapeOk ? plain : {};
  const raw = input as Partial<Application>;
  const matters: MatterCode[] = Array.isArray(raw.matters) ? raw.matters : [];
  const rawDate = isObject(raw.unit) ? raw.unit.applicationDate : undefined;
  const applicationDate = typeof rawDate === 'string' && isRealDate(rawDate) ? rawDate : options.today;
  const configs = options.configs ?? DEFAULT_RULE_CONFIGS;
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  if (!shapeOk) errors.push({ path: '', code: 'typeError', message: '申请表格式不正确' });
  const config = configOn(applicationDate, options.today, configs, errors);
  const context = { matters, config };

  // Sizes first: an oversized list is reported without validating its elements one by one.
  const oversized = shapeOk ? checkBounds(applicationSchemaFor(matters), input) : [];
  if (oversized.length) {
    errors.push(...oversized.map((issue) => ({ path: issue.path, code: 'max', message: issue.message })));
    return {
      ok: false,
      errors,
      warnings,
      value: {} as Application,
      computed: {
        configVersion: config.version,
        placeholderFigures: placeholderFigures(config),
        employees: [],
      },
    };
  }
  let value: Application;
  const clean = cleanApplication(input, matters, context);
  if (clean) value = clean;
  else
    try {
      value = applicationSchemaFor(matters).validateSync(input, {
        abortEarly: false,
        context,
        stripUnknown: true,
      }) as Application;
    } catch (error) {
      errors.push(...collectSchemaErrors(error));
      const cast = castLeniently(applicationSchemaFor(matters), input, context);
      value = (isObject(cast) ? cast : {}) as Application;
    }
  const fieldOk = fieldCheck(errors);

  if (fieldOk('unit.uscc') && value.unit?.uscc) {
    const uscc = validateUscc(value.unit.uscc);
    if (uscc.valid && !uscc.checkDigitOk) {
      warnings.push({
        path: 'unit.uscc',
        code: 'uscc-check-digit',
        message: '统一社会信用代码校验位不符，请先核对是否输错；如确为早期赋码可继续提交，窗口将人工核对',
      });
    }
  }
  if (fieldOk('unit.applicationDate') && applicationDate > options.today) {
    errors.push({ path: 'unit.applicationDate', code: 'future-date', message: '申请日期不能晚于今天' });
  }

  let reliefMaterialsDueBy: IsoDate | undefined;
  const relief = fieldOk('housingFundRelief') ? value.housingFundRelief : undefined;
  if (relief === 'defer' || relief === 'reduce') {
    reliefMaterialsDueBy = addMonths(applicationDate, config.deadlines.reliefMaterialsMonths);
    const materials = RELIEF_MATERIALS.map((m, i) => `（${i + 1}）${m}`).join('；');
    warnings.push({
      path: 'housingFundRelief',
      code: 'relief-materials',
      message: `申请${relief === 'defer' ? '缓缴' : '降缴'}的单位须在 ${formatFormDate(reliefMaterialsDueBy)} 前将以下材料提交至公积金分中心：${materials}`,
    });
  }

  // The date the checks used, so that a stored application says which day it was judged on.
  if (isObject(value.unit) && value.unit.applicationDate === undefined) {
    value.unit.applicationDate = applicationDate;
  }

  const employees = Array.isArray(value.employees) ? value.employees : [];
  const seenIds = new Map<string, number>();
  const computed = employees.map((row, index) =>
    checkEmployee(isObject(row) ? row : ({} as EmployeeRow), index, {
      matters,
      config,
      applicationDate,
      countyCode: fieldOk('unit.countyCode') ? value.unit?.countyCode : undefined,
      fieldOk: (field) => fieldOk(`employees[${index}].${field}`),
      seenIds,
      errors,
      warnings,
    }),
  );

  const onStep = (issue: Issue) => !options.step || stepOf(issue.path) === options.step;
  const stepErrors = errors.filter(onStep);
  return {
    ok: stepErrors.length === 0,
    errors: stepErrors,
    warnings: warnings.filter(onStep),
    value,
    computed: {
      configVersion: config.version,
      placeholderFigures: placeholderFigures(config),
      reliefMaterialsDueBy,
      employees: computed,
    },
  };
}

/** What the wizard needs to show for one step or one row. */
export interface IssueReport {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
}

/** The issues of one wizard step only; the other steps' problems do not block it. */
export function validateStep(
  input: unknown,
  step: ValidationStep,
  options: Omit<ValidateOptions, 'step'>,
): IssueReport {
  const { ok, errors, warnings } = validateApplication(input, { ...options, step });
  return { ok, errors, warnings };
}

export interface EmployeeValidateOptions {
  today: IsoDate;
  /** The matters chosen on the matters step: they decide which columns are required. */
  matters: readonly MatterCode[];
  /** The row's position, for paths like employees[3].phone; default 0. */
  index?: number;
  configs?: readonly RuleConfig[];
  /** From the unit step when known: the hire-date fallback and the minimum wage zone. */
  applicationDate?: IsoDate;
  countyCode?: string;
}

/**
 * One employee row as the user fills it in: the same rules as validateApplication except those across
 * rows (duplicates). Never throws. `computed` gives the clamped bases and housing fund amounts to show.
 */
export function validateEmployee(
  employee: unknown,
  options: EmployeeValidateOptions,
): IssueReport & { computed: EmployeeComputed } {
  const index =
    Number.isInteger(options.index) && (options.index as number) >= 0 ? (options.index as number) : 0;
  const prefix = `employees[${index}]`;
  const matters = Array.isArray(options.matters) ? options.matters : [];
  const date = options.applicationDate;
  const applicationDate = typeof date === 'string' && isRealDate(date) ? date : options.today;
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const config = configOn(applicationDate, options.today, options.configs ?? DEFAULT_RULE_CONFIGS, []);
  const context = { matters, config };
  const schema = employeeSchemaFor(matters);
  const input = toPlainData(employee);
  let row: unknown;
  try {
    row = schema.validateSync(input, { abortEarly: false, context, stripUnknown: true });
  } catch (error) {
    for (const issue of collectSchemaErrors(error)) {
      errors.push({ ...issue, path: issue.path ? `${prefix}.${issue.path}` : prefix });
    }
    row = castLeniently(schema, input, context);
  }
  const fieldOk = fieldCheck(errors);
  const rowOk = !errors.some((issue) => issue.path === prefix);
  const computed = checkEmployee((isObject(row) ? row : {}) as EmployeeRow, index, {
    matters,
    config,
    applicationDate,
    countyCode: typeof options.countyCode === 'string' ? options.countyCode : undefined,
    fieldOk: (field) => rowOk && fieldOk(`${prefix}.${field}`),
    seenIds: new Map(),
    errors,
    warnings,
  });
  return { ok: errors.length === 0, errors, warnings, computed };
}

interface RowContext {
  matters: readonly MatterCode[];
  config: RuleConfig;
  applicationDate: IsoDate;
  countyCode?: string;
  fieldOk: (field: string) => boolean;
  seenIds: Map<string, number>;
  errors: Issue[];
  warnings: Issue[];
}

function checkEmployee(row: EmployeeRow, index: number, ctx: RowContext): EmployeeComputed {
  const { matters, config, fieldOk } = ctx;
  const at = (field: string) => `employees[${index}].${field}`;
  const error = (field: string, code: string, message: string) =>
    ctx.errors.push({ path: at(field), code, message });
  const warn = (field: string, code: string, message: string) =>
    ctx.warnings.push({ path: at(field), code, message });

  const idType = row.idType ?? 'resident';
  const documentOk = fieldOk('idType') && fieldOk('idNumber');
  const document = documentOk ? checkDocumentNumber(idType, row.idNumber) : undefined;

  if (document?.number) {
    const key = `${idType}:${document.number}`;
    const earlier = ctx.seenIds.get(key);
    if (earlier === undefined) ctx.seenIds.set(key, index);
    else error('idNumber', 'duplicate', `与第${earlier + 1}位员工的证件号码重复`);
  }

  if (fieldOk('idType') && fieldOk('hukouType')) {
    const allowed = documentTypesForHukou(row.hukouType);
    if (!allowed.includes(idType)) {
      error(
        'idType',
        'hukou-document',
        `户口性质为“${labelOf(HUKOU_TYPES, row.hukouType)}”的员工应使用${allowed.map((t) => labelOf(ID_TYPES, t)).join('或')}`,
      );
    }
  }

  let gender: GenderCode | undefined = fieldOk('gender') ? row.gender : undefined;
  if (document?.gender && gender && document.gender !== gender) {
    error('gender', 'gender-mismatch', '性别与身份证号码不一致');
    gender = document.gender;
  }

  let birthDate: IsoDate | undefined = document?.birthDate;
  const typedBirthDate = fieldOk('birthDate') ? row.birthDate : undefined;
  if (birthDate && typedBirthDate && typedBirthDate !== birthDate) {
    error('birthDate', 'birth-date-mismatch', '出生日期与证件号码不一致');
  } else if (!birthDate && typedBirthDate) {
    birthDate = typedBirthDate;
  } else if (!birthDate && document?.valid && fieldOk('birthDate')) {
    error('birthDate', 'required', '该证件不含出生日期，请填写出生日期');
  }

  const contract = fieldOk('contract') ? row.contract : undefined;
  const hireDate = contract?.start ?? ctx.applicationDate;
  const registrationDueBy = addDays(hireDate, config.deadlines.registrationDays);
  const result: EmployeeComputed = { hireDate, registrationDueBy, birthDate };

  if (contract && contract.end != null && contract.end <= contract.start) {
    error('contract.end', 'contract-order', '劳动合同终止日期应晚于起始日期');
  }

  if (birthDate) {
    // A resident ID number carries the gender, so retirement can be judged before 性别 is chosen too.
    const age = assessAge(birthDate, gender ?? document?.gender, hireDate, config.age, config.retirement);
    result.age = age.age;
    const ageField = document?.birthDate ? 'idNumber' : 'birthDate';
    if (age.kind === 'underage') {
      error(ageField, 'underage', `该员工入职时未满 ${config.age.minimumHiring} 周岁，依法不得招用`);
    } else if (age.kind === 'minor') {
      warn(
        ageField,
        'minor',
        `该员工未满 ${config.age.adult} 周岁，属未成年工，须按未成年工特殊保护规定安排工作并定期进行健康检查`,
      );
    } else if (age.kind === 'pastRetirement') {
      warn(
        ageField,
        'past-retirement',
        `该员工已于 ${formatFormDate(age.retirementDate)} 达到法定退休年龄，申请将转人工复核`,
      );
    }
  }

  if (
    hasMatter(matters, 'socialInsurance', 'medicalInsurance', 'housingFund') &&
    ctx.applicationDate > registrationDueBy
  ) {
    warn(
      contract ? 'contract.start' : 'idNumber',
      'late-registration',
      `入职已超过 ${config.deadlines.registrationDays} 天（应于 ${formatFormDate(registrationDueBy)} 前办理），社保、公积金登记已逾期，请尽快提交`,
    );
  }

  if (fieldOk('insuredFrom') && row.insuredFrom && contract && row.insuredFrom < monthOf(contract.start)) {
    error('insuredFrom', 'insured-before-hire', '本次参保时间不能早于劳动合同起始月份');
  }

  if (fieldOk('insuranceTypes') && Array.isArray(row.insuranceTypes)) {
    checkInsuranceTypes(row, matters, error);
  }

  if (fieldOk('wage') && typeof row.wage === 'number') {
    result.socialInsuranceBase = socialInsuranceBase(row.wage, config);
    noticeClamp(result.socialInsuranceBase, '申报工资', '社会保险缴费基数', (kind, message) =>
      warn('wage', `wage-${kind}`, message),
    );
  }

  if (fieldOk('housingFund') && row.housingFund) {
    const { base: declaredBase, unitRatio, personalRatio } = row.housingFund;
    const base = housingFundBase(declaredBase, config, ctx.countyCode);
    result.housingFundBase = base;
    noticeClamp(base, '月缴存基数', '住房公积金月缴存基数', (kind, message) =>
      warn('housingFund.base', `fund-base-${kind}`, message),
    );
    result.housingFund = housingFundAmounts(base.base, unitRatio, personalRatio);
  }
  return result;
}

function checkInsuranceTypes(
  row: EmployeeRow,
  matters: readonly MatterCode[],
  error: (field: string, code: string, message: string) => void,
): void {
  const chosen = INSURANCE_TYPES.filter((type) => row.insuranceTypes?.includes(type.code));
  const stray = chosen.filter((type) => !matters.includes(type.matter));
  if (stray.length > 0) {
    error(
      'insuranceTypes',
      'insurance-matter',
      `未勾选对应办事项目，不能选择：${stray.map((type) => type.label).join('、')}`,
    );
  }
  // Which types each agency needs at least one of is the agency's declaration (matterFields.ts).
  for (const matter of ['socialInsurance', 'medicalInsurance'] as const) {
    const rule = insuranceRuleOf(matter);
    if (!matters.includes(matter) || !rule) continue;
    if (chosen.some((type) => rule.anyOf.includes(type.code))) continue;
    const names = rule.anyOf.map((code) => labelOf(INSURANCE_TYPES, code)).join('、');
    error(
      'insuranceTypes',
      'insurance-missing',
      matter === 'socialInsurance'
        ? `办理社保参保登记须至少选择${names}中的一项`
        : `办理医保参保登记须选择${names}（生育、长期护理、大病补充医疗保险随其一并参保）`,
    );
  }
}

/**
 * The agency's expected base, as information: only when the limit that applies is an official figure (a
 * placeholder would mislead), and never changing what is sent, which is the declared figure.
 */
function noticeClamp(
  base: ClampedBase,
  declaredLabel: string,
  baseLabel: string,
  notify: (kind: 'clamped' | 'reference', message: string) => void,
) {
  if (base.clampedTo === 'floor') {
    notify('clamped', `${declaredLabel}低于${baseLabel}下限，将按下限 ${base.floor} 元申报`);
  } else if (base.clampedTo === 'cap') {
    notify('clamped', `${declaredLabel}高于${baseLabel}上限，将按上限 ${base.cap} 元申报`);
  }
  // A placeholder bound only informs: the declared value is what the agency receives.
  const beyond = beyondReference(base);
  if (beyond === 'floor') {
    notify(
      'reference',
      `${declaredLabel}低于${baseLabel}下限参考值 ${base.floor} 元（参考值），按申报值提交，以经办部门核定为准`,
    );
  } else if (beyond === 'cap') {
    notify(
      'reference',
      `${declaredLabel}高于${baseLabel}上限参考值 ${base.cap} 元（参考值），按申报值提交，以经办部门核定为准`,
    );
  }
}

/** Issues grouped by employee row (index), for a batch pre-check that exports the rows that failed. */
export function issuesByEmployee(issues: readonly Issue[]): Map<number, Issue[]> {
  const rows = new Map<number, Issue[]>();
  for (const issue of issues) {
    const match = /^employees\[(\d+)\]/.exec(issue.path);
    if (!match) continue;
    const index = Number(match[1]);
    rows.set(index, [...(rows.get(index) ?? []), issue]);
  }
  return rows;
}
