// The outbox workers. Any number of bff processes may run them. A worker leases one application at a time
// (one atomic findOneAndUpdate on top-level fields) and delivers its due matters; a matter whose previous
// attempt may have reached the agency (timeout, crash) is first looked up by its idempotency key, so nobody
// is registered twice. Writes are guarded by the lease, so a worker that lost its lease changes nothing.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { trusted, type Model } from 'mongoose';
import { routeMatters, type MatterCode, type RoutedMatter } from '@hiring/shared';
import type { MaterialStore } from '../applications/materials';
import type { Logger } from '../logger';
import type { FieldCipher } from '../security/fieldCipher';
import type { ApplicationDoc, MatterDoc } from '../applications/models';
import type { SealedApplication } from '../applications/view';
import type { AgencyClient, AgencyCaseView, AgencyId, DeliveryOutcome } from './agencyClient';
import type { MatterProgress } from './matterProgress';

export interface DispatcherOptions {
  leaseMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  pollMs: number;
  /** How long a pending case may go without news before the agency is asked (lost callbacks). */
  reconcileAfterMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  leaseMs: 30000,
  backoffBaseMs: 1000,
  backoffCapMs: 5 * 60000,
  pollMs: 500,
  reconcileAfterMs: 10 * 60000,
};

const EPOCH = new Date(0);
const OPEN_STATES = ['due', 'unknown', 'inflight'];
const isOpen = (m: MatterDoc) => OPEN_STATES.includes(m.dispatch.state);

