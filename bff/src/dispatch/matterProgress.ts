// Applies what an agency says about a case (in its answer, a callback or a status query) to the matter.
// Forward-only and sequence-guarded: repeated, late or out-of-order news never moves a matter backwards.
import {
  MATTERS,
  defaultWorkingDayCalendar,
  matterDueDateOf,
  progressPath,
  todayInChina,
  type DueDate,
  type MatterCode,
  type MatterStatus,
  type WorkingDayCalendar,
} from '@hiring/shared';
import type { Model } from 'mongoose';
import type { NoticeTemplates } from '../config';
import type { Logger } from '../logger';
import type { ApplicationDoc, MatterDoc } from '../applications/models';
import type { NoticeService } from '../notices/noticeService';
import type { FieldCipher } from '../security/fieldCipher';
import type { SealedApplication } from '../applications/view';
import type { AgencyCaseView } from './agencyClient';
import { milestoneNotice, summaryNotice } from '../notices/milestones';
import { rememberUnitCodes, storedResultOf, type StoredResult, type UnitCodesDoc } from './agencyResults';

const STEP_STATUS: Record<string, string> = {
  completed: '已完成',
  returned: '被退回',
  notStarted: '未开始',
};

const NOTES: Record<MatterStatus, string> = {
  pending: '等待推送至部门',
  accepted: '部门已受理',
  reviewing: '部门审核中',
  completed: '已办结',
  returned: '部门退回，请按退回原因补正',
};

/** The due date on the calendar in force (official, or 预计 on a provisional year). */
async function dueDateFor(
  calendar: () => Promise<WorkingDayCalendar>,
  matter: string,
  acceptedOn: string,
  logger: Logger,
): Promise<DueDate | undefined> {
  try {
    return matterDueDateOf(await calendar(), matter as MatterCode, acceptedOn);
  } catch (error) {
    // Only an unknown matter or a year past 2100 gets here; the scheduled recompute retries.
    logger.error({ err: error, matter }, 'cannot compute due date');
    return undefined;
  }
}

export class MatterProgress {
  constructor(
    private readonly Application: Model<ApplicationDoc>,
    private readonly notices: NoticeService,
    private readonly logger: Logger,
    private readonly templates: NoticeTemplates,
    /** The working-day calendar in force (administered years included); the package's when not given. */
    private readonly calendar: () => Promise<WorkingDayCalendar> = async () => defaultWorkingDayCalendar,
    /** Where results are kept: sealed on the matter, the unit's codes per USCC. */
    private readonly results?: { cipher: FieldCipher; UnitCodes: Model<UnitCodesDoc> },
  ) {}

  /** Returns the statuses newly entered (empty when the news was old or already applied). */
  async apply(
    applicationId: string,
    matter: string,
    attempt: number,
    view: AgencyCaseView,
    source: string,
  ): Promise<MatterStatus[]> {
    for (let round = 0; round < 8; round++) {
      const doc = await this.Application.findById(applicationId).lean();
      const index = doc ? doc.matters.findIndex((m) => m.matter === matter && m.attempt === attempt) : -1;
      if (!doc || index < 0) return []; // a later 补正 replaced this attempt
      const current = doc.matters[index];
      const at = `matters.${index}`;
      // Array elements are addressed by index (stable: matters are only ever replaced in place), guarded by
      // what we read, because the embedded server cannot combine $elemMatch with the positional operator.
      const guard = {
        _id: applicationId,
        [`${at}.matter`]: matter,
        [`${at}.attempt`]: attempt,
        [`${at}.status`]: current.status,
      };
      if (typeof view.sequence === 'number' && view.sequence <= (current.lastSequence ?? -1)) return [];
      const steps = progressPath(current.status as MatterStatus, view.status);
      if (!steps || steps.length === 0) {
        if (!current.caseId && view.caseId) {
          await this.Application.updateOne(guard, { $set: { [`${at}.caseId`]: view.caseId } });
        }
        return [];
      }
      const now = new Date();
      const set: Record<string, unknown> = {
        [`${at}.status`]: view.status,
        [`${at}.caseId`]: view.caseId || current.caseId,
        [`${at}.lastCheckedAt`]: now,
      };
      if (typeof view.sequence === 'number') set[`${at}.lastSequence`] = view.sequence;
      if (steps.includes('accepted')) {
        const acceptedOn = todayInChina(now);
        set[`${at}.acceptedOn`] = acceptedOn;
        const due = await dueDateFor(this.calendar, matter, acceptedOn, this.logger);
        if (due) {
          set[`${at}.dueDate`] = due.dueDate;
          set[`${at}.dueDateBasis`] = due.basis;
        }
      }
      let result: StoredResult | null = null;
      if (view.status === 'completed') {
        set[`${at}.completedAt`] = now;
        result = storedResultOf(view.result, current.sentEmployeeKeys ?? []);
        if (result && this.results) set[`${at}.result`] = this.results.cipher.encrypt(result);
      }
      const reasons = view.status === 'returned' ? this.reasonsOf(view, current) : undefined;
      if (reasons) set[`${at}.reasons`] = reasons;
      const stepNote = (view.steps ?? [])
        .map((s) => `${s.label}${s.status ? (STEP_STATUS[s.status] ?? '') : ''}`)
        .join('；');
      const entries = steps.map((status, i) => ({
        at: now,
        status,
        note: i === steps.length - 1 && stepNote ? `${NOTES[status]}：${stepNote}` : NOTES[status],
        // The supervision's returns by reason count every return, also those a 补正 has since replaced.
        ...(status === 'returned' && reasons
          ? { reasonCodes: reasons.map((r) => r.code ?? 'RETURNED') }
          : {}),
      }));
      const updated = await this.Application.findOneAndUpdate(
        guard,
        { $set: set, $push: { [`${at}.timeline`]: { $each: entries } } },
        { returnDocument: 'after' },
      ).lean();
      if (!updated) continue; // another writer moved this matter first: look again
      this.logger.info({ applicationId, matter, attempt, to: view.status, source }, 'matter progressed');
      if (result && this.results) {
        // The codes only pre-fill the unit's next application: failing to keep them must not hold up this one.
        await rememberUnitCodes(this.results.UnitCodes, doc.uscc ?? '', result.unit).catch((error: unknown) =>
          this.logger.warn({ err: error, applicationId }, 'could not keep the unit codes'),
        );
      }
      await this.announce(updated, matter, attempt, steps);
      return steps;
    }
    this.logger.warn({ applicationId, matter }, 'gave up applying agency result after repeated races');
    return [];
  }

