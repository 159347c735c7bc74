// Drafts: the application as the wizard saves it, sealed (encrypted) whole; only non-personal summary
// fields are in clear so lists can be shown without decrypting.
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const draftSchema = new Schema(
  {
    accountId: { type: Schema.Types.ObjectId, required: true, index: true },
    version: { type: Number, required: true, default: 1 },
    /** AES-256-GCM sealed DraftApplication. */
    sealed: { type: String, required: true },
    summary: {
      unitName: String,
      uscc: String,
      employeeCount: Number,
      matters: [String],
    },
    /** Last touched by the user; the purge job removes drafts untouched for 30 days. */
    touchedAt: { type: Date, required: true, index: true },
  },
  { timestamps: true },
);

export type DraftDoc = InferSchemaType<typeof draftSchema>;

export function draftModel(db: Connection): Model<DraftDoc> {
  return db.models.Draft ?? db.model('Draft', draftSchema);
}
