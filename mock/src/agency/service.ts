// One agency's behaviour, independent of HTTP: idempotent case intake, checks, review timing in scaled
// working days, operator decisions and the callbacks that report them.
import { createHash, randomBytes } from 'node:crypto';
import { addMonths, type MatterCode } from '@hiring/shared';
import { NO_FAULTS, type Faults } from '../http/faults';
import { createRng, hashToUint32, unitInterval, type Rng } from '../rng';
import { AGENCIES, type AgencyId, type AgencySpec } from './agencies';
import { CallbackSender, type CallbackPayload } from './callbacks';
import { chinaDate, dueDateAfter } from './calendar';
import { checkCase, ratioPercent, type Reason } from './rules';
import { parseCaseBody, type CaseBody } from './schema';
import type { World } from './world';

export type ReviewMode = 'auto' | 'manual';
export type CaseStatus = 'accepted' | 'reviewing' | 'completed' | 'returned';

export interface AgencyConfig {
  callbackUrl?: string;
  callbackSecret: string;
  reviewMode: ReviewMode;
  /** How long one working day lasts, in ms. */
  workingDayMs: number;
}

export interface Step {
  code: 'insuranceRegistration' | 'contributionDeclaration';
  label: string;
  status: 'completed' | 'returned' | 'notStarted';
}

export interface CaseRecord {
  caseId: string;
  idempotencyKey: string;
  matter: MatterCode;
  applicationCode: string;
  body: CaseBody;
  /** The request body exactly as it arrived, for round-trip checks (GET /_admin/cases/:caseId/received). */
  received: unknown;
  bodyHash: string;
  status: CaseStatus;
  /** What the automatic checks found; auto mode returns the case with these, an operator may overrule. */
  findings: Reason[];
  reasons?: Reason[];
  steps?: Step[];
  result?: Record<string, unknown>;
  receivedAt: string;
  receivedAtMs: number;
  /** Calendar due date (受理回执), or null for 即办 matters. */
  dueDate: string | null;
  /** When the case is due on the scaled clock. */
  dueAt: string | null;
  decidedAt?: string;
  decidedBy?: 'auto' | 'operator';
  sequence: number;
  response: { status: number; body: Record<string, unknown> };
}

export interface KeyCounts {
  /** POST /cases requests that carried the key (including duplicates, conflicts and invalid bodies). */
  deliveries: number;
  /** Requests answered from the stored first response. */
  duplicates: number;
  /** Cases registered under the key: 0 or 1, never more. */
  registrations: number;
  /** Requests that reused the key with a different body (422). */
  conflicts: number;
  /** Requests rejected as malformed (400). */
  invalid: number;
  /**
   * Status queries by key after the case was registered: its sender lost the answer to its delivery (a
   * process killed with the delivery in flight, a timeout) and asked instead of sending again.
   */
  recovered: number;
}

export type IntakeResult = { status: number; body: Record<string, unknown>; replayed: boolean };

export interface AgencyServiceOptions {
  agency: AgencyId;
  world: World;
  config: AgencyConfig;
  now?: () => number;
  /** Callback retry waits; attempts = length + 1. */
  callbackRetryDelaysMs?: number[];
}

/** What the agency decided so far (return reasons, steps, result): only the parts it has. */
function decisionOf(record: CaseRecord): Pick<CaseRecord, 'reasons' | 'steps' | 'result'> {
  return {
    ...(record.reasons ? { reasons: record.reasons } : {}),
    ...(record.steps ? { steps: record.steps } : {}),
    ...(record.result ? { result: record.result } : {}),
  };
}

