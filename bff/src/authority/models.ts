// Who the account holder is (verified against 公安) and whom they may act for (units by USCC), with the
// trail of every authorization event.
import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const AUTHORITY_BASES = ['legalRepresentative', 'appAuthorization', 'paperAuthorization'] as const;
export const AUTHORITY_STATES = ['invited', 'active', 'revoked', 'expired'] as const;
export const AUTHORITY_EVENTS = ['granted', 'accepted', 'revoked', 'expired', 'used'] as const;

export type AuthorityBasis = (typeof AUTHORITY_BASES)[number];
export type AuthorityState = (typeof AUTHORITY_STATES)[number];
export type AuthorityEventKind = (typeof AUTHORITY_EVENTS)[number];

/**
 * One verified person per account and one account per person: `_id` is the keyed hash of the ID number,
 * so a second account stating the same ID number fails on the unique key, however the requests race.
 */
const identitySchema = new Schema(
  {
    _id: { type: String, required: true },
    accountId: { type: Schema.Types.ObjectId, required: true, unique: true },
    /** Sealed { name, idNumber }. */
    sealed: { type: String, required: true },
    verifiedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

/** Verification attempts, counted per account and per ID number (keyed hash) over a sliding day. */
const attemptSchema = new Schema(
  {
    key: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
attemptSchema.index({ key: 1, at: -1 });

const actorSchema = new Schema(
  { kind: { type: String, enum: ['account', 'staff', 'system'], required: true }, id: String, role: String },
  { _id: false },
);

const authoritySchema = new Schema(
  {
    uscc: { type: String, required: true, index: true },
    unitName: { type: String, required: true },
    /** The person who may act: keyed hash of their ID number (they may not have an account yet). */
    holderIdHash: { type: String, required: true, index: true },
    /** Sealed { name, idNumber, phone? } of the holder, shown masked to the legal representative. */
    holderSealed: { type: String, required: true },
    basis: { type: String, enum: AUTHORITY_BASES, required: true },
    state: { type: String, enum: AUTHORITY_STATES, required: true },
    /**
     * `uscc|holderIdHash` while invited or active, `uscc|holderIdHash|<id>` once ended: the unique index
     * lets at most one live authority exist per person and unit, whoever races to create another.
     */
    slot: { type: String, required: true, unique: true },
    grantedBy: { type: actorSchema, required: true },
    /** Null: until revoked (the legal representative's own standing). */
    expiresAt: { type: Date, default: null },
    /** An invitation not accepted by then lapses. */
    inviteUntil: { type: Date, default: null },
    acceptedAt: Date,
    acceptedBy: String,
    endedAt: Date,
    endedBy: actorSchema,
    /** 授权书编号 of a paper authorization checked at the window. */
    paperReference: String,
  },
  { timestamps: true, versionKey: false },
);
authoritySchema.index({ state: 1, expiresAt: 1 });

const eventSchema = new Schema(
  {
    uscc: { type: String, required: true },
    authorityId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    kind: { type: String, enum: AUTHORITY_EVENTS, required: true },
    actor: { type: actorSchema, required: true },
    /** Masked only: 张*, 3611**********12. */
    holder: { name: String, idNumber: String },
    basis: { type: String, enum: AUTHORITY_BASES },
    applicationCode: String,
  },
  { versionKey: false },
);
eventSchema.index({ uscc: 1, at: -1 });

// Written out rather than inferred from the schemas: inference over these shapes is slow to type-check.
type Actor = { kind: 'account' | 'staff' | 'system'; id?: string | null; role?: string | null };

export interface IdentityDoc {
  _id: string;
  accountId: Types.ObjectId;
  sealed: string;
  verifiedAt: Date;
}

export interface AttemptDoc {
  key: string;
  at: Date;
}

export interface AuthorityDoc {
  _id: Types.ObjectId;
  uscc: string;
  unitName: string;
  holderIdHash: string;
  holderSealed: string;
  basis: AuthorityBasis;
  state: AuthorityState;
  slot: string;
  grantedBy: Actor;
  expiresAt?: Date | null;
  inviteUntil?: Date | null;
  acceptedAt?: Date | null;
  acceptedBy?: string | null;
  endedAt?: Date | null;
  endedBy?: Actor | null;
  paperReference?: string | null;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface AuthorityEventDoc {
  _id: Types.ObjectId;
  uscc: string;
  authorityId: Types.ObjectId;
  at: Date;
  kind: AuthorityEventKind;
  actor: Actor;
  holder?: { name?: string | null; idNumber?: string | null } | null;
  basis?: AuthorityBasis | null;
  applicationCode?: string | null;
}

export interface AuthorityModels {
  Identity: Model<IdentityDoc>;
  Attempt: Model<AttemptDoc>;
  Authority: Model<AuthorityDoc>;
  Event: Model<AuthorityEventDoc>;
}

export function authorityModels(db: Connection): AuthorityModels {
  return {
    Identity: (db.models.Identity as Model<IdentityDoc>) ?? db.model<IdentityDoc>('Identity', identitySchema),
    Attempt:
      (db.models.IdentityAttempt as Model<AttemptDoc>) ??
      db.model<AttemptDoc>('IdentityAttempt', attemptSchema),
    Authority:
      (db.models.UnitAuthority as Model<AuthorityDoc>) ??
      db.model<AuthorityDoc>('UnitAuthority', authoritySchema),
    Event:
      (db.models.AuthorityEvent as Model<AuthorityEventDoc>) ??
      db.model<AuthorityEventDoc>('AuthorityEvent', eventSchema),
  };
}
