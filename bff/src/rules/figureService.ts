// Rule figures as administrators keep them: one document per kind holding its periods, changed by
// compare-and-set on its revision, every change checked (shared's checkFigurePeriods/checkRuleConfigs),
// kept in the history and audited. Every bff process reads the figures through a RevisionCache, so a
// change is in force everywhere on the next use.
import {
  DEFAULT_RULE_FIGURES,
  RULE_FIGURE_KINDS,
  addDays,
  checkFigurePeriods,
  checkRuleConfigs,
  resolveRuleConfig,
  ruleConfigsFromFigures,
  ruleFigureLabel,
  todayInChina,
  type AnyRuleFigurePeriod,
  type RuleConfig,
  type RuleFigureKind,
} from '@hiring/shared';
import type { AuditLog } from '../audit/auditLog';
import type { StaffMember } from '../staff/requireStaff';
import { AppError, notFound, validationFailed } from '../http/errors';
import type { FigurePeriodDoc, RuleModels } from './models';
import { RevisionCache } from './revisionCache';
import { conflictRevision, staffActor } from './calendarService';

export interface FigureInput {
  effectiveFrom: string;
  effectiveTo?: string | null;
  value: unknown;
  placeholder: boolean;
  source: string;
}

export type FigurePatch = Partial<Omit<FigureInput, 'effectiveFrom'>>;

interface Figures {
  revision: number;
  periods: AnyRuleFigurePeriod[];
  configs: RuleConfig[];
}

const periodOf = (kind: RuleFigureKind, p: FigurePeriodDoc): AnyRuleFigurePeriod =>
  ({
    kind,
    effectiveFrom: p.effectiveFrom,
    effectiveTo: p.effectiveTo ?? null,
    value: p.value,
    placeholder: p.placeholder,
    source: p.source,
  }) as AnyRuleFigurePeriod;

const docOf = (p: AnyRuleFigurePeriod): FigurePeriodDoc => ({
  effectiveFrom: p.effectiveFrom,
  effectiveTo: p.effectiveTo,
  value: p.value,
  placeholder: p.placeholder,
  source: p.source,
});

/** Only the fields each kind has, so nothing unexpected is stored; types are checked by shared. */
export function pickValue(kind: RuleFigureKind, value: unknown): unknown {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const pick = (o: unknown, keys: string[]) =>
    Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown> | undefined)?.[k]]));
  switch (kind) {
    case 'minimumWage':
      return { zones: pick(v.zones, ['1', '2', '3']), counties: v.counties, defaultZone: v.defaultZone };
    case 'socialInsuranceBase':
      return pick(v, ['floor', 'cap']);
    case 'housingFundRatio':
      return pick(v, ['minPercent', 'maxPercent']);
    case 'housingFundBaseCap':
      return pick(v, ['cap']);
    case 'retirement': {
      const rule = ['baseYears', 'firstDelayedBirth', 'birthMonthsPerExtraMonth', 'maxExtraMonths'];
      return {
        male: pick(v.male, rule),
        femaleCadre: pick(v.femaleCadre, rule),
        femaleWorker: pick(v.femaleWorker, rule),
      };
    }
  }
}

export class FigureService {
  private readonly cache: RevisionCache<Figures>;

  constructor(
    private readonly models: RuleModels,
    private readonly audit: AuditLog,
  ) {
    this.cache = new RevisionCache(models.RuleState, 'figures', async (revision) => {
      const sets = await models.FigureSet.find().lean();
      const periods = sets.flatMap((set) => set.periods.map((p) => periodOf(set._id as RuleFigureKind, p)));
      return { revision, periods, configs: ruleConfigsFromFigures(periods, revision) };
    });
  }

  /** The figures as RuleConfig values for shared's validation (it picks the one in force on the application date). */
  async configs(): Promise<RuleConfig[]> {
    return (await this.cache.get()).configs;
  }

  /** Every kind with its periods (the shipped ones where none were entered) and the one in force today. */
  async list(today = todayInChina()) {
    const figures = await this.cache.get();
    const sets = await this.models.FigureSet.find({}, { revision: 1, updatedAt: 1 }).lean();
    return {
      revision: figures.revision,
      kinds: RULE_FIGURE_KINDS.map(({ code, label }) => {
        const periods = this.periodsOf(figures.periods, code);
        const set = sets.find((s) => s._id === code);
        return {
          kind: code,
          label,
          revision: set?.revision ?? 0,
          shipped: !set,
          inForce:
            periods.find(
              (p) => p.effectiveFrom <= today && (p.effectiveTo === null || today <= p.effectiveTo),
            ) ?? null,
          periods,
        };
      }),
    };
  }

  async history(kind: RuleFigureKind) {
    const items = await this.models.FigureRevision.find({ kind }).sort({ revision: -1 }).limit(100).lean();
    return items.map((r) => ({
      revision: r.revision,
      change: r.change,
      effectiveFrom: r.effectiveFrom ?? null,
      by: r.by?.id ?? null,
      at: r.at,
      periods: r.periods.map((p) => periodOf(kind, p)),
    }));
  }

  /** Adds a period; an open-ended period it follows is closed the day before it starts. */
  add(kind: RuleFigureKind, input: FigureInput, actor: StaffMember, revision?: number) {
    return this.change(kind, 'add', input.effectiveFrom, actor, revision, (periods) => {
      if (periods.some((p) => p.effectiveFrom === input.effectiveFrom))
        throw new AppError(
          409,
          'PERIOD_EXISTS',
          `${ruleFigureLabel(kind)}已有 ${input.effectiveFrom} 起生效的期间，请修改该期间`,
        );
      const closed = periods.map((p) =>
        p.effectiveTo === null && p.effectiveFrom < input.effectiveFrom
          ? ({ ...p, effectiveTo: addDays(input.effectiveFrom, -1) } as AnyRuleFigurePeriod)
          : p,
      );
      return [...closed, this.periodFrom(kind, input)];
    });
  }

