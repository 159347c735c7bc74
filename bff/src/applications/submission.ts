// Turns a valid draft into an application with one outbox entry per matter. It never calls an agency:
// the dispatch workers do that, so a slow or down agency cannot slow down or fail a submission.
import { MATTERS, todayInChina, validateApplication, validateUscc, type RuleConfig } from '@hiring/shared';
import type { MaterialStore } from './materials';
import type { Model } from 'mongoose';
import type { FieldCipher } from '../security/fieldCipher';
import type { DraftService } from '../drafts/draftService';
import { formOf } from '../drafts/draftService';
import { conflict, validationFailed } from '../http/errors';
import type { AccountModels } from '../accounts/models';
import type { AuthorityService } from '../authority/authorityService';
import { withVerifiedOperator } from '../authority/operator';
import { matterIdempotencyKey, newApplicationCode, newQueryPassword } from './codes';
import { countyOfUnit } from '../staff/scope';
import type { ApplicationDoc } from './models';
import type { SealedApplication } from './view';

export interface SubmissionDeps {
  Application: Model<ApplicationDoc>;
  drafts: DraftService;
  cipher: FieldCipher;
  accounts: AccountModels;
  /** Who may act for which unit: asked before every submission. */
  authority: AuthorityService;
  /** Wakes the dispatch workers of this process (the 即办 matters go out at once). */
  nudge: () => void;
  /** The administered rule figures (shared resolves the ones in force on the application date). */
  ruleConfigs?: () => Promise<readonly RuleConfig[]>;
  /** 补正材料, sent with the 补正 that follows their upload. */
  materials?: MaterialStore;
}

export function newMatter(matter: string, code: string, attempt: number, now: Date, note: string) {
  const spec = MATTERS.find((m) => m.code === matter)!;
  return {
    matter,
    agency: spec.agency,
    status: 'pending' as const,
    attempt,
    reasons: [],
    lastSequence: -1,
    // Set from the start so the reconciler's "no news since" test can see every matter.
    lastCheckedAt: now,
    timeline: [{ at: now, status: 'pending' as const, note }],
    dispatch: {
      state: 'due' as const,
      idempotencyKey: matterIdempotencyKey(code, matter, attempt),
      tries: 0,
      nextAttemptAt: now,
    },
  };
}

/**
 * Inserts a new application under a fresh 办件编码 (`insert(code)`). A duplicate key is either a collision of
 * the random code, and another is drawn (five times at most), or the same submission stored already (a
 * concurrent or an earlier run): `earlier()` finds that one, or throws the answer for it, and it is returned
 * with `inserted: false`.
 */
export async function insertUnderNewCode<T>(
  now: Date,
  insert: (code: string) => Promise<T>,
  earlier: () => Promise<T | null>,
): Promise<{ doc: T; inserted: boolean }> {
  for (let tries = 0; ; tries++) {
    try {
      return { doc: await insert(newApplicationCode(now)), inserted: true };
    } catch (error) {
      if ((error as { code?: number }).code !== 11000 || tries >= 5) throw error;
      const found = await earlier();
      if (found) return { doc: found, inserted: false };
    }
  }
}

/** 409 for everyone but the submission that used the draft up: they learn which application it became. */
function alreadySubmitted(winner: { _id: unknown; code: string }) {
  return conflict('ALREADY_SUBMITTED', `该草稿已提交，办件编码 ${winner.code}`, {
    application: { id: String(winner._id), code: winner.code },
  });
}

/**
 * One draft yields at most one application, whatever the keys, devices or processes: the application
 * carries its draft's id under a unique index, so of any number of concurrent inserts exactly one wins
 * (the embedded server has no transactions, but its unique indexes hold). `version`, when given, is the
 * draft the user reviewed: a draft changed since is not submitted.
 */
