// The working-day calendar every due date is computed on: the package's official years, the years an
// administrator entered (in the database) and provisional years for the rest. Entering or withdrawing a
// year is audited, takes effect for every bff process on its next use, and recomputes open matters' due dates.
import {
  PACKAGE_CALENDAR_YEARS,
  WorkingDayCalendar,
  checkOfficialYear,
  expandCalendarNotice,
  type CalendarNoticeInput,
  type CalendarBasis,
  type OfficialCalendarYear,
} from '@hiring/shared';
import type { AuditLog } from '../audit/auditLog';
import type { StaffMember } from '../staff/requireStaff';
import { AppError, notFound, validationFailed } from '../http/errors';
import type { RuleModels } from './models';
import { RevisionCache } from './revisionCache';

/** A year as an administrator types it from the notice: ranges of days off and single 调休 workdays. */
export interface CalendarYearInput extends CalendarNoticeInput {
  year: number;
  source: string;
}

export type CalendarOrigin = 'package' | 'entered' | 'provisional';

export interface CalendarChange {
  year: number;
  basis: CalendarBasis;
  /** Open matters whose due date (or its basis) changed; null when the recompute is left to the scheduled jobs. */
  recomputed: number | null;
}

export class CalendarService {
  private readonly cache: RevisionCache<WorkingDayCalendar>;

  constructor(
    private readonly models: RuleModels,
    private readonly audit: AuditLog,
    /** Recomputes open matters' due dates on the given calendar; returns how many changed. */
    private readonly recompute: (calendar: WorkingDayCalendar) => Promise<number>,
  ) {
    this.cache = new RevisionCache(models.RuleState, 'calendar', async () => {
      const years = await models.CalendarYear.find().lean();
      return new WorkingDayCalendar({ officialYears: years.map(toOfficialYear) });
    });
  }

  /** The calendar in force now (checked against the database on every call). */
  calendar(): Promise<WorkingDayCalendar> {
    return this.cache.get();
  }

  async years(): Promise<
    {
      year: number;
      basis: CalendarBasis;
      origin: CalendarOrigin;
      source: string | null;
      enteredAt: Date | null;
    }[]
  > {
    const [calendar, entered] = await Promise.all([
      this.calendar(),
      this.models.CalendarYear.find({}, { source: 1, enteredAt: 1 }).lean(),
    ]);
    const byYear = new Map(entered.map((doc) => [doc._id, doc]));
    return calendar.years().map(({ year, basis }) => {
      const doc = byYear.get(year);
      const origin: CalendarOrigin = doc
        ? 'entered'
        : PACKAGE_CALENDAR_YEARS.includes(year)
          ? 'package'
          : 'provisional';
      return { year, basis, origin, source: doc?.source ?? null, enteredAt: doc?.enteredAt ?? null };
    });
  }

  async year(year: number) {
    const calendar = await this.calendar();
    const schedule = calendar.schedule(year);
    const doc = await this.models.CalendarYear.findById(year).lean();
    const list = (days: Record<string, string>) =>
      Object.entries(days)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([date, name]) => ({ date, name }));
    return {
      year,
      basis: schedule.basis,
      origin: (doc
        ? 'entered'
        : PACKAGE_CALENDAR_YEARS.includes(year)
          ? 'package'
          : 'provisional') as CalendarOrigin,
      source: doc?.source ?? null,
      enteredAt: doc?.enteredAt ?? null,
      holidays: list(schedule.holidays),
      workdays: list(schedule.workdays),
    };
  }

  /** Enters (or replaces) an official year from the State Council's notice. */
  async enterYear(
    input: CalendarYearInput,
    actor: StaffMember,
    via: 'api' | 'import' = 'api',
  ): Promise<CalendarChange> {
    const { holidays, workdays, problems } = expandCalendarNotice(input);
    problems.push(...checkOfficialYear({ year: input.year, holidays, workdays }));
    if (problems.length) {
      await this.audit.record({
        actor: staffActor(actor),
        action: 'calendar.enter',
        subject: `calendar:${input.year}`,
        outcome: 'refused',
        detail: { via, problems: problems.length },
      });
      throw validationFailed(
        problems.map((message) => ({ path: 'calendar', message })),
        `${input.year} 年节假日安排有 ${problems.length} 处问题，未保存`,
      );
    }
    const previous = await this.models.CalendarYear.findById(input.year, { revision: 1 }).lean();
    await this.models.CalendarYear.updateOne(
      { _id: input.year },
      {
        $set: {
          holidays,
          workdays,
          source: input.source,
          enteredBy: { id: actor.id, role: actor.role },
          enteredAt: new Date(),
        },
        $inc: { revision: 1 },
      },
      { upsert: true },
    );
    await this.cache.bump();
    const recomputed = await this.recomputeSafely();
    await this.audit.record({
      actor: staffActor(actor),
      action: 'calendar.enter',
      subject: `calendar:${input.year}`,
      detail: {
        via,
        replaced: Boolean(previous),
        holidays: holidays.length,
        workdays: workdays.length,
        recomputed,
      },
    });
    return { year: input.year, basis: 'official', recomputed };
  }

  /**
   * The year is saved either way: a recompute that fails (the database went away mid-way) is finished by
   * the scheduled jobs, and the change is still audited.
   */
  private async recomputeSafely(): Promise<number | null> {
    try {
      return await this.recompute(await this.calendar());
    } catch {
      return null;
    }
  }

  /** Withdraws an entered year: it goes back to the package's data or to provisional. */
  async withdrawYear(year: number, actor: StaffMember): Promise<CalendarChange> {
    const removed = await this.models.CalendarYear.findOneAndDelete({ _id: year }).lean();
    if (!removed) throw notFound(`${year} 年没有管理员录入的节假日安排`);
    await this.cache.bump();
    const calendar = await this.calendar();
    const recomputed = await this.recomputeSafely();
    await this.audit.record({
      actor: staffActor(actor),
      action: 'calendar.withdraw',
      subject: `calendar:${year}`,
      detail: { recomputed, basis: calendar.basis(year) },
    });
    return { year, basis: calendar.basis(year), recomputed };
  }
}

export function toOfficialYear(doc: {
  _id: number;
  holidays: { date: string; name?: string | null }[];
  workdays: { date: string; name?: string | null }[];
}): OfficialCalendarYear {
  return {
    year: doc._id,
    holidays: Object.fromEntries(doc.holidays.map((d) => [d.date, d.name ?? ''])),
    workdays: Object.fromEntries(doc.workdays.map((d) => [d.date, d.name ?? ''])),
  };
}

export const staffActor = (staff: StaffMember) => ({
  kind: 'staff' as const,
  id: staff.id,
  role: staff.role,
  ...(staff.county ? { county: staff.county } : {}),
});

export const conflictRevision = () =>
  new AppError(409, 'RULES_CHANGED', '数据已被其他管理员修改，请刷新后重试');