export class AgencyService {
  readonly spec: AgencySpec;
  readonly config: AgencyConfig;
  readonly faults: Faults = { ...NO_FAULTS };
  readonly faultRng: Rng;
  readonly callbacks: CallbackSender;
  private readonly cases = new Map<string, CaseRecord>();
  private readonly byKey = new Map<string, CaseRecord>();
  private readonly counts = new Map<string, KeyCounts>();
  /** Registrations per person and matter (`matter:idNumber`): a person registered twice under two keys shows here. */
  private readonly personRegistrations = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout[]>();
  private readonly world: World;
  private readonly now: () => number;
  private serial = 0;
  /** Distinguishes runs, so case ids a bff stored before a mock restart are never issued again. */
  private readonly runTag = randomBytes(2).toString('hex').toUpperCase();

  constructor(options: AgencyServiceOptions) {
    this.spec = AGENCIES[options.agency];
    this.world = options.world;
    this.config = options.config;
    this.now = options.now ?? Date.now;
    this.faultRng = createRng(`faults:${options.world.seed}:${options.agency}`);
    this.callbacks = new CallbackSender({
      getUrl: () => this.config.callbackUrl,
      getSecret: () => this.config.callbackSecret,
      agency: options.agency,
      faults: this.faults,
      rng: createRng(`callbacks:${options.world.seed}:${options.agency}`),
      retryDelaysMs: options.callbackRetryDelaysMs ?? [200, 1000, 3000, 10_000],
      attemptTimeoutMs: 5000,
    });
  }

  /** POST /cases. Everything between the key lookup and storing the case is synchronous, so concurrent
   * deliveries of one key cannot both register. */
  intake(idempotencyKey: string, raw: unknown): IntakeResult {
    const counts = this.countsFor(idempotencyKey);
    counts.deliveries += 1;
    const bodyHash = hashJson(raw);
    const existing = this.byKey.get(idempotencyKey);
    if (existing) {
      if (existing.bodyHash !== bodyHash) {
        counts.conflicts += 1;
        return {
          status: 422,
          replayed: false,
          body: {
            code: 'IDEMPOTENCY_KEY_CONFLICT',
            message: '该 Idempotency-Key 已用于内容不同的办件，请勿用同一键提交不同内容',
            caseId: existing.caseId,
          },
        };
      }
      counts.duplicates += 1;
      return { ...existing.response, replayed: true };
    }
    const parsed = parseCaseBody(raw, this.spec.matters);
    if (!parsed.ok) {
      counts.invalid += 1;
      return {
        status: 400,
        replayed: false,
        body: { code: 'INVALID_REQUEST', message: parsed.message, errors: parsed.errors },
      };
    }
    counts.registrations += 1;
    const record = this.register(idempotencyKey, parsed.body, bodyHash, raw);
    return { ...record.response, replayed: false };
  }

  private register(idempotencyKey: string, body: CaseBody, bodyHash: string, received: unknown): CaseRecord {
    const nowMs = this.now();
    const today = chinaDate(nowMs);
    this.serial += 1;
    const caseId = `${this.spec.casePrefix}${today.replace(/-/g, '')}${this.runTag}${String(this.serial).padStart(6, '0')}`;
    const instant = this.spec.instant;
    const record: CaseRecord = {
      caseId,
      idempotencyKey,
      matter: body.matter,
      applicationCode: body.applicationCode,
      body,
      received,
      bodyHash,
      status: 'accepted',
      findings: [...checkCase(body, this.world, today), ...this.materialsStillMissing(body)],
      receivedAt: new Date(nowMs).toISOString(),
      receivedAtMs: nowMs,
      dueDate: instant ? null : dueDateAfter(today, this.spec.workingDays),
      dueAt: instant
        ? null
        : new Date(nowMs + this.spec.workingDays * this.config.workingDayMs).toISOString(),
      sequence: 0,
      response: { status: 201, body: {} },
    };
    this.cases.set(caseId, record);
    this.byKey.set(idempotencyKey, record);
    for (const employee of body.employees) {
      const person = `${body.matter}:${String(employee.idNumber)}`;
      this.personRegistrations.set(person, (this.personRegistrations.get(person) ?? 0) + 1);
    }
    if (instant) {
      if (record.findings.length) this.applyReturn(record, record.findings, 'auto');
      else this.applyCompletion(record, 'auto');
    } else {
      this.schedule(record);
    }
    record.response = { status: 201, body: this.responseBody(record) };
    return record;
  }

