// Failed lookups per 办件编码 and per client, kept in the database so that every bff process sees the
// same count: 5 wrong passwords for one code within an hour lock that code for the rest of the hour, and
// 20 failures from one client within an hour lock that client. A lookup first records an attempt and
// then counts, so parallel guesses cannot slip past the limit; a successful lookup removes its attempt.
import { Schema, trusted, type Connection, type Model } from 'mongoose';

export const LOOKUP_LIMITS = { perCode: 5, perClient: 20, windowMs: 3600_000 } as const;

const attemptSchema = new Schema(
  {
    /** code:<办件编码> or client:<ip>. */
    key: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
attemptSchema.index({ key: 1, at: -1 });
// MongoDB removes old attempts by itself; counting looks only inside the window either way.
attemptSchema.index({ at: 1 }, { expireAfterSeconds: LOOKUP_LIMITS.windowMs / 1000 });

type Attempt = { key: string; at: Date };

export function attemptModel(db: Connection): Model<Attempt> {
  return (db.models.LookupAttempt as Model<Attempt>) ?? db.model<Attempt>('LookupAttempt', attemptSchema);
}

export type Reservation =
  | { ok: true; release: () => Promise<void> }
  | { ok: false; scope: 'code' | 'client'; retryAfterSeconds: number };

export class LookupAttempts {
  constructor(
    private readonly Attempt: Model<Attempt>,
    private readonly limits: { perCode: number; perClient: number; windowMs: number } = LOOKUP_LIMITS,
  ) {}

  /** Records an attempt for the code and the client; refuses when either is over its limit. */
  async reserve(code: string, client: string, now = new Date()): Promise<Reservation> {
    const since = new Date(now.getTime() - this.limits.windowMs);
    const keys = [
      { key: `code:${code}`, limit: this.limits.perCode, scope: 'code' as const },
      { key: `client:${client}`, limit: this.limits.perClient, scope: 'client' as const },
    ];
    const inserted = await this.Attempt.insertMany(keys.map(({ key }) => ({ key, at: now })));
    const ids = inserted.map((doc) => doc._id);
    const release = async () => {
      await this.Attempt.deleteMany({ _id: trusted({ $in: ids }) });
    };
    for (const { key, limit, scope } of keys) {
      const recent = await this.Attempt.find({ key, at: trusted({ $gt: since }) }, { at: 1 })
        .sort({ at: 1 })
        .limit(limit + 1)
        .lean();
      if (recent.length > limit) {
        await release();
        // Free again once the oldest failure in the window leaves it.
        const oldest = recent[0].at.getTime();
        return {
          ok: false,
          scope,
          retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.limits.windowMs - now.getTime()) / 1000)),
        };
      }
    }
    return { ok: true, release };
  }
}

/** Attempts older than the window count for nothing (the embedded server has no TTL indexes). */
export async function purgeLookupAttempts(db: Connection, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - LOOKUP_LIMITS.windowMs);
  return (await attemptModel(db).deleteMany({ at: trusted({ $lt: since }) })).deletedCount;
}
