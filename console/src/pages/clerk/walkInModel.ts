// The walk-in application as the clerk types it: shared's Application (the same checks as the mini-program
// and the bff) plus what the window attests on paper — the unit's signed authorization for the operator and
// the original ID cards seen.
import {
  authorizationProblems,
  hireCardProblems,
  INSURANCE_TYPES,
  todayInChina,
  validateApplication,
  type Application,
  type EmployeeRow,
  type MatterCode,
  type ValidationStep,
  type WalkInAttestation,
} from '@hiring/shared';

export type Attestation = WalkInAttestation;

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

/** The step's problems: shared's validateApplication for that part of the form, plus the attestations. */
export function stepProblems(walkIn: WalkIn, step: number, today = todayInChina()): Problem[] {
  const { application, attestation } = walkIn;
  const validation = validateApplication(application, {
    today,
    ...(STEP_OF[step] ? { step: STEP_OF[step]! } : {}),
  });
  const problems: Problem[] = validation.errors.map((e) => ({ path: e.path, message: e.message }));
  if (step === 0 || step === 3) problems.push(...authorizationProblems(attestation, today));
  if (step === 2 || step === 3) {
    if (!application.employees.length) problems.push({ path: 'employees', message: '请至少录入一名员工' });
    problems.push(...hireCardProblems(attestation, application.employees.length));
  }
  return problems;
}

export const warningsOf = (application: Application, today = todayInChina()) =>
  validateApplication(application, { today }).warnings;