  private responseBody(record: CaseRecord): Record<string, unknown> {
    return {
      caseId: record.caseId,
      status: record.status,
      ...decisionOf(record),
      receivedAt: record.receivedAt,
      ...(record.dueDate ? { dueDate: record.dueDate, dueAt: record.dueAt } : {}),
    };
  }

  /** The current state of a case, as GET /cases/:caseId and /cases/by-key/:key answer it. */
  view(record: CaseRecord): Record<string, unknown> {
    const pending = record.status === 'accepted' || record.status === 'reviewing';
    return {
      caseId: record.caseId,
      idempotencyKey: record.idempotencyKey,
      matter: record.matter,
      applicationCode: record.applicationCode,
      status: record.status,
      ...decisionOf(record),
      receivedAt: record.receivedAt,
      dueDate: record.dueDate,
      dueAt: record.dueAt,
      decidedAt: record.decidedAt ?? null,
      sequence: record.sequence,
      overdue: pending && record.dueAt !== null && this.now() > Date.parse(record.dueAt),
    };
  }

  getCase(caseId: string): CaseRecord | undefined {
    return this.cases.get(caseId);
  }

  getByKey(key: string): CaseRecord | undefined {
    return this.byKey.get(key);
  }

  /**
   * An earlier case of this application and matter was returned for materials (MATERIALS_MISSING): the new
   * one must bring at least one, or it is returned for the same reason.
   */
  private materialsStillMissing(body: CaseBody): Reason[] {
    if (body.materials?.length) return [];
    const asked = [...this.cases.values()].find(
      (c) =>
        c.applicationCode === body.applicationCode &&
        c.matter === body.matter &&
        c.status === 'returned' &&
        c.reasons?.some((r) => r.code === 'MATERIALS_MISSING'),
    );
    return asked
      ? [{ code: 'MATERIALS_MISSING', message: '上次退回要求补充的材料仍未提交，请上传后重新提交' }]
      : [];
  }

  listCases(): CaseRecord[] {
    return [...this.cases.values()].reverse();
  }

  allCounts(): Record<string, KeyCounts> {
    return Object.fromEntries(this.counts);
  }

  /** How often each person was registered for each matter, whatever the keys: `{ "matter:idNumber": n }`. */
  registrationsByPerson(): Record<string, number> {
    return Object.fromEntries(this.personRegistrations);
  }

  /** A registered case was asked for by its key: its sender had lost the answer to the delivery. */
  markRecovered(key: string): void {
    this.countsFor(key).recovered += 1;
  }

  /** Operator approval. Returns an error message when the case is no longer pending. */
  approve(caseId: string): string | null {
    const record = this.cases.get(caseId);
    if (!record) return 'NOT_FOUND';
    if (record.status !== 'accepted' && record.status !== 'reviewing') return 'ALREADY_DECIDED';
    this.clearTimers(caseId);
    this.applyCompletion(record, 'operator');
    return null;
  }

  returnCase(caseId: string, reasons: Reason[]): string | null {
    const record = this.cases.get(caseId);
    if (!record) return 'NOT_FOUND';
    if (record.status !== 'accepted' && record.status !== 'reviewing') return 'ALREADY_DECIDED';
    this.clearTimers(caseId);
    this.applyReturn(record, reasons, 'operator');
    return null;
  }

  /** Applies a config change; switching modes or the time scale reschedules the pending cases. */
  configure(patch: Partial<AgencyConfig>): void {
    Object.assign(this.config, patch);
    if (patch.reviewMode !== undefined || patch.workingDayMs !== undefined) {
      for (const record of this.cases.values()) {
        if (record.status === 'accepted' || record.status === 'reviewing') {
          this.clearTimers(record.caseId);
          record.dueAt = new Date(
            record.receivedAtMs + this.spec.workingDays * this.config.workingDayMs,
          ).toISOString();
          this.schedule(record);
        }
      }
    }
    if (patch.callbackUrl !== undefined) this.callbacks.flush();
  }