  private reasonsOf(view: AgencyCaseView, current: MatterDoc) {
    const keys = current.sentEmployeeKeys ?? [];
    const reasons = view.reasons?.length
      ? view.reasons
      : [{ code: 'RETURNED', message: '部门退回，未说明原因，请联系经办窗口' }];
    return reasons.map((r) => ({
      code: r.code,
      message: r.message,
      employeeKey: typeof r.employeeIndex === 'number' ? keys[r.employeeIndex] : undefined,
    }));
  }

  private async announce(
    doc: ApplicationDoc & { _id: unknown },
    matter: string,
    attempt: number,
    steps: MatterStatus[],
  ) {
    const label = MATTERS.find((m) => m.code === matter)?.label ?? matter;
    const accountId = String(doc.accountId);
    const applicationId = String(doc._id);
    const updatedMatter = doc.matters.find((m) => m.matter === matter && m.attempt === attempt)!;
    for (const status of steps) {
      const notice = milestoneNotice(this.templates, {
        accountId,
        applicationId,
        code: doc.code,
        matter,
        label,
        attempt,
        status,
        reasons: updatedMatter.reasons ?? [],
      });
      if (notice) await this.notices.notify(notice);
    }
    await this.feedBack(doc);
  }

  /**
   * 人社's 总反馈: once every matter is decided, one notice says what was done and what was returned. It goes
   * out once per round of decisions (a 补正 starts a new round; the notice's dedupe key names the round), and
   * once only when everything is 办结. The notice is idempotent, so it is written first and the 办结 mark
   * second: a process killed in between leaves the mark unset, and the dispatcher's sweep
   * (Dispatcher.noticeOne) sends it, still once.
   */
  async feedBack(doc: ApplicationDoc & { _id: unknown }): Promise<boolean> {
    const decided = doc.matters.every((m) => m.status === 'completed' || m.status === 'returned');
    if (!decided) return false;
    const allDone = doc.matters.every((m) => m.status === 'completed');
    if (allDone && doc.completedNoticeAt) return false;
    const names = this.namesOf(doc);
    await this.notices.notify(
      summaryNotice(this.templates, {
        accountId: String(doc.accountId),
        applicationId: String(doc._id),
        code: doc.code,
        unitName: doc.unitName ?? '',
        round: doc.matters.map((m) => `${m.matter}${m.attempt}`).join('-'),
        matters: doc.matters.map((m) => ({
          label: MATTERS.find((spec) => spec.code === m.matter)?.label ?? m.matter,
          matter: m.matter,
          status: m.status,
          reasons: (m.reasons ?? []).map((r) => r.message ?? '').filter(Boolean),
          result: this.resultOf(m),
        })),
        names,
      }),
    );
    if (allDone) {
      await this.Application.updateOne(
        { _id: doc._id, completedNoticeAt: null },
        { $set: { completedNoticeAt: new Date() } },
      );
    }
    return true;
  }

  private resultOf(matter: MatterDoc): StoredResult | null {
    if (!this.results || !matter.result) return null;
    return this.results.cipher.decrypt<StoredResult>(matter.result);
  }

  private namesOf(doc: ApplicationDoc): Record<string, string> {
    if (!this.results) return {};
    const { form } = this.results.cipher.decrypt<SealedApplication>(doc.sealed);
    return Object.fromEntries(form.employees.map((e) => [e.key ?? '', e.name ?? '']));
  }
}
