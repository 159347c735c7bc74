// 一窗受理: a walk-in application entered by the window clerk. The same rules as the mini-program
// (shared's validateApplication), the operator checked with 公安 and authorized by the paper authorization
// the clerk has seen (issue 13's path 3), then stored and dispatched like any application. The hall's
// window account owns it; the unit's legal representative sees it in the app like the unit's others.
// Exactly once per 受理 attempt, like the employer's submission: see takeWalkIn.
import {
  attestationProblems,
  todayInChina,
  validateApplication,
  type WalkInAttestation,
} from '@hiring/shared';
import type { Services } from '../../context';
import { AppError, conflict, validationFailed } from '../../http/errors';
import { newEmployeeKey } from '../../drafts/draftService';
import { newQueryPassword } from '../../applications/codes';
import { insertUnderNewCode, newMatter } from '../../applications/submission';
import type { SealedApplication } from '../../applications/view';
import { maskIdNumber } from '../../security/mask';
import type { StaffMember } from '../staffTokens';
import { staffActor } from '../scope';

/** The county hall's window account (created on first use). */
async function hallAccount(services: Services, county: string) {
  const account = await services.accounts.Account.findOneAndUpdate(
    { platform: 'window', platformUserId: `hall-${county}` },
    { $setOnInsert: { platform: 'window', platformUserId: `hall-${county}` } },
    { upsert: true, new: true },
  ).lean();
  return String(account!._id);
}

export interface WalkInInput {
  application: Record<string, unknown>;
  attestation: WalkInAttestation;
}

/**
 * Takes a walk-in in at most once per Idempotency-Key: the console sends one key per 受理 attempt, so a
 * double click, a retry after a lost answer or a reload replays the first answer instead of filing a
 * second application. The key's record lets one run through at a time (a concurrent duplicate answers 409
 * REQUEST_IN_PROGRESS); the application carries the key as its submissionKey under the hall account's
 * unique index, so a run that takes over a crashed one finds what that one filed. The same key with
 * changed content answers 409 ALREADY_SUBMITTED with the 办件编码 the attempt became.
 */
export async function takeWalkIn(services: Services, staff: StaffMember, input: WalkInInput, key: string) {
  if (!staff.county) throw new AppError(403, 'FORBIDDEN', '窗口人员须设置所属区县后才能受理');
  const accountId = await hallAccount(services, staff.county);
  const submissionKey = `window-${key}`;
  const filed = () => services.applications.findOne({ accountId, submissionKey }).lean();
  try {
    return await services.idempotency.run(accountId, key, `walkIn:${staff.id}`, input, async (recovering) => {
      const doc =
        (recovering && (await filed())) ||
        (await enterWalkIn(services, staff, input, accountId, submissionKey));
      return { status: 201, body: walkInAnswer(doc) };
    });
  } catch (error) {
    if ((error as AppError).code !== 'IDEMPOTENCY_KEY_REUSED') throw error;
    const winner = await filed();
    if (!winner) throw error;
    throw conflict('ALREADY_SUBMITTED', `本次受理已提交，办件编码 ${winner.code}`, {
      application: { id: String(winner._id), code: winner.code },
    });
  }
}

function walkInAnswer(doc: {
  _id: unknown;
  code: string;
  unitName?: string | null;
  employeeCount?: number | null;
}) {
  return {
    id: String(doc._id),
    code: doc.code,
    unitName: doc.unitName ?? '',
    employeeCount: doc.employeeCount ?? 0,
  };
}

async function enterWalkIn(
  services: Services,
  staff: StaffMember,
  { application, attestation }: WalkInInput,
  accountId: string,
  submissionKey: string,
) {
  const today = todayInChina();
  const form0 = application as { unit?: Record<string, unknown>; employees?: unknown[] };
  const result = validateApplication(
    { ...form0, unit: { ...form0.unit, applicationDate: today } },
    { today, configs: await services.rules.figures.configs() },
  );
  const problems = [
    ...(result.ok ? [] : result.errors.map((e) => ({ path: e.path, message: e.message }))),
    ...attestationProblems(attestation, form0.employees?.length ?? 0, today),
  ];
  if (!result.ok || problems.length)
    throw validationFailed(problems, `申请表还有 ${problems.length} 处需要修改`);
  const value = result.value as unknown as SealedApplication['form'];
  const unit = value.unit as {
    uscc: string;
    name: string;
    operator?: { name: string; idNumber: string; phone: string };
  };
  const operator = unit.operator;
  if (!operator?.name || !operator.idNumber)
    throw validationFailed([{ path: 'unit.operator', message: '请填写经办人姓名和身份证号' }]);

  // Path 3 of the unit's authority: the paper authorization the clerk has seen (公安 checks the operator).
  await services.authority
    .grantPaper(staff, {
      uscc: unit.uscc,
      name: operator.name,
      idNumber: operator.idNumber,
      phone: operator.phone,
      expiresOn: attestation.expiresOn,
      reference: attestation.reference,
    })
    .catch((error: unknown) => {
      // Already authorized for this unit (an earlier walk-in, or in the app): that authority serves.
      if ((error as AppError).code !== 'AUTHORITY_EXISTS') throw error;
    });
  const authority = await services.authority.liveForPerson(unit.uscc, operator.idNumber);
  if (!authority) throw new AppError(403, 'UNIT_AUTHORITY_REQUIRED', '经办人对该单位的授权未能登记，请重试');

  const now = new Date();
  const sealed: SealedApplication = {
    form: { ...value, employees: value.employees.map((e) => ({ ...e, key: newEmployeeKey() })) },
    queryPassword: newQueryPassword(),
    verifiedOperator: {
      name: operator.name,
      idNumber: operator.idNumber,
      verifiedAt: now.toISOString(),
      verifiedBy: 'police',
      authority: authority.basis as 'paperAuthorization',
    },
  };
  const { doc: inserted, inserted: isNew } = await insertUnderNewCode(
    now,
    async (code) =>
      (
        await services.applications.create({
          accountId,
          code,
          submissionKey,
          sealed: services.cipher.encrypt(sealed),
          unitName: unit.name,
          uscc: unit.uscc,
          employeeCount: value.employees.length,
          county: staff.county,
          channel: 'window',
          takenBy: { id: staff.id, name: staff.name },
          submittedAt: now,
          reliefDeadline: result.computed.reliefMaterialsDueBy ?? undefined,
          dispatchPending: true,
          nextDispatchAt: now,
          matters: value.matters.map((matter) => newMatter(matter, code, 1, now, '窗口受理，等待推送至部门')),
        })
      ).toObject(),
    // A run under this key filed it already (one that took over a crashed run).
    () => services.applications.findOne({ accountId, submissionKey }).lean(),
  );
  if (!isNew) return inserted;
  await services.authority.recordUse(authority, accountId, inserted.code);
  await services.audit.record({
    actor: staffActor(staff),
    action: 'staff.walkIn',
    subject: inserted.code,
    detail: {
      uscc: unit.uscc,
      operator: maskIdNumber(operator.idNumber),
      reference: attestation.reference,
      hires: value.employees.length,
      paperAuthorizationSeen: true,
      operatorIdCardSeen: true,
      hireIdCardsSeen: value.employees.length,
    },
  });
  services.submission.nudge();
  return inserted;
}