  reset(): void {
    for (const caseId of [...this.timers.keys()]) this.clearTimers(caseId);
    this.cases.clear();
    this.byKey.clear();
    this.counts.clear();
    this.personRegistrations.clear();
    this.callbacks.clear();
    Object.assign(this.faults, NO_FAULTS);
  }

  stop(): void {
    for (const caseId of [...this.timers.keys()]) this.clearTimers(caseId);
    this.callbacks.stop();
  }

  /**
   * Review timing on the scaled clock: the case goes to 审核 after a tenth of a working day and, in auto
   * mode, is decided after a deterministic fraction (20-100 %) of the time limit, so always within it.
   */
  private schedule(record: CaseRecord): void {
    const dayMs = this.config.workingDayMs;
    const elapsed = this.now() - record.receivedAtMs;
    const timers: NodeJS.Timeout[] = [];
    if (record.status === 'accepted') {
      timers.push(setTimeout(() => this.startReview(record), Math.max(0, Math.round(dayMs * 0.1) - elapsed)));
    }
    if (this.config.reviewMode === 'auto') {
      const fraction = 0.2 + 0.8 * unitInterval(`${this.world.seed}:${record.idempotencyKey}`);
      const decideIn = Math.round(this.spec.workingDays * dayMs * fraction);
      timers.push(setTimeout(() => this.decideAutomatically(record), Math.max(0, decideIn - elapsed)));
    }
    this.timers.set(record.caseId, timers);
  }

  private startReview(record: CaseRecord): void {
    if (record.status !== 'accepted') return;
    record.status = 'reviewing';
    this.notify(record);
  }

  private decideAutomatically(record: CaseRecord): void {
    this.clearTimers(record.caseId);
    if (record.status !== 'accepted' && record.status !== 'reviewing') return;
    if (record.findings.length) this.applyReturn(record, record.findings, 'auto');
    else this.applyCompletion(record, 'auto');
  }

  private applyCompletion(record: CaseRecord, by: 'auto' | 'operator'): void {
    record.status = 'completed';
    record.reasons = undefined;
    record.result = this.buildResult(record);
    if (record.matter === 'socialInsurance') {
      record.steps = [
        { code: 'insuranceRegistration', label: '社会保险企业职工参保登记', status: 'completed' },
        { code: 'contributionDeclaration', label: '社会保险费申报', status: 'completed' },
      ];
    }
    this.decided(record, by);
  }

  private applyReturn(record: CaseRecord, reasons: Reason[], by: 'auto' | 'operator'): void {
    record.status = 'returned';
    record.reasons = reasons;
    if (record.matter === 'socialInsurance') {
      record.steps = [
        { code: 'insuranceRegistration', label: '社会保险企业职工参保登记', status: 'returned' },
        { code: 'contributionDeclaration', label: '社会保险费申报', status: 'notStarted' },
      ];
    }
    this.decided(record, by);
  }

  private decided(record: CaseRecord, by: 'auto' | 'operator'): void {
    record.decidedAt = new Date(this.now()).toISOString();
    record.decidedBy = by;
    this.notify(record);
  }

  private notify(record: CaseRecord): void {
    record.sequence += 1;
    const payload: CallbackPayload = {
      caseId: record.caseId,
      idempotencyKey: record.idempotencyKey,
      matter: record.matter,
      applicationCode: record.applicationCode,
      status: record.status as CallbackPayload['status'],
      ...decisionOf(record),
      decidedAt: record.decidedAt ?? new Date(this.now()).toISOString(),
      sequence: record.sequence,
    };
    this.callbacks.send(payload);
  }

