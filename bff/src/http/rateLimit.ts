// Fixed-window request limits, counted in the database so every bff process behind a balancer shares
// them (one atomic upsert per hit: `$inc` on the window's document). Each kind of traffic has a budget of
// its own (bucket), so failed logins from an office IP cannot lock out its valid sessions, logins or the
// agencies' callbacks. Health checks are counted in memory: they must not need the database.
import type { Context } from 'koa';
import type { IMiddleware } from 'koa-router';
import { Schema, type Connection, type Model } from 'mongoose';
import { trusted } from 'mongoose';
import { AppError } from './errors';

interface CounterDoc {
  _id: string;
  count: number;
  /** The window's end: the purge job deletes counters past it (the embedded server has no TTL index). */
  expiresAt: Date;
}

const counterSchema = new Schema<CounterDoc>(
  { _id: { type: String, required: true }, count: { type: Number, required: true }, expiresAt: Date },
  { versionKey: false },
);
counterSchema.index({ expiresAt: 1 });

export function counterModel(db: Connection): Model<CounterDoc> {
  return (db.models.RateCounter as Model<CounterDoc>) ?? db.model<CounterDoc>('RateCounter', counterSchema);
}

/** Shared counters in the database, one document per bucket, key and window. */
export class RateCounters {
  constructor(private readonly Counter: Model<CounterDoc>) {}

  /**
   * Counts `amount` hits (one unless a process takes a lease of several); returns the count in the current
   * window (these hits included) and when it ends.
   */
  async hit(bucket: string, key: string, windowMs: number, now = Date.now(), amount = 1) {
    const start = Math.floor(now / windowMs) * windowMs;
    const id = `${bucket}:${key}:${start}`;
    const update = { $inc: { count: amount }, $setOnInsert: { expiresAt: new Date(start + windowMs) } };
    let doc: CounterDoc | null = null;
    for (let attempt = 0; !doc && attempt < 3; attempt++) {
      try {
        doc = await this.Counter.findOneAndUpdate({ _id: id }, update, {
          upsert: true,
          returnDocument: 'after',
        }).lean<CounterDoc>();
      } catch (error) {
        // Two first hits raced to insert the window: the loser increments the winner's document.
        if ((error as { code?: number }).code !== 11000) throw error;
      }
    }
    return { count: doc?.count ?? amount, resetAt: start + windowMs };
  }

  /** The count so far in the current window, without counting. */
  async peek(bucket: string, key: string, windowMs: number, now = Date.now()): Promise<number> {
    const start = Math.floor(now / windowMs) * windowMs;
    const doc = await this.Counter.findById(`${bucket}:${key}:${start}`).lean<CounterDoc>();
    return doc?.count ?? 0;
  }

  async purgeExpired(now = new Date()): Promise<number> {
    return (await this.Counter.deleteMany({ expiresAt: trusted({ $lt: now }) })).deletedCount;
  }
}

export interface Limiter {
  /** Counts a hit; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now?: number): Promise<number> | number;
}

/** Hits a process may take from the shared counter at once: a sixteenth of the limit, less as it nears it. */
const LEASE_SHARE = 16;

/**
 * A budget of `limit` hits per window for one kind of traffic, shared by every process. A process takes
 * hits from the shared counter in leases — up to a sixteenth of the limit, and never more than an eighth of
 * what it last saw left — and spends them locally: one database round trip per lease instead of one per
 * request (two of an autosave's five were these counters). Never more than `limit` are allowed in a window:
 * a lease is granted only up to the limit. Hits leased by a process that then goes quiet count as spent, so a
 * client spread over P processes may be refused up to P leases early; limits under 16 lease one at a time,
 * exactly as counted before.
 */
export class RateLimiter implements Limiter {
  private readonly leases = new Map<
    string,
    { start: number; left: number; seen: number; taking?: Promise<void> }
  >();

  constructor(
    private readonly counters: RateCounters,
    readonly bucket: string,
    private readonly limit: number,
    private readonly windowMs = 60000,
  ) {}

  async hit(key: string, now = Date.now()): Promise<number> {
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    const resetAt = start + this.windowMs;
    const wait = () => Math.max(1, Math.ceil((resetAt - now) / 1000));
    for (;;) {
      let lease = this.leases.get(key);
      if (!lease || lease.start !== start) {
        if (this.leases.size > 50000) this.sweep(start);
        lease = { start, left: 0, seen: 0 };
        this.leases.set(key, lease);
      }
      if (lease.left > 0) {
        lease.left -= 1;
        return 0;
      }
      if (lease.seen >= this.limit) return wait();
      // Requests arriving while a lease is being taken wait for it rather than each taking their own.
      if (lease.taking) {
        await lease.taking;
        continue;
      }
      const taken = lease;
      const size = Math.max(
        1,
        Math.min(Math.floor(this.limit / LEASE_SHARE), Math.floor((this.limit - taken.seen) / 8)),
      );
      taken.taking = this.counters.hit(this.bucket, key, this.windowMs, now, size).then(
        ({ count }) => {
          taken.seen = count;
          // Only what is still within the limit is granted; the rest of the lease stays counted.
          taken.left += Math.max(0, Math.min(size, this.limit - (count - size)));
          taken.taking = undefined;
        },
        (error: unknown) => {
          taken.taking = undefined;
          throw error;
        },
      );
      await taken.taking;
      if (taken.left === 0) return wait();
    }
  }

  private sweep(start: number) {
    for (const [key, lease] of this.leases)
      if (lease.start !== start && !lease.taking) this.leases.delete(key);
  }

  /** Seconds to wait if the budget is already spent, without counting. */
  async exhausted(key: string, now = Date.now()): Promise<number> {
    const count = await this.counters.peek(this.bucket, key, this.windowMs, now);
    const resetAt = Math.floor(now / this.windowMs) * this.windowMs + this.windowMs;
    return count >= this.limit ? Math.max(1, Math.ceil((resetAt - now) / 1000)) : 0;
  }
}

/** In one process only: for health checks, which must answer without the database. */
export class MemoryRateLimiter implements Limiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60000,
  ) {}

  hit(key: string, now = Date.now()): number {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > 50000) this.sweep(now);
    }
    window.count += 1;
    return window.count > this.limit ? Math.ceil((window.start + this.windowMs - now) / 1000) : 0;
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows)
      if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}

export const tooManyRequests = (ctx: Pick<Context, 'set'>, wait: number) => {
  ctx.set('Retry-After', String(wait));
  return new AppError(429, 'TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试');
};

export function rateLimit(
  limiter: Limiter,
  keyOf: (ctx: Pick<Context, 'ip' | 'path'>) => string | undefined,
): IMiddleware {
  return async function limitRequests(ctx, next): Promise<void> {
    const key = keyOf(ctx);
    if (key) {
      const wait = await limiter.hit(key);
      if (wait > 0) throw tooManyRequests(ctx, wait);
    }
    await next();
  };
}
