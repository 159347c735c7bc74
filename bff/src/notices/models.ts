// In-app notices (always) and the subscribe-message consents users granted on the platform.
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { modelsOf } from '../db';

const noticeSchema = new Schema(
  {
    accountId: { type: Schema.Types.ObjectId, required: true, index: true },
    applicationId: { type: Schema.Types.ObjectId },
    /** Makes a milestone's notice exactly-once even when the same result arrives twice. */
    dedupeKey: { type: String, required: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    read: { type: Boolean, default: false },
    /** How the platform push went: none (no consent) | sent | failed (errcode). */
    push: { state: { type: String, default: 'none' }, detail: String },
  },
  { timestamps: true },
);
noticeSchema.index({ accountId: 1, dedupeKey: 1 }, { unique: true });

const consentSchema = new Schema(
  {
    accountId: { type: Schema.Types.ObjectId, required: true },
    templateId: { type: String, required: true },
    /** One consent allows one message (WeChat's one-time subscription). */
    remaining: { type: Number, required: true, default: 0 },
  },
  { timestamps: true },
);
consentSchema.index({ accountId: 1, templateId: 1 }, { unique: true });

export type NoticeDoc = InferSchemaType<typeof noticeSchema>;
export type ConsentDoc = InferSchemaType<typeof consentSchema>;

export const noticeModels = (db: Connection) =>
  modelsOf(db, { Notice: noticeSchema, Consent: consentSchema });
export type NoticeModels = ReturnType<typeof noticeModels>;