/** Exponential backoff with "equal jitter": half fixed, half random, so retries of many cases spread out. */
export function backoffDelay(tries: number, baseMs: number, capMs: number, random = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, tries - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

type Leased = ApplicationDoc & { _id: unknown };

/** What each agency receives (shared's routeMatters), keyed by matter. */
type Routed = {
  byMatter: Partial<Record<MatterCode, RoutedMatter>>;
  verifiedOperator?: SealedApplication['verifiedOperator'];
};

export class Dispatcher {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private running = false;
  private wakers = new Set<() => void>();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly Application: Model<ApplicationDoc>,
    private readonly agencies: AgencyClient,
    private readonly progress: MatterProgress,
    private readonly cipher: FieldCipher,
    private readonly logger: Logger,
    private readonly options: DispatcherOptions = DEFAULT_DISPATCHER_OPTIONS,
    private readonly materials?: Pick<MaterialStore, 'forAgency'>,
  ) {}

  start(concurrency = 4): void {
    if (this.running) return;
    this.running = true;
    this.loops = Array.from({ length: concurrency }, () => this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await Promise.all(this.loops);
  }

  /** Something became due (a submission, a 补正): look now instead of at the next poll. */
  nudge(): void {
    for (const wake of this.wakers) wake();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = (await this.dispatchOne()) || (await this.reconcileOne()) || (await this.noticeOne());
      } catch (error) {
        this.logger.error({ err: error }, 'dispatch loop error');
      }
      if (!worked && this.running) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            this.wakers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, this.options.pollMs);
          this.wakers.add(wake);
        });
      }
    }
  }

  /** Leases one application with due deliveries and makes them. Returns false when nothing was due. */
  async dispatchOne(now = new Date()): Promise<boolean> {
    const doc = await this.Application.findOneAndUpdate(
      {
        dispatchPending: true,
        nextDispatchAt: trusted({ $lte: now }),
        dispatchLeaseUntil: trusted({ $lt: now }),
      },
      {
        $set: {
          dispatchLeaseOwner: this.owner,
          dispatchLeaseUntil: new Date(now.getTime() + this.options.leaseMs),
        },
      },
      { sort: { nextDispatchAt: 1 }, returnDocument: 'after' },
    ).lean();
    if (!doc) return false;
    const due = doc.matters
      .map((matter, index) => ({ matter, index }))
      .filter(({ matter }) => isOpen(matter) && matter.dispatch.nextAttemptAt <= now);
    // One decryption and routing per lease, whichever of its matters are sent.
    let routed: Routed | undefined;
    const route = () => (routed ??= this.route(doc));
    await Promise.all(due.map(({ matter, index }) => this.deliver(doc, matter, index, route)));
    await this.release(doc._id, doc.dispatchGeneration ?? 0);
    return true;
  }

  /** Filter for writes by the lease holder to matter `index` of `attempt`. */
  private mine(doc: { _id: unknown }, index: number, matter: MatterDoc) {
    return {
      _id: doc._id,
      dispatchLeaseOwner: this.owner,
      [`matters.${index}.matter`]: matter.matter,
      [`matters.${index}.attempt`]: matter.attempt,
    };
  }

  private async deliver(doc: Leased, matter: MatterDoc, index: number, route: () => Routed): Promise<void> {
    const agency = matter.agency as AgencyId;
    const key = matter.dispatch.idempotencyKey;
    const at = `matters.${index}`;
    const log = this.logger.child({
      application: String(doc._id),
      matter: matter.matter,
      attempt: matter.attempt,
    });
    // Every attempt counts, a status query included: the backoff grows while an agency stays down.
    const tries = matter.dispatch.tries + 1;
    const counted = await this.Application.updateOne(this.mine(doc, index, matter), {
      $set: { [`${at}.dispatch.tries`]: tries },
    });
    if (counted.matchedCount !== 1) return; // lease lost
    const attempt = { ...matter, dispatch: { ...matter.dispatch, tries } };

    if (matter.dispatch.state !== 'due') {
      // The last attempt may have reached the agency (timeout, or its worker died): ask before sending again.
      let known: AgencyCaseView | null;
      try {
        known = await this.agencies.findByKey(agency, key);
      } catch (error) {
        await this.retryLater(doc, attempt, index, `status query failed: ${(error as Error).message}`);
        return;
      }
      if (known) {
        log.info({ caseId: known.caseId }, 'agency already had the case; not resending');
        await this.finish(doc, attempt, index, { kind: 'answered', view: known });
        return;
      }
    }

    const { payload, employeeKeys } = await this.payloadFor(doc, matter, route());
    const marked = await this.Application.updateOne(this.mine(doc, index, matter), {
      $set: { [`${at}.dispatch.state`]: 'inflight', [`${at}.sentEmployeeKeys`]: employeeKeys },
    });
    if (marked.matchedCount !== 1) return; // lease lost before sending
    const outcome = await this.agencies.deliver(agency, key, payload);
    if (outcome.kind === 'unknown') {
      log.warn({ error: outcome.error, tries }, 'delivery outcome unknown; will ask, then retry');
      await this.retryLater(doc, attempt, index, outcome.error);
      return;
    }
    await this.finish(doc, attempt, index, outcome);
  }

  private route(doc: ApplicationDoc): Routed {
    const { form, excluded, verifiedOperator } = this.cipher.decrypt<SealedApplication>(doc.sealed);
    return { byMatter: routeMatters(form as never, { excluded }), verifiedOperator };
  }

  /** The declared fields of the matter in the agency's names (shared's declaration), as they were submitted. */
  private async payloadFor(doc: ApplicationDoc, matter: MatterDoc, routed: Routed) {
    const part = routed.byMatter[matter.matter as MatterCode];
    const materials = matter.materialIds?.length ? await this.materials?.forAgency(matter.materialIds) : [];
    return {
      payload: {
        matter: matter.matter,
        applicationCode: doc.code,
        ...part?.body,
        // Who filed the case, as verified by 公安, and under which authority for the unit (issue 13).
        ...(routed.verifiedOperator ? { verifiedOperator: routed.verifiedOperator } : {}),
        // 补正材料 the agency asked for (a MATERIALS_MISSING return).
        ...(materials?.length ? { materials } : {}),
      },
      employeeKeys: part?.employeeKeys ?? [],
    };
  }

  private async retryLater(doc: Leased, matter: MatterDoc, index: number, error: string): Promise<void> {
    const delay = backoffDelay(
      Math.max(1, matter.dispatch.tries),
      this.options.backoffBaseMs,
      this.options.backoffCapMs,
    );
    const at = `matters.${index}.dispatch`;
    await this.Application.updateOne(this.mine(doc, index, matter), {
      $set: {
        [`${at}.state`]: 'unknown',
        [`${at}.nextAttemptAt`]: new Date(Date.now() + delay),
        [`${at}.lastError`]: error.slice(0, 300),
      },
    });
  }

  private async finish(
    doc: Leased,
    matter: MatterDoc,
    index: number,
    outcome: Exclude<DeliveryOutcome, { kind: 'unknown' }>,
  ) {
    const view: AgencyCaseView =
      outcome.kind === 'answered'
        ? outcome.view
        : {
            caseId: '',
            status: 'returned',
            reasons: [
              {
                code: outcome.code,
                message: `部门系统拒收：${outcome.message}${outcome.errors.length ? `（${outcome.errors.map((e) => e.message).join('；')}）` : ''}`,
              },
            ],
          };
    // The agency's answer first (forward-only, so applying it twice is harmless), the delivery mark second:
    // a process killed in between leaves the delivery "inflight", and the next worker asks the agency again.
    await this.progress.apply(String(doc._id), matter.matter, matter.attempt, view, 'delivery');
    const at = `matters.${index}`;
    const done = await this.Application.updateOne(this.mine(doc, index, matter), {
      $set: {
        [`${at}.dispatch.state`]: outcome.kind === 'answered' ? 'delivered' : 'failed',
        [`${at}.dispatch.lastError`]:
          outcome.kind === 'rejected' ? `${outcome.status} ${outcome.code}` : null,
        ...(outcome.kind === 'answered' ? { [`${at}.caseId`]: outcome.view.caseId } : {}),
      },
    });
    if (done.matchedCount !== 1) {
      // Our lease expired and another worker took over: it asks the agency and finishes the delivery.
      this.logger.warn(
        { application: String(doc._id), matter: matter.matter },
        'lost the lease before finishing',
      );
    }
  }

  /**
   * Frees the lease and schedules the application's next delivery. Unless a 补正 queued new work meanwhile
   * (the generation changed), in which case it stays due now.
   */
  private async release(id: unknown, generation: number): Promise<void> {
    const doc = await this.Application.findById(id, { matters: 1 }).lean();
    const open = (doc?.matters ?? []).filter(isOpen);
    const next = open.length
      ? new Date(Math.min(...open.map((m) => m.dispatch.nextAttemptAt.getTime())))
      : new Date();
    const settled = await this.Application.updateOne(
      { _id: id, dispatchLeaseOwner: this.owner, dispatchGeneration: generation },
      {
        $set: {
          dispatchPending: open.length > 0,
          nextDispatchAt: next,
          dispatchLeaseOwner: null,
          dispatchLeaseUntil: EPOCH,
        },
      },
    );
    if (settled.matchedCount === 0) {
      await this.Application.updateOne(
        { _id: id, dispatchLeaseOwner: this.owner },
        {
          $set: {
            dispatchPending: true,
            nextDispatchAt: new Date(),
            dispatchLeaseOwner: null,
            dispatchLeaseUntil: EPOCH,
          },
        },
      );
    }
  }

  /**
   * Sends one 办结 notice a killed process left unsent (all matters completed, no notice mark). The process
   * that wrote the last decision is given a lease's time to send it itself: sent from here at once, the
   * 办结 notice came before that matter's own notice and the list showed it second (seen under load).
   */
  async noticeOne(now = new Date()): Promise<boolean> {
    const doc = await this.Application.findOne({
      completedNoticeAt: null,
      dispatchPending: false,
      updatedAt: trusted({ $lt: new Date(now.getTime() - this.options.leaseMs) }),
      'matters.status': trusted({ $nin: ['pending', 'accepted', 'reviewing', 'returned'] }),
    }).lean();
    return doc ? this.progress.feedBack(doc) : false;
  }

  /** Asks the agency about one case that has gone without news for a while (a lost callback). */
  async reconcileOne(now = new Date()): Promise<boolean> {
    const stale = new Date(now.getTime() - this.options.reconcileAfterMs);
    const candidate = await this.Application.findOne(
      {
        matters: trusted({
          $elemMatch: {
            status: { $in: ['accepted', 'reviewing'] },
            'dispatch.state': 'delivered',
            lastCheckedAt: { $lt: stale },
          },
        }),
      },
      { matters: 1 },
    ).lean();
    if (!candidate) return false;
    const index = candidate.matters.findIndex(
      (m) =>
        ['accepted', 'reviewing'].includes(m.status) &&
        m.dispatch.state === 'delivered' &&
        (m.lastCheckedAt ?? EPOCH) < stale,
    );
    if (index < 0) return false;
    const matter = candidate.matters[index];
    // Claim this check: only the process that moves lastCheckedAt forward asks.
    const claimed = await this.Application.updateOne(
      {
        _id: candidate._id,
        [`matters.${index}.attempt`]: matter.attempt,
        [`matters.${index}.lastCheckedAt`]: matter.lastCheckedAt,
      },
      { $set: { [`matters.${index}.lastCheckedAt`]: now } },
    );
    if (claimed.modifiedCount !== 1 || !matter.caseId) return true;
    try {
      const view = await this.agencies.findByCase(matter.agency as AgencyId, matter.caseId);
      if (view)
        await this.progress.apply(String(candidate._id), matter.matter, matter.attempt, view, 'status-query');
    } catch (error) {
      this.logger.warn({ err: error, matter: matter.matter }, 'status query failed; will ask again later');
    }
    return true;
  }
}
