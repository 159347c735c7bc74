// The supervision figures of 政务服务管理局 over one period and county, accumulated one application at a
// time so that memory stays bounded whatever the period holds: per-day counts (≤ 366 days), per-matter
// histograms of whole working days (from which median and 90th percentile are exact), counters of return
// reasons and scores, and only the most overdue matters (the list is capped; its total is not).
//
// Definitions (the console and the export say them in words):
// - A matter's clock starts when it goes to the agency: at submission, or at the 补正 that resubmitted it.
// - Processing time: working days after that day up to the day it was 办结 (即办 done the same day = 0).
// - Due date: the one stored at acceptance (the agency's time limit from the day it accepted); a matter the
//   agency never accepted is due by the same limit counted from its clock start — waiting for dispatch or
//   acceptance is not time off the clock.
// - Overdue: still open (not 办结, not back with the employer) after its due date, or 办结 after it.
//   Working days over: those after the due date up to today (or the day it was 办结).
import {
  MATTERS,
  MATTER_STATUSES,
  RATING_COMMENT_MAX_LENGTH,
  RATING_LABELS,
  RATING_SCORES,
  ratingGrade,
  SHANGRAO_COUNTIES,
  addDays,
  labelOf,
  matterDueDateOf,
  returnReasonOf,
  timeLimitLabel,
  todayInChina,
  type IsoDate,
  type MatterCode,
  type WorkingDayCalendar,
} from '@hiring/shared';
import type { MatterDoc } from '../../applications/models';
import { WorkingDayCounter } from './workingDayCounter';

/** What the dashboard reads of an application (never the sealed form). */
export interface FigureSource {
  _id: unknown;
  code: string;
  unitName?: string | null;
  county?: string | null;
  submittedAt: Date;
  matters: Pick<
    MatterDoc,
    'matter' | 'status' | 'acceptedOn' | 'dueDate' | 'completedAt' | 'reasons' | 'timeline'
  >[];
  rating?: { score?: number | null; comment?: string | null; ratedAt?: Date | null } | null;
}

export interface OverdueMatter {
  applicationId: string;
  code: string;
  unitName: string;
  county: string | null;
  countyLabel: string;
  matter: string;
  label: string;
  agencyLabel: string;
  status: string;
  statusLabel: string;
  /** The agency has not accepted it (still waiting for dispatch or acceptance). */
  neverAccepted: boolean;
  /** Still open today, or 办结 late. */
  open: boolean;
  startedOn: IsoDate;
  dueDate: IsoDate;
  /** The first day it was overdue. */
  overdueSince: IsoDate;
  /** Since when it has been in its present state. */
  statusSince: IsoDate;
  completedOn: IsoDate | null;
  workingDaysOver: number;
}

export interface Figures {
  period: { from: IsoDate; to: IsoDate; county: string | null; countyLabel: string; today: IsoDate };
  totals: {
    applications: number;
    matters: number;
    completed: number;
    open: number;
    returned: number;
    overdueOpen: number;
    completedLate: number;
    neverAcceptedOverdue: number;
  };
  perDay: { date: IsoDate; applications: number; matters: number }[];
  timeLimits: { workingDays: number; label: string; matters: number; share: number }[];
  matters: {
    matter: string;
    label: string;
    agencyLabel: string;
    timeLimit: string;
    total: number;
    completed: number;
    open: number;
    overdueOpen: number;
    completedLate: number;
    medianWorkingDays: number | null;
    p90WorkingDays: number | null;
  }[];
  overdue: { total: number; items: OverdueMatter[] };
  returns: { total: number; reasons: { code: string; label: string; count: number }[] };
  ratings: {
    count: number;
    average: number | null;
    /** 好评 (4-5) / 中评 (3) / 差评 (1-2), as the 政务服务好差评 scheme groups them. */
    grades: { good: number; neutral: number; bad: number };
    distribution: { score: number; label: string; count: number }[];
    recent: { code: string; unitName: string; score: number; comment: string; ratedAt: string }[];
  };
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** Instants → China dates, cached per day: every matter has several, and they fall on few days. */
const dayNames = new Map<number, IsoDate>();
function chinaDay(at: Date): IsoDate {
  const index = Math.floor((new Date(at).getTime() + CHINA_OFFSET_MS) / DAY_MS);
  let name = dayNames.get(index);
  if (name === undefined) {
    name = todayInChina(new Date(at));
    if (dayNames.size < 100_000) dayNames.set(index, name);
  }
  return name;
}
const statusLabel = (status: string) => labelOf(MATTER_STATUSES, status) ?? status;
const OPEN = new Set(['pending', 'accepted', 'reviewing']);
const RECENT_COMMENTS = 10;

/** Nearest-rank percentile of a histogram of whole working days (null when empty). */
export function percentileOf(histogram: Map<number, number>, p: number): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (!total) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value)!;
    if (seen >= rank) return value;
  }
  return null;
}

