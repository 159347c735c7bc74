// A value built from the database that every bff process keeps in memory and rebuilds when another
// process changed it: each use first reads one tiny revision document (by _id), so a change made through
// any process is in force for the next use everywhere, with no restart and no polling interval to wait.
import type { Model } from 'mongoose';
import type { RuleStateDoc } from './models';

export class RevisionCache<T> {
  private cached?: { revision: number; value: T };
  private loading?: { revision: number; promise: Promise<T> };
  private checking?: Promise<number>;

  constructor(
    private readonly State: Model<RuleStateDoc>,
    private readonly key: string,
    private readonly load: (revision: number) => Promise<T>,
  ) {}

  /** The current revision; concurrent callers share one read. */
  revision(): Promise<number> {
    this.checking ??= this.State.findById(this.key, { revision: 1 })
      .lean()
      .then((doc) => doc?.revision ?? 0)
      .finally(() => {
        this.checking = undefined;
      });
    return this.checking;
  }

  async get(): Promise<T> {
    const revision = await this.revision();
    if (this.cached?.revision === revision) return this.cached.value;
    if (this.loading?.revision !== revision) {
      const promise = this.load(revision).then((value) => {
        // Keep the newest: a slower load of an older revision must not replace it.
        if (!this.cached || this.cached.revision <= revision) this.cached = { revision, value };
        return value;
      });
      this.loading = { revision, promise };
      promise
        .finally(() => {
          if (this.loading?.promise === promise) this.loading = undefined;
        })
        .catch(() => undefined);
    }
    return this.loading!.promise;
  }

  /** Records a change: readers in every process rebuild on their next use. */
  async bump(): Promise<number> {
    const doc = await this.State.findOneAndUpdate(
      { _id: this.key },
      { $inc: { revision: 1 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    return doc!.revision;
  }
}
