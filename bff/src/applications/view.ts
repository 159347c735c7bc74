// What the employer sees of an application: labels in Chinese, personal data masked except the query
// password (printed on the receipt, so the owner sees it), overdue flags computed from today's date.
import {
  MATTERS,
  MATTER_STATUSES,
  OVERALL_STATUSES,
  labelOf,
  overallStatus,
  timeLimitLabel,
  returnReasonOf,
  todayInChina,
  type MatterStatus,
} from '@hiring/shared';
import type { StoredResult } from '../dispatch/agencyResults';
import type { FieldCipher } from '../security/fieldCipher';
import { maskIdNumber } from '../security/mask';
import type { ApplicationDoc, MatterDoc } from './models';

export interface SealedApplication {
  form: {
    unit?: { name?: string };
    matters: string[];
    housingFundRelief?: string;
    employees: { key?: string; name?: string; idNumber?: string; [field: string]: unknown }[];
    [field: string]: unknown;
  };
  queryPassword: string;
  /** The 经办人 as verified when the application was filed (absent on applications filed before). */
  verifiedOperator?: VerifiedOperator;
  /** Hires a 补正 took out of a matter (row keys, per matter); the other matters keep them. */
  excluded?: Partial<Record<string, string[]>>;
}

/** What agencies receive of who filed a case: the verified holder and under which authority. */
export interface VerifiedOperator {
  name: string;
  idNumber: string;
  /** When 公安 confirmed the name and ID number. */
  verifiedAt: string;
  verifiedBy: 'police';
  authority: 'legalRepresentative' | 'appAuthorization' | 'paperAuthorization';
}

const statusLabel = (status: string) => labelOf(MATTER_STATUSES, status) ?? status;

export function isOverdue(matter: Pick<MatterDoc, 'status' | 'dueDate'>, today = todayInChina()): boolean {
  return (
    (matter.status === 'accepted' || matter.status === 'reviewing') &&
    !!matter.dueDate &&
    matter.dueDate < today
  );
}

export function overallOf(matters: Pick<MatterDoc, 'status'>[]) {
  const status = overallStatus(matters.map((m) => m.status as MatterStatus));
  return { status, statusLabel: labelOf(OVERALL_STATUSES, status) ?? status };
}

/** A kept result as the owner sees it: each hire's numbers beside their name. */
function resultView(
  sealed: string | null | undefined,
  cipher: FieldCipher | undefined,
  names: Map<string, string>,
) {
  if (!sealed || !cipher) return null;
  const result = cipher.decrypt<StoredResult>(sealed);
  return {
    unit: result.unit,
    employees: result.employees.map((e) => ({ ...e, name: names.get(e.employeeKey) ?? '' })),
    ...(result.contributionDeclaration ? { contributionDeclaration: result.contributionDeclaration } : {}),
    ...(result.relief ? { relief: result.relief } : {}),
  };
}

export function matterView(
  matter: MatterDoc,
  today = todayInChina(),
  sealedContext?: { cipher: FieldCipher; names: Map<string, string> },
) {
  const spec = MATTERS.find((m) => m.code === matter.matter);
  return {
    matter: matter.matter,
    label: spec?.label ?? matter.matter,
    agencyLabel: spec?.agencyLabel ?? matter.agency,
    timeLimit: spec ? timeLimitLabel(spec.workingDays) : '',
    status: matter.status,
    statusLabel: statusLabel(matter.status),
    attempt: matter.attempt,
    caseId: matter.caseId ?? null,
    dueDate: matter.dueDate ?? null,
    /** 'provisional': computed on a year without an official holiday notice, shown as 预计. */
    dueDateBasis: matter.dueDate ? (matter.dueDateBasis ?? 'official') : null,
    overdue: isOverdue(matter, today),
    reasons: (matter.reasons ?? []).map((r) => {
      const fix = returnReasonOf(r.code);
      return {
        code: r.code,
        message: r.message,
        employeeKey: r.employeeKey ?? null,
        // How the app lets the employer fix it (shared's RETURN_REASONS).
        fix: fix.fix,
        fields: [...fix.fields],
        droppable: fix.droppable,
        advice: fix.advice,
      };
    }),
    excludedEmployeeKeys: [] as string[],
    result: resultView(matter.result, sealedContext?.cipher, sealedContext?.names ?? new Map()),
    timeline: (matter.timeline ?? []).map((t) => ({
      at: t.at,
      status: t.status,
      statusLabel: statusLabel(t.status),
      note: t.note ?? null,
    })),
  };
}

type StoredApplication = ApplicationDoc & { _id: unknown };

export function applicationSummary(doc: Omit<StoredApplication, 'sealed'>) {
  return {
    id: String(doc._id),
    code: doc.code,
    unitName: doc.unitName ?? '',
    employeeCount: doc.employeeCount ?? 0,
    ...overallOf(doc.matters),
    overdueCount: doc.matters.filter((m) => isOverdue(m)).length,
    submittedAt: doc.submittedAt,
  };
}

/** 好差评 as stored on the application, or null while it is not rated. */
export function ratingView(doc: Pick<StoredApplication, 'rating'>) {
  const rating = doc.rating;
  return rating ? { score: rating.score, comment: rating.comment ?? '', ratedAt: rating.ratedAt } : null;
}

/** The employer may rate once, when every matter is 办结. */
export function isRateable(doc: Pick<StoredApplication, 'rating' | 'matters'>): boolean {
  return !doc.rating && overallOf(doc.matters).status === 'completed';
}

export function applicationDetail(doc: StoredApplication, cipher: FieldCipher) {
  const sealed = cipher.decrypt<SealedApplication>(doc.sealed);
  const names = new Map(sealed.form.employees.map((e) => [e.key ?? '', e.name ?? '']));
  return {
    ...applicationSummary(doc),
    rating: ratingView(doc),
    rateable: isRateable(doc),
    queryPassword: sealed.queryPassword,
    housingFundRelief: sealed.form.housingFundRelief ?? 'none',
    reliefDeadline: doc.reliefDeadline ?? null,
    employees: sealed.form.employees.map((e) => ({
      key: e.key ?? null,
      name: e.name ?? '',
      idNumber: maskIdNumber(e.idNumber) ?? '',
    })),
    matters: doc.matters.map((m) => ({
      ...matterView(m, undefined, { cipher, names }),
      excludedEmployeeKeys: sealed.excluded?.[m.matter] ?? [],
    })),
  };
}
