// The audit trail: who looked at or changed what, when and why. Every personal-data lookup, every staff
// view of personal data and every administrative or authority change writes one record. Records hold
// masked identifiers only (362***********12), never the personal data itself, so the trail can be searched
// by supervisors without becoming a second copy of the data it protects.
import { Schema, trusted, type Connection, type InferSchemaType, type Model } from 'mongoose';

const auditSchema = new Schema(
  {
    at: { type: Date, required: true, default: () => new Date() },
    /** Who acted: an employer account, a staff member (by the identity provider's subject) or the system. */
    actor: {
      kind: { type: String, enum: ['account', 'staff', 'system'], required: true },
      id: { type: String, required: true },
      role: String,
      county: String,
    },
    /** What was done, as a stable dotted name: `person.lookup`, `calendar.enter`, `authority.grant`… */
    action: { type: String, required: true },
    /** What it was done to, masked where personal (an application code, a USCC, a masked ID number). */
    subject: String,
    /** Why (the purpose of a lookup) and how it went. */
    purpose: String,
    outcome: { type: String, enum: ['ok', 'refused', 'not-found', 'error'], required: true, default: 'ok' },
    /** Small, non-personal details (counts, a changed figure's key, a draft id). */
    detail: { type: Schema.Types.Mixed },
  },
  { versionKey: false },
);
auditSchema.index({ at: -1 });
auditSchema.index({ action: 1, at: -1 });
auditSchema.index({ 'actor.id': 1, at: -1 });

export type AuditRecord = InferSchemaType<typeof auditSchema>;
export type AuditEntry = {
  actor: { kind: 'account' | 'staff' | 'system'; id: string; role?: string; county?: string };
  action: string;
  subject?: string;
  purpose?: string;
  outcome?: 'ok' | 'refused' | 'not-found' | 'error';
  detail?: Record<string, unknown>;
};

export interface AuditQuery {
  action?: string;
  actorId?: string;
  subject?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export class AuditLog {
  constructor(private readonly Audit: Model<AuditRecord>) {}

  /** Writes one record; awaited by callers so an action without its trail never reports success. */
  async record(entry: AuditEntry): Promise<void> {
    await this.Audit.create({ ...entry, at: new Date() });
  }

  async search(query: AuditQuery): Promise<{ items: AuditRecord[]; total: number }> {
    const filter: Record<string, unknown> = {};
    if (query.action) filter.action = query.action;
    if (query.actorId) filter['actor.id'] = query.actorId;
    if (query.subject) filter.subject = query.subject;
    if (query.from || query.to) {
      // trusted: the connection sanitizes filters (sanitizeFilter), which would turn these operators into values.
      filter.at = trusted({
        ...(query.from ? { $gte: query.from } : {}),
        ...(query.to ? { $lt: query.to } : {}),
      });
    }
    const [items, total] = await Promise.all([
      this.Audit.find(filter)
        .sort({ at: -1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean<AuditRecord[]>(),
      this.Audit.countDocuments(filter),
    ]);
    return { items, total };
  }
}

export function auditModel(db: Connection): Model<AuditRecord> {
  return (db.models.Audit as Model<AuditRecord>) ?? db.model<AuditRecord>('Audit', auditSchema);
}