export async function submitDraft(
  deps: SubmissionDeps,
  accountId: string,
  draftId: string,
  submissionKey: string,
  version?: number,
) {
  const { Application, drafts, cipher } = deps;
  // A retry of a submission that already went through (its draft may be gone), or a loser arriving late.
  const existing = await Application.findOne({ accountId, draftId }, { code: 1, submissionKey: 1 }).lean();
  if (existing) {
    if (existing.submissionKey !== submissionKey) throw alreadySubmitted(existing);
    await drafts.consume(accountId, draftId);
    return (await Application.findById(existing._id).lean())!;
  }
  const draft = await drafts.get(accountId, draftId).catch(async (error) => {
    // The draft went between the check above and now: a concurrent submission used it up.
    const winner = await Application.findOne({ accountId, draftId }, { code: 1, submissionKey: 1 }).lean();
    if (!winner) throw error;
    if (winner.submissionKey !== submissionKey) throw alreadySubmitted(winner);
    return null;
  });
  if (!draft) return (await Application.findOne({ accountId, draftId }).lean())!;
  if (version !== undefined && version !== draft.version) throw drafts.versionConflict(draft);
  // Authority first: without it the answer is what to do, not which fields to fix. Asked on every
  // submission, so a revocation or an expiry takes effect on the next request.
  const identity = await deps.authority.identities.require(accountId);
  const draftUscc = String(draft.application.unit?.uscc ?? '')
    .trim()
    .toUpperCase();
  const unitName = String(draft.application.unit?.name ?? '');
  let checked = validateUscc(draftUscc).valid
    ? await deps.authority.forSubmission(accountId, draftUscc, unitName, identity)
    : null;
  // 申请日期 is the day the application is submitted, not the day its draft was started: the 缓缴/降缴
  // deadline and the rules in force count from it.
  const today = todayInChina();
  const form0 = withVerifiedOperator(formOf(draft.application), identity) as {
    unit?: Record<string, unknown>;
  };
  const result = validateApplication(
    { ...form0, unit: { ...form0.unit, applicationDate: today } },
    { today, configs: await deps.ruleConfigs?.() },
  );
  if (!result.ok) {
    throw validationFailed(
      result.errors.map((e) => ({ path: e.path, message: e.message })),
      `申请表还有 ${result.errors.length} 处需要修改`,
    );
  }
  const value = result.value as unknown as SealedApplication['form'];
  const uscc = String((value.unit as { uscc?: string } | undefined)?.uscc ?? '');
  if (checked?.authority.uscc !== uscc)
    checked = await deps.authority.forSubmission(accountId, uscc, unitName, identity);
  const { authority } = checked;
  // The validator returns normalized rows in input order; the server-issued keys ride along by position.
  const form = {
    ...value,
    employees: value.employees.map((e, i) => ({ ...e, key: draft.application.employees[i]?.key })),
  };
  const sealed: SealedApplication = {
    form,
    queryPassword: newQueryPassword(),
    verifiedOperator: {
      name: identity.name,
      idNumber: identity.idNumber,
      verifiedAt: identity.verifiedAt.toISOString(),
      verifiedBy: 'police',
      authority: authority.basis,
    },
  };
  const now = new Date();
  const { doc: inserted, inserted: isNew } = await insertUnderNewCode(
    now,
    async (code): Promise<ApplicationDoc & { _id: unknown }> =>
      (
        await Application.create({
          accountId,
          code,
          submissionKey,
          draftId,
          sealed: cipher.encrypt(sealed),
          unitName: form.unit?.name ?? '',
          uscc: (form.unit as { uscc?: string } | undefined)?.uscc ?? '',
          employeeCount: form.employees.length,
          county: countyOfUnit(form.unit as { countyCode?: string; uscc?: string } | undefined),
          submittedAt: now,
          reliefDeadline: result.computed.reliefMaterialsDueBy ?? undefined,
          dispatchPending: true,
          nextDispatchAt: now,
          matters: form.matters.map((matter) =>
            newMatter(matter, code, 1, now, '申请已提交，等待推送至部门'),
          ),
        })
      ).toObject(),
    // A concurrent submission of this draft won (under any key), or a run under this key did.
    async () => {
      const winner = await Application.findOne({ accountId, draftId }).lean();
      if (winner && winner.submissionKey !== submissionKey) throw alreadySubmitted(winner);
      return winner ?? (await Application.findOne({ accountId, submissionKey }).lean());
    },
  );
  if (!isNew) return inserted;
  await drafts.consume(accountId, draftId);
  await deps.authority.recordUse(authority, accountId, inserted.code);
  deps.nudge();
  return inserted;
}
