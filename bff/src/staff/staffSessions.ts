// Server-side staff sessions: the browser holds only a random token (the staff_session cookie); the
// database holds its hash, who it is, and when it ends. A session ends after `idleMs` without a request
// (sliding) and in any case `maxMs` after the login.
import { createHash, randomBytes } from 'node:crypto';
import { Schema, trusted, type Connection, type InferSchemaType, type Model } from 'mongoose';
import type { StaffMember } from './staffTokens';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

const staffSessionSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    staff: {
      id: { type: String, required: true },
      name: { type: String, required: true },
      role: { type: String, required: true },
      county: String,
    },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    idleExpiresAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    endedAt: Date,
  },
  { versionKey: false },
);
staffSessionSchema.index({ expiresAt: 1 });

/** The login in progress: state, nonce and PKCE verifier between the redirect to the IdP and the callback. */
const staffLoginSchema = new Schema(
  {
    state: { type: String, required: true, unique: true },
    nonce: { type: String, required: true },
    codeVerifier: { type: String, required: true },
    returnTo: { type: String, required: true },
    redirectUri: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);

type StaffSessionDoc = InferSchemaType<typeof staffSessionSchema>;
export type StaffLoginDoc = InferSchemaType<typeof staffLoginSchema>;

/** How often a session's idle expiry is pushed forward at most (one write per minute, not per request). */
const SLIDE_EVERY_MS = 60_000;
/** A login must come back from the identity provider within this time. */
export const LOGIN_TTL_MS = 10 * 60_000;

export interface ResolvedStaffSession {
  staff: StaffMember;
  idleExpiresAt: Date;
  expiresAt: Date;
}

export class StaffSessionStore {
  private readonly Session: Model<StaffSessionDoc>;
  private readonly Login: Model<StaffLoginDoc>;

  constructor(
    db: Connection,
    private readonly limits: { idleMs: number; maxMs: number },
  ) {
    this.Session =
      (db.models.StaffSession as Model<StaffSessionDoc>) ?? db.model('StaffSession', staffSessionSchema);
    this.Login = (db.models.StaffLogin as Model<StaffLoginDoc>) ?? db.model('StaffLogin', staffLoginSchema);
  }

  async issue(staff: StaffMember): Promise<{ token: string; idleExpiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const idleExpiresAt = new Date(now.getTime() + this.limits.idleMs);
    await this.Session.create({
      tokenHash: hash(token),
      staff,
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt,
      expiresAt: new Date(now.getTime() + this.limits.maxMs),
    });
    return { token, idleExpiresAt };
  }

  /** The live session for a token (its idle expiry slid forward), or why there is none. */
  async resolve(token: string): Promise<ResolvedStaffSession | 'expired' | null> {
    const doc = await this.Session.findOne({ tokenHash: hash(token) }).lean<StaffSessionDoc>();
    if (!doc || doc.endedAt) return null;
    const now = Date.now();
    if (doc.idleExpiresAt.getTime() <= now || doc.expiresAt.getTime() <= now) return 'expired';
    let idleExpiresAt = doc.idleExpiresAt;
    if (now - doc.lastSeenAt.getTime() >= SLIDE_EVERY_MS) {
      idleExpiresAt = new Date(Math.min(now + this.limits.idleMs, doc.expiresAt.getTime()));
      await this.Session.updateOne(
        { tokenHash: hash(token), endedAt: null },
        { $set: { lastSeenAt: new Date(now), idleExpiresAt } },
      );
    }
    const { id, name, role, county } = doc.staff!;
    return {
      staff: { id, name, role: role as StaffMember['role'], ...(county ? { county } : {}) },
      idleExpiresAt,
      expiresAt: doc.expiresAt,
    };
  }

  async end(token: string): Promise<StaffMember | null> {
    const doc = await this.Session.findOneAndUpdate(
      { tokenHash: hash(token), endedAt: null },
      { $set: { endedAt: new Date() } },
    ).lean<StaffSessionDoc>();
    return doc ? (doc.staff as StaffMember) : null;
  }

  async startLogin(login: Omit<StaffLoginDoc, 'expiresAt'>): Promise<void> {
    await this.Login.create({ ...login, expiresAt: new Date(Date.now() + LOGIN_TTL_MS) });
  }

  /** Takes the login of `state` (once: a replayed callback finds nothing). */
  async finishLogin(state: string): Promise<StaffLoginDoc | null> {
    const doc = await this.Login.findOneAndDelete({ state }).lean<StaffLoginDoc>();
    if (!doc || doc.expiresAt.getTime() <= Date.now()) return null;
    return doc;
  }

  /** Ended and expired sessions and abandoned logins (the scheduled jobs call this). */
  async purge(olderThan: Date): Promise<number> {
    const sessions = await this.Session.deleteMany({ expiresAt: trusted({ $lt: olderThan }) });
    const logins = await this.Login.deleteMany({ expiresAt: trusted({ $lt: olderThan }) });
    return sessions.deletedCount + logins.deletedCount;
  }
}
