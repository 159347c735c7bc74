// Submitted applications. Each matter carries its own outbox entry (`dispatch`), so submitting is a single
// document insert: the application and every pending delivery to the agencies appear atomically, and a
// crash can never leave one without the other (the embedded server has no transactions).
import { RATING_COMMENT_MAX_LENGTH } from '@hiring/shared';
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

export const MATTER_STATUSES = ['pending', 'accepted', 'reviewing', 'completed', 'returned'] as const;
export const DISPATCH_STATES = ['due', 'inflight', 'unknown', 'delivered', 'failed'] as const;

const timelineEntry = new Schema(
  {
    at: { type: Date, required: true },
    status: { type: String, enum: MATTER_STATUSES, required: true },
    note: String,
    /** An agency's return: its reason codes, kept here because a 补正 replaces the matter's reasons. */
    reasonCodes: { type: [String], default: undefined },
  },
  { _id: false },
);

const reason = new Schema({ code: String, message: String, employeeKey: String }, { _id: false });

const dispatchSchema = new Schema(
  {
    /** due: to send; inflight: being sent (found so at a claim = its worker died); unknown: outcome unknown. */
    state: { type: String, enum: DISPATCH_STATES, required: true },
    idempotencyKey: { type: String, required: true },
    tries: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    lastError: String,
  },
  { _id: false },
);

const matterSchema = new Schema(
  {
    matter: { type: String, required: true },
    agency: { type: String, required: true },
    status: { type: String, enum: MATTER_STATUSES, required: true },
    /** Resubmission count: 1 for the first delivery, +1 after each 补正. */
    attempt: { type: Number, required: true, default: 1 },
    caseId: String,
    acceptedOn: String,
    dueDate: String,
    /** 'provisional' while the due date rests on a year without an official notice (shown as 预计). */
    dueDateBasis: { type: String, enum: ['official', 'provisional'] },
    completedAt: Date,
    reasons: [reason],
    /** Sealed: what the agency handed back (unit codes, each hire's numbers), rows named by key. */
    result: String,
    /** Highest callback sequence applied, so late or repeated callbacks cannot move the state backwards. */
    lastSequence: { type: Number, default: -1 },
    /** The employees sent in this attempt, in order: agency reasons name rows by index. */
    sentEmployeeKeys: [String],
    /** 补正材料 this matter carries to its agency (ids in the materials collection), over all attempts. */
    materialIds: [String],
    timeline: [timelineEntry],
    lastCheckedAt: Date,
    dispatch: { type: dispatchSchema, required: true },
  },
  { _id: false },
);

const applicationSchema = new Schema(
  {
    accountId: { type: Schema.Types.ObjectId, required: true, index: true },
    /** 办件编码: what the employer quotes to any window or hotline. */
    code: { type: String, required: true, unique: true },
    /** The submission's Idempotency-Key, to finish a submission interrupted by a crash. */
    submissionKey: { type: String, required: true },
    /** The draft this application was made from: unique, so one draft can never become two applications. */
    draftId: { type: Schema.Types.ObjectId },
    /** Sealed: the submitted form (with the 6-digit query password). */
    sealed: { type: String, required: true },
    unitName: String,
    uscc: String,
    employeeCount: Number,
    /** The county hall whose window sees it (staff/scope.ts): the clerk's for a walk-in, the unit's otherwise. */
    county: { type: String, index: true },
    /** Filed in the mini-program, or taken in at a 人社 window (一窗受理) by `takenBy`. */
    channel: { type: String, enum: ['online', 'window'], default: 'online' },
    takenBy: { type: new Schema({ id: String, name: String }, { _id: false }), default: undefined },
    /**
     * 好差评: the employer's one rating after 办结 (absent = not rated). Written once by a conditional update
     * on `rating: {$exists: false}`; the supervisor dashboard aggregates these fields as they are.
     */
    rating: {
      type: new Schema(
        {
          score: { type: Number, required: true, min: 1, max: 5, validate: Number.isInteger },
          comment: { type: String, default: '', maxlength: RATING_COMMENT_MAX_LENGTH },
          ratedAt: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: undefined,
    },
    submittedAt: { type: Date, required: true },
    /** 缓缴/降缴: materials due one month after submission; the reminder is sent once. */
    reliefDeadline: String,
    reliefReminderSentAt: Date,
    completedNoticeAt: Date,
    /** True while any matter still has a delivery to make: the workers' index. */
    dispatchPending: { type: Boolean, default: true, index: true },
    /** The earliest time a pending delivery of this application may be attempted. */
    nextDispatchAt: { type: Date, default: () => new Date() },
    /**
     * A worker leases the whole application while it delivers its matters (array elements are then updated
     * by index: the embedded server cannot combine $elemMatch with the positional operator).
     */
    dispatchLeaseOwner: { type: String, default: null },
    dispatchLeaseUntil: { type: Date, default: () => new Date(0) },
    /** Bumped whenever new work is queued (补正), so a worker never clears dispatchPending over it. */
    dispatchGeneration: { type: Number, default: 0 },
    matters: [matterSchema],
  },
  { timestamps: true },
);
applicationSchema.index({ accountId: 1, submissionKey: 1 }, { unique: true });
// Sparse: applications stored before drafts were referenced have none.
applicationSchema.index({ draftId: 1 }, { unique: true, sparse: true });
// The workers' sweep for a 办结 notice a killed process left unsent looks only at unmarked applications.
applicationSchema.index({ completedNoticeAt: 1, dispatchPending: 1 });

export type MatterStatusCode = (typeof MATTER_STATUSES)[number];

/** A matter as read with lean(): plain data. */
export interface MatterDoc {
  matter: string;
  agency: string;
  status: MatterStatusCode;
  attempt: number;
  caseId?: string | null;
  acceptedOn?: string | null;
  dueDate?: string | null;
  dueDateBasis?: 'official' | 'provisional' | null;
  completedAt?: Date | null;
  /** Sealed StoredResult (dispatch/agencyResults.ts). */
  result?: string | null;
  reasons: { code?: string | null; message?: string | null; employeeKey?: string | null }[];
  lastSequence: number;
  sentEmployeeKeys: string[];
  /** 补正材料 this matter carries to its agency (applications/materials.ts). */
  materialIds?: string[];
  timeline: { at: Date; status: MatterStatusCode; note?: string | null; reasonCodes?: string[] | null }[];
  lastCheckedAt?: Date | null;
  dispatch: {
    state: (typeof DISPATCH_STATES)[number];
    idempotencyKey: string;
    tries: number;
    nextAttemptAt: Date;
    lastError?: string | null;
  };
}

export type ApplicationDoc = Omit<InferSchemaType<typeof applicationSchema>, 'matters'> & {
  matters: MatterDoc[];
};

export function applicationModel(db: Connection): Model<ApplicationDoc> {
  return db.models.Application ?? db.model('Application', applicationSchema);
}

const idempotencySchema = new Schema(
  {
    accountId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    /** Which operation the key was used for, e.g. "submit:<draftId>". */
    scope: { type: String, required: true },
    requestHash: { type: String, required: true },
    state: { type: String, enum: ['processing', 'done'], required: true },
    response: { status: Number, sealedBody: String },
    lockedUntil: Date,
  },
  { timestamps: true },
);
idempotencySchema.index({ accountId: 1, key: 1 }, { unique: true });

export type IdempotencyDoc = InferSchemaType<typeof idempotencySchema>;

export function idempotencyModel(db: Connection): Model<IdempotencyDoc> {
  return db.models.IdempotencyRecord ?? db.model('IdempotencyRecord', idempotencySchema);
}
