// Bearer-token sessions: random tokens, stored only as hashes, revocable, with an absolute expiry.
import { createHash, randomBytes } from 'node:crypto';
import { trusted, type Types } from 'mongoose';
import type { AccountModels, SessionDoc } from './models';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

export class SessionStore {
  constructor(
    private readonly models: AccountModels,
    private readonly ttlMs: number,
  ) {}

  async issue(accountId: Types.ObjectId | string): Promise<IssuedSession> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.ttlMs);
    await this.models.Session.create({ tokenHash: hashToken(token), accountId, expiresAt });
    return { token, expiresAt };
  }

  /** The account id for a live token, or null. */
  async resolve(token: string): Promise<string | null> {
    // Every logged-in request asks this: the driver directly, for the three fields it needs.
    const session = await this.models.Session.collection.findOne<
      Pick<SessionDoc, 'accountId' | 'expiresAt' | 'revokedAt'>
    >({ tokenHash: hashToken(token) }, { projection: { accountId: 1, expiresAt: 1, revokedAt: 1 } });
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) return null;
    return String(session.accountId);
  }

  async revoke(token: string, reason: string): Promise<void> {
    await this.models.Session.updateOne(
      { tokenHash: hashToken(token), revokedAt: null },
      { $set: { revokedAt: new Date(), revokedReason: reason } },
    );
  }

  /** Rotation: a new token replaces the presented one, which stops working at once. */
  async rotate(token: string): Promise<IssuedSession | null> {
    const claimed = await this.models.Session.findOneAndUpdate(
      { tokenHash: hashToken(token), revokedAt: null, expiresAt: trusted({ $gt: new Date() }) },
      { $set: { revokedAt: new Date(), revokedReason: 'rotated' } },
    ).lean();
    if (!claimed) return null;
    return this.issue(claimed.accountId);
  }

  async revokeAll(accountId: string, reason: string): Promise<number> {
    const result = await this.models.Session.updateMany(
      { accountId, revokedAt: null },
      { $set: { revokedAt: new Date(), revokedReason: reason } },
    );
    return result.modifiedCount;
  }

  /** Expired and revoked sessions are only history; the purge job removes them after a grace period. */
  async purge(olderThan: Date): Promise<number> {
    const result = await this.models.Session.deleteMany({
      $or: [{ expiresAt: trusted({ $lt: olderThan }) }, { revokedAt: trusted({ $lt: olderThan }) }],
    });
    return result.deletedCount;
  }
}
