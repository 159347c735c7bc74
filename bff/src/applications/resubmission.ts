// 补正: the employer corrects the rows a returned matter named and resends that matter alone; the other
// matters keep their results.
import { todayInChina, validateApplication, type RuleConfig } from '@hiring/shared';
import type { Model } from 'mongoose';
import type { FieldCipher } from '../security/fieldCipher';
import { AppError, notFound, validationFailed } from '../http/errors';
import type { DraftEmployee } from '../drafts/draftSchema';
import type { ApplicationDoc } from './models';
import { newMatter } from './submission';
import type { SealedApplication } from './view';

export async function resubmitMatter(
  deps: {
    Application: Model<ApplicationDoc>;
    cipher: FieldCipher;
    nudge: () => void;
    ruleConfigs?: () => Promise<readonly RuleConfig[]>;
  },
  accountId: string,
  applicationId: string,
  matter: string,
  corrections: (Partial<DraftEmployee> & { key: string })[],
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
  const employees = sealed.form.employees.map((employee) => {
    const fix = corrections.find((c) => c.key === employee.key);
    return fix ? { ...employee, ...fix } : employee;
  });
  const unknown = corrections.filter((c) => !sealed.form.employees.some((e) => e.key === c.key));
  if (unknown.length) throw new AppError(400, 'BAD_REQUEST', '补正的员工不在该办件中');
  const form = { ...sealed.form, employees };
  const result = validateApplication(form, {
    today: todayInChina(),
    configs: await deps.ruleConfigs?.(),
  });
  if (!result.ok) {
    throw validationFailed(
      result.errors.map((e) => ({ path: e.path, message: e.message })),
      `补正后仍有 ${result.errors.length} 处需要修改`,
    );
  }
  const now = new Date();
  const attempt = current.attempt + 1;
  const replacement = newMatter(matter, doc.code, attempt, now, `补正后重新提交（第 ${attempt} 次）`);
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
        sealed: cipher.encrypt({
          ...sealed,
          form: {
            ...form,
            // Normalized rows in input order; the keys ride along by position.
            employees: (result.value as unknown as SealedApplication['form']).employees.map((e, i) => ({
              ...e,
              key: employees[i].key,
            })),
          },
        }),
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