  /** Corrects a period (value, placeholder flag, source or end date). */
  update(
    kind: RuleFigureKind,
    effectiveFrom: string,
    patch: FigurePatch,
    actor: StaffMember,
    revision?: number,
  ) {
    return this.change(kind, 'update', effectiveFrom, actor, revision, (periods) => {
      const current = periods.find((p) => p.effectiveFrom === effectiveFrom);
      if (!current) throw notFound(`${ruleFigureLabel(kind)}没有 ${effectiveFrom} 起生效的期间`);
      const next = this.periodFrom(kind, {
        effectiveFrom,
        effectiveTo: patch.effectiveTo === undefined ? current.effectiveTo : patch.effectiveTo,
        value: patch.value === undefined ? current.value : patch.value,
        placeholder: patch.placeholder ?? current.placeholder,
        source: patch.source ?? current.source,
      });
      return periods.map((p) => (p === current ? next : p));
    });
  }

  /** Removes a period not yet in force; the period before it then runs on as before it was added. */
  remove(kind: RuleFigureKind, effectiveFrom: string, actor: StaffMember, revision?: number) {
    return this.change(kind, 'delete', effectiveFrom, actor, revision, (periods) => {
      const current = periods.find((p) => p.effectiveFrom === effectiveFrom);
      if (!current) throw notFound(`${ruleFigureLabel(kind)}没有 ${effectiveFrom} 起生效的期间`);
      if (effectiveFrom <= todayInChina())
        throw new AppError(409, 'PERIOD_IN_FORCE', '已生效的期间不能删除：请新增一个期间或修改该期间');
      return periods
        .filter((p) => p !== current)
        .map((p) =>
          p.effectiveTo === addDays(effectiveFrom, -1)
            ? ({ ...p, effectiveTo: current.effectiveTo } as AnyRuleFigurePeriod)
            : p,
        );
    });
  }

  private periodFrom(kind: RuleFigureKind, input: FigureInput): AnyRuleFigurePeriod {
    return {
      kind,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
      value: pickValue(kind, input.value),
      placeholder: input.placeholder,
      source: input.source.trim(),
    } as AnyRuleFigurePeriod;
  }

  private periodsOf(all: readonly AnyRuleFigurePeriod[], kind: RuleFigureKind): AnyRuleFigurePeriod[] {
    const own = all.filter((p) => p.kind === kind);
    const periods = own.length ? own : DEFAULT_RULE_FIGURES.filter((p) => p.kind === kind);
    return [...periods].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  }

  private async change(
    kind: RuleFigureKind,
    change: 'add' | 'update' | 'delete',
    effectiveFrom: string,
    actor: StaffMember,
    expectedRevision: number | undefined,
    edit: (periods: AnyRuleFigurePeriod[]) => AnyRuleFigurePeriod[],
  ) {
    const set = await this.models.FigureSet.findById(kind).lean();
    const revision = set?.revision ?? 0;
    if (expectedRevision !== undefined && expectedRevision !== revision) throw conflictRevision();
    const figures = await this.cache.get();
    const current = set
      ? set.periods.map((p) => periodOf(kind, p))
      : DEFAULT_RULE_FIGURES.filter((p) => p.kind === kind);
    const refuse = async (problems: string[]) => {
      await this.audit.record({
        actor: staffActor(actor),
        action: `rules.figure.${change}`,
        subject: `figure:${kind}`,
        outcome: 'refused',
        detail: { effectiveFrom, problems: problems.length },
      });
      return validationFailed(
        problems.map((message) => ({ path: kind, message })),
        `${ruleFigureLabel(kind)}未保存：${problems[0]}`,
      );
    };
    let periods: AnyRuleFigurePeriod[];
    try {
      periods = edit(current).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
    } catch (error) {
      if (error instanceof AppError) await refuse([error.message]);
      throw error;
    }
    const problems = checkFigurePeriods(kind, periods);
    if (!problems.length) {
      const others = figures.periods.filter((p) => p.kind !== kind);
      problems.push(...checkRuleConfigs(ruleConfigsFromFigures([...others, ...periods])));
    }
    if (problems.length) throw await refuse(problems);

    const next = revision + 1;
    const now = new Date();
    try {
      const written = await this.models.FigureSet.findOneAndUpdate(
        { _id: kind, revision },
        {
          $set: {
            periods: periods.map(docOf),
            revision: next,
            updatedAt: now,
            updatedBy: { id: actor.id, role: actor.role },
          },
        },
        { upsert: revision === 0, returnDocument: 'after' },
      ).lean();
      if (!written) throw conflictRevision();
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw conflictRevision();
      throw error;
    }
    await this.models.FigureRevision.create({
      kind,
      revision: next,
      change,
      effectiveFrom,
      periods: periods.map(docOf),
      by: { id: actor.id, role: actor.role },
      at: now,
    });
    await this.cache.bump();
    const changed = periods.find((p) => p.effectiveFrom === effectiveFrom) ?? null;
    await this.audit.record({
      actor: staffActor(actor),
      action: `rules.figure.${change}`,
      subject: `figure:${kind}`,
      detail: {
        effectiveFrom,
        revision: next,
        placeholder: changed?.placeholder ?? null,
        periods: periods.length,
      },
    });
    return { kind, label: ruleFigureLabel(kind), revision: next, periods };
  }

  /** The figures in force on `date` (for tests and tools). */
  async inForceOn(date: string): Promise<RuleConfig> {
    return resolveRuleConfig(date, await this.configs());
  }
}
