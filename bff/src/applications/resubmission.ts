// 补正: the employer fixes what a returned matter named — the returned hires' fields, the unit's fields,
// or takes a hire out of that matter — and resends that matter alone; the other matters keep their results.
// The corrected form is validated with shared before anything is sent, and a 补正 that would send the
// agency exactly what it already returned is refused.
import { isDeepStrictEqual } from 'node:util';
import {
  describePath,
  returnReasonOf,
  routeMatters,
  todayInChina,
  validateApplication,
  type MatterCode,
  type RuleConfig,
} from '@hiring/shared';
import type { Model } from 'mongoose';
import type { FieldCipher } from '../security/fieldCipher';
import { AppError, notFound, validationFailed } from '../http/errors';
import type { DraftEmployee, DraftUnit } from '../drafts/draftSchema';
import type { ApplicationDoc } from './models';
import { newMatter } from './submission';
import type { SealedApplication } from './view';
import type { MaterialStore } from './materials';

export interface Correction {
  /** Corrected fields of hires, by row key. */
  employees?: (Partial<DraftEmployee> & { key: string })[];
  /** Corrected unit fields; an empty code clears it (首次办理 for that code). */
  unit?: Partial<Omit<DraftUnit, 'socialInsuranceCode' | 'housingFundAccount'>> & {
    socialInsuranceCode?: string | null;
    housingFundAccount?: string | null;
  };
  /** Hires taken out of this matter only. */
  drop?: string[];
}

type Form = SealedApplication['form'];

function correctedUnit(unit: Record<string, unknown>, fix: Correction['unit']): Record<string, unknown> {
  if (!fix) return unit;
  const next: Record<string, unknown> = { ...unit };
  for (const [field, value] of Object.entries(fix)) {
    if (value === undefined) continue;
    if (field === 'operator' || field === 'bank') {
      next[field] = { ...(unit[field] as object | undefined), ...(value as object) };
    } else if (value === null || value === '') {
      delete next[field];
    } else {
      next[field] = value;
    }
  }
  return next;
}

/** What the agency of `matter` would receive for this form: the test of whether anything changed. */
function sentFor(form: Form, excluded: SealedApplication['excluded'], matter: MatterCode) {
  return routeMatters(form as never, { excluded: excluded as never })[matter]?.body;
}

