// The walk-in application as the clerk types it: shared's Application (the same checks as the mini-program
// and the bff) plus what the window attests on paper — the unit's signed authorization for the operator and
// the original ID cards seen.
import {
  INSURANCE_TYPES,
  todayInChina,
  validateApplication,
  type Application,
  type EmployeeRow,
  type MatterCode,
  type ValidationStep,
} from '@hiring/shared';

export interface Attestation {
  /** 授权书编号 (the paper's reference) */
  reference: string;
  /** The authorization's last day. */
  expiresOn: string;
  paperAuthorizationSeen: boolean;
  operatorIdCardSeen: boolean;
  /** Per hire, in order: the original ID card was seen at the window. */
  hireIdCardsSeen: boolean[];
}

export interface WalkIn {
  step: number;
  application: Application;
  attestation: Attestation;
  /**
   * The Idempotency-Key of the 受理 attempt under way: kept (with the rest, across a reload) until the bff
   * gives a final answer, so a retry after a lost answer cannot file the application twice.
   */
  attemptKey?: string;
}

/** A fresh attempt key (getRandomValues: randomUUID needs a secure context, an intranet console may not be). */
export function newAttemptKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `walk-in-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Whether an error is the bff's final answer to an attempt (the next 提交 is a new attempt with a new
 * key) rather than one that may not have arrived or is still running (a retry must reuse the key).
 * ALREADY_SUBMITTED is final too, but the attempt it names stays taken: the key is kept.
 */
export function endsAttempt(error: unknown): boolean {
  const { status, code } = error as { status?: number; code?: string };
  if (status === undefined || status === 0 || status >= 500 || status === 401) return false;
  return code !== 'REQUEST_IN_PROGRESS' && code !== 'ALREADY_SUBMITTED';
}

export const STEPS = ['单位与授权', '办事项目', '员工信息', '核对提交'] as const;
const STEP_OF: readonly (ValidationStep | null)[] = ['unit', 'matters', 'employees', null];

export function newWalkIn(county: string | undefined): WalkIn {
  return {
    step: 0,
    application: {
      matters: ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'],
      unit: {
        name: '',
        uscc: '',
        address: '',
        countyCode: county,
        operator: { name: '', idNumber: '', phone: '' },
      },
      employees: [],
      housingFundRelief: 'none',
    },
    attestation: {
      reference: '',
      expiresOn: '',
      paperAuthorizationSeen: false,
      operatorIdCardSeen: false,
      hireIdCardsSeen: [],
    },
  };
}

export function newHire(matters: readonly MatterCode[]): EmployeeRow {
  return {
    idType: 'resident',
    idNumber: '',
    name: '',
    ethnicity: '',
    gender: '' as EmployeeRow['gender'],
    hukouType: '' as EmployeeRow['hukouType'],
    hukouAddress: '',
    phone: '',
    address: '',
    insuranceTypes: INSURANCE_TYPES.filter(
      (t) =>
        matters.includes(t.matter) &&
        ['pension', 'injury', 'unemployment', 'medical', 'maternity'].includes(t.code),
    ).map((t) => t.code),
  };
}

export interface Problem {
  path: string;
  message: string;
}

/** What the window must attest before the application is taken in (the bff records the same). */
export function attestationProblems(a: Attestation, today = todayInChina()): Problem[] {
  const problems: Problem[] = [];
  if (!a.reference.trim()) problems.push({ path: 'attestation.reference', message: '请填写纸质授权书编号' });
  if (!a.expiresOn) problems.push({ path: 'attestation.expiresOn', message: '请填写授权截止日期' });
  else if (a.expiresOn <= today)
    problems.push({ path: 'attestation.expiresOn', message: '授权截止日期应晚于今天' });
  if (!a.paperAuthorizationSeen)
    problems.push({
      path: 'attestation.paperAuthorizationSeen',
      message: '请核验加盖单位公章的纸质授权书原件后勾选',
    });
  if (!a.operatorIdCardSeen)
    problems.push({ path: 'attestation.operatorIdCardSeen', message: '请核验经办人身份证原件后勾选' });
  return problems;
}

/** The step's problems: shared's validateApplication for that part of the form, plus the attestations. */
export function stepProblems(walkIn: WalkIn, step: number, today = todayInChina()): Problem[] {
  const { application, attestation } = walkIn;
  const validation = validateApplication(application, {
    today,
    ...(STEP_OF[step] ? { step: STEP_OF[step]! } : {}),
  });
  const problems: Problem[] = validation.errors.map((e) => ({ path: e.path, message: e.message }));
  if (step === 0 || step === 3) problems.push(...attestationProblems(attestation, today));
  if (step === 2 || step === 3) {
    if (!application.employees.length) problems.push({ path: 'employees', message: '请至少录入一名员工' });
    application.employees.forEach((_, i) => {
      if (!attestation.hireIdCardsSeen[i])
        problems.push({ path: `attestation.hireIdCardsSeen[${i}]`, message: '请核验该员工身份证原件后勾选' });
    });
  }
  return problems;
}

export const warningsOf = (application: Application, today = todayInChina()) =>
  validateApplication(application, { today }).warnings;
