// Accounts (one per platform user) and their revocable sessions.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { modelsOf } from '../db';

const accountSchema = new Schema(
  {
    /** 'window': a county hall's 一窗受理 account, the owner of the applications its clerks take in. */
    platform: { type: String, required: true, enum: ['weapp', 'alipay', 'window'] },
    /** openid / Alipay user_id: identifies the user within our app only. */
    platformUserId: { type: String, required: true },
    /** The platform's session key, encrypted; never sent to a client. */
    sessionKeySealed: { type: String },
    /**
     * Units this account filed for before units needed an authority (kept for old data only): who may act
     * for a unit now is in authority/ (UnitAuthority).
     */
    units: [{ _id: false, uscc: String, name: String, registeredAt: Date }],
  },
  { timestamps: true, strict: 'throw' },
);
accountSchema.index({ platform: 1, platformUserId: 1 }, { unique: true });

const sessionSchema = new Schema(
  {
    /** SHA-256 of the bearer token: a database dump cannot be replayed as a login. */
    tokenHash: { type: String, required: true, unique: true },
    accountId: { type: Schema.Types.ObjectId, required: true, index: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    revokedReason: { type: String },
  },
  { timestamps: true },
);

export type AccountDoc = InferSchemaType<typeof accountSchema>;
export type SessionDoc = InferSchemaType<typeof sessionSchema>;

export const accountModels = (db: Connection) =>
  modelsOf(db, { Account: accountSchema, Session: sessionSchema });
export type AccountModels = ReturnType<typeof accountModels>;