export async function resubmitMatter(
  deps: {
    Application: Model<ApplicationDoc>;
    cipher: FieldCipher;
    nudge: () => void;
    ruleConfigs?: () => Promise<readonly RuleConfig[]>;
    /** 补正材料 uploaded for the matter; the ones not sent yet go with this 补正. */
    materials?: Pick<MaterialStore, 'pendingIds'>;
  },
  accountId: string,
  applicationId: string,
  matter: string,
  correction: Correction,
) {
  const { Application, cipher } = deps;
  const doc = await Application.findOne({ _id: applicationId, accountId }).lean();
  if (!doc) throw notFound('办件不存在');
  const index = doc.matters.findIndex((m) => m.matter === matter);
  if (index < 0) throw notFound('该办件不包含此事项');
  const current = doc.matters[index];
  if (current.status !== 'returned')
    throw new AppError(409, 'NOT_RETURNED', '只有被退回的事项才能补正后重新提交');

  const sealed = cipher.decrypt<SealedApplication>(doc.sealed);
  const fixes = correction.employees ?? [];
  const known = new Set(sealed.form.employees.map((e) => e.key));
  if (fixes.some((c) => !known.has(c.key)) || (correction.drop ?? []).some((key) => !known.has(key)))
    throw new AppError(400, 'BAD_REQUEST', '补正的员工不在该办件中');

  // The unit's authority was checked for this USCC: another unit is another application.
  const filedUscc = String((sealed.form.unit as { uscc?: string } | undefined)?.uscc ?? '');
  if (correction.unit?.uscc && correction.unit.uscc.trim().toUpperCase() !== filedUscc) {
    throw validationFailed(
      [{ path: 'unit.uscc', message: '统一社会信用代码不能在补正中修改' }],
      '统一社会信用代码不能在补正中修改，请重新填写申请表申报',
    );
  }
  const excludedBefore = sealed.excluded?.[matter] ?? [];
  const drop = [...new Set(correction.drop ?? [])].filter((key) => !excludedBefore.includes(key));
  const remaining = sealed.form.employees.filter(
    (e) => !excludedBefore.includes(e.key ?? '') && !drop.includes(e.key ?? ''),
  );
  if (remaining.length === 0) {
    throw new AppError(
      422,
      'NOTHING_TO_SEND',
      '不能移出本事项的全部员工：请至少保留一名员工，或待问题解决（如原单位办理停保）后再补正提交',
    );
  }

  const employees = sealed.form.employees.map((employee) => {
    const fix = fixes.find((c) => c.key === employee.key);
    return fix ? { ...employee, ...fix } : employee;
  });
  const unit = correctedUnit((sealed.form.unit ?? {}) as Record<string, unknown>, correction.unit);
  const input = { ...sealed.form, unit, employees };
  const result = validateApplication(input, {
    today: todayInChina(),
    configs: await deps.ruleConfigs?.(),
  });
  if (!result.ok) {
    // Each message says where in words (第1位员工 手机号码), never as a path.
    throw validationFailed(
      result.errors.map((e) => ({ path: e.path, message: `${describePath(e.path)}：${e.message}` })),
      `补正后仍有 ${result.errors.length} 处需要修改：${result.errors
        .slice(0, 3)
        .map((e) => `${describePath(e.path)}${e.message}`)
        .join('；')}`,
    );
  }
  const form: Form = {
    ...(result.value as unknown as Form),
    // Normalized rows in input order; the keys ride along by position.
    employees: (result.value as unknown as Form).employees.map((e, i) => ({ ...e, key: employees[i].key })),
  };
  const excluded = { ...sealed.excluded, ...(drop.length ? { [matter]: [...excludedBefore, ...drop] } : {}) };
  const code = matter as MatterCode;
  const sentMaterials = current.materialIds ?? [];
  const newMaterials = (await deps.materials?.pendingIds(applicationId, matter, sentMaterials)) ?? [];
  const wantsMaterials = (current.reasons ?? []).some((r) => returnReasonOf(r.code).fix === 'materials');
  if (wantsMaterials && newMaterials.length === 0) {
    throw new AppError(422, 'MATERIALS_REQUIRED', '部门退回要求补充材料：请先按退回原因上传材料，再提交补正');
  }
  if (
    newMaterials.length === 0 &&
    isDeepStrictEqual(sentFor(form, excluded, code), sentFor(sealed.form, sealed.excluded, code))
  ) {
    throw new AppError(
      422,
      'CORRECTION_UNCHANGED',
      '补正内容与上次提交的相同，部门会再次退回：请按退回原因修改后再提交',
    );
  }

  const now = new Date();
  const attempt = current.attempt + 1;
  const note = [
    `补正后重新提交（第 ${attempt} 次）`,
    ...(drop.length ? [`${drop.length} 名员工移出本事项`] : []),
    ...(newMaterials.length ? [`补充材料 ${newMaterials.length} 份`] : []),
  ].join('，');
  const replacement = {
    ...newMatter(matter, doc.code, attempt, now, note),
    materialIds: [...sentMaterials, ...newMaterials],
  };
  replacement.timeline = [
    ...(current.timeline ?? []),
    ...replacement.timeline,
  ] as typeof replacement.timeline;
  const updated = await Application.findOneAndUpdate(
    {
      _id: applicationId,
      accountId,
      [`matters.${index}.matter`]: matter,
      [`matters.${index}.attempt`]: current.attempt,
      [`matters.${index}.status`]: 'returned',
    },
    {
      $set: {
        [`matters.${index}`]: replacement,
        nextDispatchAt: now,
        sealed: cipher.encrypt({ ...sealed, form, excluded }),
        unitName: (form.unit as { name?: string } | undefined)?.name ?? doc.unitName,
        uscc: (form.unit as { uscc?: string } | undefined)?.uscc ?? doc.uscc,
        dispatchPending: true,
        completedNoticeAt: null,
      },
      $inc: { dispatchGeneration: 1 },
    },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) throw new AppError(409, 'REQUEST_IN_PROGRESS', '该事项正在处理，请刷新后重试');
  deps.nudge();
  return updated;
}

/**
 * What the correction form starts from: the unit's fields and, for each hire the matter sent, the values
 * sent (the owner's own data, so unmasked), and which hires the matter no longer includes.
 */
export async function correctionDraft(
  deps: { Application: Model<ApplicationDoc>; cipher: FieldCipher },
  accountId: string,
  applicationId: string,
  matter: string,
) {
  const doc = await deps.Application.findOne({ _id: applicationId, accountId }).lean();
  if (!doc) throw notFound('办件不存在');
  const current = doc.matters.find((m) => m.matter === matter);
  if (!current) throw notFound('该办件不包含此事项');
  const sealed = deps.cipher.decrypt<SealedApplication>(doc.sealed);
  const excluded = sealed.excluded?.[matter] ?? [];
  const sent = new Set(current.sentEmployeeKeys?.length ? current.sentEmployeeKeys : []);
  return {
    matter,
    status: current.status,
    attempt: current.attempt,
    matters: sealed.form.matters,
    unit: sealed.form.unit ?? {},
    employees: sealed.form.employees
      .filter((e) => !excluded.includes(e.key ?? '') && (sent.size === 0 || sent.has(e.key ?? '')))
      .map((e) => ({ ...e })),
    excludedEmployeeKeys: excluded,
  };
}