const worstFirst = (a: OverdueMatter, b: OverdueMatter) =>
  b.workingDaysOver - a.workingDaysOver ||
  Number(b.open) - Number(a.open) ||
  (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
  (a.code < b.code ? -1 : 1);

export class FigureAccumulator {
  private readonly counter: WorkingDayCounter;
  private readonly perDay = new Map<IsoDate, { applications: number; matters: number }>();
  private readonly perMatter = new Map<
    string,
    {
      total: number;
      completed: number;
      open: number;
      overdueOpen: number;
      completedLate: number;
      days: Map<number, number>;
    }
  >();
  private readonly totals: Figures['totals'] = {
    applications: 0,
    matters: 0,
    completed: 0,
    open: 0,
    returned: 0,
    overdueOpen: 0,
    completedLate: 0,
    neverAcceptedOverdue: 0,
  };
  private overdue: OverdueMatter[] = [];
  private overdueTotal = 0;
  private readonly reasons = new Map<string, number>();
  private returnsTotal = 0;
  private readonly scores: number[] = RATING_SCORES.map(() => 0);
  private recent: Figures['ratings']['recent'] = [];
  /** Due dates by time limit and start day (many matters share both). */
  private readonly dueDates = new Map<string, IsoDate | null>();

  constructor(
    private readonly calendar: WorkingDayCalendar,
    private readonly period: { from: IsoDate; to: IsoDate; county?: string | null },
    /** How many of the most overdue matters to keep (the list; the export keeps more). */
    private readonly keepOverdue: number,
    private readonly today: IsoDate = todayInChina(),
  ) {
    this.counter = new WorkingDayCounter(calendar, period.from);
    for (let day = period.from; day <= period.to; day = addDays(day, 1))
      this.perDay.set(day, { applications: 0, matters: 0 });
    for (const spec of MATTERS)
      this.perMatter.set(spec.code, {
        total: 0,
        completed: 0,
        open: 0,
        overdueOpen: 0,
        completedLate: 0,
        days: new Map(),
      });
  }

  add(doc: FigureSource): void {
    const submittedOn = chinaDay(doc.submittedAt);
    this.totals.applications += 1;
    const day = this.perDay.get(submittedOn);
    if (day) {
      day.applications += 1;
      day.matters += doc.matters.length;
    }
    for (const matter of doc.matters) this.addMatter(doc, matter, submittedOn);
    this.addRating(doc);
  }

  private addMatter(doc: FigureSource, matter: FigureSource['matters'][number], submittedOn: IsoDate) {
    const spec = MATTERS.find((m) => m.code === matter.matter);
    const figures = this.perMatter.get(matter.matter);
    if (!spec || !figures) return;
    this.totals.matters += 1;
    figures.total += 1;
    this.countReturns(matter);
    const timeline = matter.timeline ?? [];
    const lastPending = [...timeline].reverse().find((t) => t.status === 'pending');
    const startedOn = lastPending ? chinaDay(lastPending.at) : submittedOn;
    const completedOn =
      matter.status === 'completed' && matter.completedAt ? chinaDay(matter.completedAt) : null;
    if (matter.status === 'completed') {
      this.totals.completed += 1;
      figures.completed += 1;
      if (completedOn) {
        const days = this.counter.elapsed(startedOn, completedOn);
        figures.days.set(days, (figures.days.get(days) ?? 0) + 1);
      }
    } else if (matter.status === 'returned') {
      this.totals.returned += 1;
    } else {
      this.totals.open += 1;
      figures.open += 1;
    }

    const open = OPEN.has(matter.status);
    if (!open && !completedOn) return;
    const neverAccepted = !matter.acceptedOn;
    let dueDate = matter.dueDate ?? null;
    dueDate ??= this.dueDateOf(matter.matter as MatterCode, matter.acceptedOn ?? startedOn);
    if (!dueDate) return;
    const end = completedOn ?? this.today;
    if (end <= dueDate) return;
    if (open) {
      this.totals.overdueOpen += 1;
      figures.overdueOpen += 1;
      if (neverAccepted) this.totals.neverAcceptedOverdue += 1;
    } else {
      this.totals.completedLate += 1;
      figures.completedLate += 1;
    }
    this.overdueTotal += 1;
    const last = timeline[timeline.length - 1];
    this.keep({
      applicationId: String(doc._id),
      code: doc.code,
      unitName: doc.unitName ?? '',
      county: doc.county ?? null,
      countyLabel: (doc.county && SHANGRAO_COUNTIES[doc.county]) || '未注明区县',
      matter: matter.matter,
      label: spec.label,
      agencyLabel: spec.agencyLabel,
      status: matter.status,
      statusLabel: neverAccepted && open ? '部门尚未受理' : statusLabel(matter.status),
      neverAccepted,
      open,
      startedOn,
      dueDate,
      overdueSince: addDays(dueDate, 1),
      statusSince: last ? chinaDay(last.at) : startedOn,
      completedOn,
      workingDaysOver: this.counter.elapsed(dueDate, end),
    });
  }

  private dueDateOf(matter: MatterCode, from: IsoDate): IsoDate | null {
    const key = `${matter}:${from}`;
    let due = this.dueDates.get(key);
    if (due === undefined) {
      try {
        due = matterDueDateOf(this.calendar, matter, from).dueDate;
      } catch {
        due = null; // a date the calendar cannot count (past 2099): no due date to compare with
      }
      this.dueDates.set(key, due);
    }
    return due;
  }

  /** Every return an agency made: the codes kept on the timeline, else (older records) the current ones. */
  private countReturns(matter: FigureSource['matters'][number]) {
    const kept = (matter.timeline ?? []).filter((t) => t.status === 'returned' && t.reasonCodes?.length);
    const returns: string[][] = kept.length
      ? kept.map((t) => t.reasonCodes as string[])
      : matter.status === 'returned' && matter.reasons?.length
        ? [matter.reasons.map((r) => r.code ?? 'RETURNED')]
        : [];
    for (const codes of returns) {
      this.returnsTotal += 1;
      // A return naming one reason for several hires counts that reason once.
      for (const code of new Set(codes)) {
        const known = returnReasonOf(code).code;
        this.reasons.set(known, (this.reasons.get(known) ?? 0) + 1);
      }
    }
  }

  private addRating(doc: FigureSource) {
    const score = doc.rating?.score;
    if (!RATING_SCORES.includes(score as never)) return;
    this.scores[(score as number) - 1] += 1;
    const ratedAt = doc.rating?.ratedAt;
    const comment = (doc.rating?.comment ?? '').trim();
    if (!comment || !ratedAt) return;
    this.recent.push({
      code: doc.code,
      unitName: doc.unitName ?? '',
      score: score as number,
      comment: comment.slice(0, RATING_COMMENT_MAX_LENGTH),
      ratedAt: new Date(ratedAt).toISOString(),
    });
    if (this.recent.length > RECENT_COMMENTS * 2) this.trimRecent();
  }

  private trimRecent() {
    this.recent = this.recent.sort((a, b) => (a.ratedAt < b.ratedAt ? 1 : -1)).slice(0, RECENT_COMMENTS);
  }

  private keep(item: OverdueMatter) {
    this.overdue.push(item);
    // Sorting now and then keeps the list to at most twice the cap between sorts.
    if (this.overdue.length > this.keepOverdue * 2)
      this.overdue = this.overdue.sort(worstFirst).slice(0, this.keepOverdue);
  }

  result(): Figures {
    this.trimRecent();
    const ratingCount = this.scores.reduce((a, b) => a + b, 0);
    const scoreSum = this.scores.reduce((sum, count, i) => sum + count * (i + 1), 0);
    const limits = [...new Set(MATTERS.map((m) => m.workingDays))].sort((a, b) => a - b);
    return {
      period: {
        from: this.period.from,
        to: this.period.to,
        county: this.period.county ?? null,
        countyLabel: this.period.county
          ? (SHANGRAO_COUNTIES[this.period.county] ?? this.period.county)
          : '全市',
        today: this.today,
      },
      totals: { ...this.totals },
      perDay: [...this.perDay].map(([date, counts]) => ({ date, ...counts })),
      timeLimits: limits.map((workingDays) => {
        const matters = MATTERS.filter((m) => m.workingDays === workingDays).reduce(
          (sum, m) => sum + this.perMatter.get(m.code)!.total,
          0,
        );
        return {
          workingDays,
          label: timeLimitLabel(workingDays),
          matters,
          share: this.totals.matters ? Math.round((matters / this.totals.matters) * 1000) / 1000 : 0,
        };
      }),
      matters: MATTERS.map((spec) => {
        const f = this.perMatter.get(spec.code)!;
        return {
          matter: spec.code,
          label: spec.label,
          agencyLabel: spec.agencyLabel,
          timeLimit: timeLimitLabel(spec.workingDays),
          total: f.total,
          completed: f.completed,
          open: f.open,
          overdueOpen: f.overdueOpen,
          completedLate: f.completedLate,
          medianWorkingDays: percentileOf(f.days, 0.5),
          p90WorkingDays: percentileOf(f.days, 0.9),
        };
      }),
      overdue: { total: this.overdueTotal, items: this.overdue.sort(worstFirst).slice(0, this.keepOverdue) },
      returns: {
        total: this.returnsTotal,
        reasons: [...this.reasons]
          .map(([code, count]) => ({ code, label: returnReasonOf(code).label, count }))
          .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
      },
      ratings: {
        count: ratingCount,
        average: ratingCount ? Math.round((scoreSum / ratingCount) * 100) / 100 : null,
        grades: RATING_SCORES.reduce(
          (grades, score) => ({
            ...grades,
            [ratingGrade(score)]: grades[ratingGrade(score)] + this.scores[score - 1],
          }),
          { good: 0, neutral: 0, bad: 0 },
        ),
        distribution: RATING_SCORES.map((score) => ({
          score,
          label: RATING_LABELS[score],
          count: this.scores[score - 1],
        })),
        recent: this.recent,
      },
    };
  }
}