  /** What the agency hands back on completion: unit codes (assigned on a first registration) and per-person numbers. */
  private buildResult(record: CaseRecord): Record<string, unknown> {
    const { body } = record;
    const number = (prefix: string, index: number) =>
      `${prefix}${record.caseId.slice(-10)}${String(index + 1).padStart(4, '0')}`;
    switch (record.matter) {
      case 'employment':
        return {
          employees: body.employees.map((_, i) => ({
            employeeIndex: i,
            registrationNumber: number('JY', i),
          })),
        };
      case 'socialInsurance':
        return {
          socialInsuranceCode: this.unitCode(body.unit.uscc, 'socialInsuranceCode'),
          employees: body.employees.map((_, i) => ({ employeeIndex: i, personalNumber: number('SB', i) })),
          contributionDeclaration: {
            status: 'completed',
            periods: [...new Set(body.employees.map((e) => (e.insuredFrom ?? '').replace(/[-.]/g, '')))],
            totalDeclaredWage: body.employees.reduce((sum, e) => sum + (e.declaredWage ?? 0), 0),
          },
        };
      case 'medicalInsurance':
        return {
          employees: body.employees.map((_, i) => ({ employeeIndex: i, personalNumber: number('YB', i) })),
        };
      case 'housingFund': {
        const relief = body.housingFundRelief ?? 'none';
        return {
          housingFundAccount: this.unitCode(body.unit.uscc, 'housingFundAccount'),
          // 缓缴/降缴 is registered with the account; the materials are due within a month of applying.
          ...(relief !== 'none'
            ? {
                relief: {
                  type: relief,
                  status: 'awaitingMaterials',
                  materialsDueBy: addMonthsTo(body.unit.applicationDate, 1),
                },
              }
            : {}),
          employees: body.employees.map((e, i) => {
            const base = e.monthlyBase ?? 0;
            // Each side rounded to the whole 元, half up (domain.md §2); the total is their sum.
            const monthlyUnit = Math.round((base * ratioPercent(e.unitRatio ?? 0)) / 100);
            const monthlyPersonal = Math.round((base * ratioPercent(e.personalRatio ?? 0)) / 100);
            return {
              employeeIndex: i,
              personalAccount: number('GJ', i),
              monthlyUnit,
              monthlyPersonal,
              monthlyTotal: monthlyUnit + monthlyPersonal,
              // A deferral approved pending materials: nothing is collected until they arrive.
              ...(relief === 'defer' ? { collectionDeferred: true } : {}),
            };
          }),
        };
      }
    }
  }

  private unitCode(uscc: string, field: 'socialInsuranceCode' | 'housingFundAccount'): string {
    const known =
      this.world.population.unitByUscc(uscc)?.[field] ?? this.world.assignedUnitCodes.get(uscc)?.[field];
    if (known) return known;
    const digits = String(hashToUint32(`${field}:${uscc}`)).padStart(10, '0');
    const code = field === 'socialInsuranceCode' ? `3611${digits.slice(-8)}` : `11${digits}`;
    this.world.assignedUnitCodes.set(uscc, { ...this.world.assignedUnitCodes.get(uscc), [field]: code });
    return code;
  }

  private countsFor(key: string): KeyCounts {
    let counts = this.counts.get(key);
    if (!counts) {
      counts = { deliveries: 0, duplicates: 0, registrations: 0, conflicts: 0, invalid: 0, recovered: 0 };
      this.counts.set(key, counts);
    }
    return counts;
  }

  private clearTimers(caseId: string): void {
    for (const timer of this.timers.get(caseId) ?? []) clearTimeout(timer);
    this.timers.delete(caseId);
  }
}

/** YYYY.MM.DD plus whole months, in the same notation (the last day of a shorter month). */
function addMonthsTo(formDate: string, months: number): string {
  return addMonths(formDate.replace(/\./g, '-'), months).replace(/-/g, '.');
}

/** Hash of a JSON value with object keys sorted, so key order does not make two equal bodies differ. */
export function hashJson(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
