// Notices for every milestone, exactly once each; a platform push where the user consented.
import type { Logger } from '../logger';
import type { NoticeModels } from './models';

export type NoticeKind = 'matter' | 'completed' | 'returned' | 'summary' | 'reliefReminder';

export interface NoticeInput {
  accountId: string;
  applicationId?: string;
  dedupeKey: string;
  kind: NoticeKind;
  title: string;
  body: string;
  /** Fields for the platform subscribe message, when this milestone has a template. */
  push?: { templateId: string; data: Record<string, string>; page?: string };
}

/** Sends a subscribe message through the account's platform; returns "sent" or a failure detail. */
export type PushSender = (
  accountId: string,
  push: NonNullable<NoticeInput['push']>,
) => Promise<{ ok: boolean; detail?: string }>;

export class NoticeService {
  constructor(
    private readonly models: NoticeModels,
    private readonly logger: Logger,
    private readonly pushSender?: PushSender,
  ) {}

  /** Records the notice unless it already exists; returns false for a duplicate milestone. */
  async notify(input: NoticeInput): Promise<boolean> {
    try {
      await this.models.Notice.create({
        accountId: input.accountId,
        applicationId: input.applicationId,
        dedupeKey: input.dedupeKey,
        kind: input.kind,
        title: input.title,
        body: input.body,
      });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
    if (input.push && this.pushSender) {
      const result = await this.pushSender(input.accountId, input.push).catch((error: Error) => ({
        ok: false,
        detail: error.message,
      }));
      await this.models.Notice.updateOne(
        { accountId: input.accountId, dedupeKey: input.dedupeKey },
        {
          $set: {
            push: {
              state: result.ok ? 'sent' : result.detail === 'no-consent' ? 'none' : 'failed',
              detail: result.detail,
            },
          },
        },
      );
      if (!result.ok && result.detail !== 'no-consent') {
        this.logger.warn(
          { kind: input.kind, detail: result.detail },
          'platform push failed; in-app notice kept',
        );
      }
    }
    return true;
  }

  async list(accountId: string) {
    // Two notices written in the same millisecond (a matter's and the 总反馈 after it) keep the order they were
    // written in: ObjectIds grow within a process.
    const items = await this.models.Notice.find({ accountId })
      .sort({ createdAt: -1, _id: -1 })
      .limit(100)
      .lean();
    const unread = await this.models.Notice.countDocuments({ accountId, read: false });
    return {
      items: items.map((n) => ({
        id: String(n._id),
        kind: n.kind,
        title: n.title,
        body: n.body,
        applicationId: n.applicationId ? String(n.applicationId) : null,
        createdAt: (n as unknown as { createdAt: Date }).createdAt,
        read: n.read,
        pushed: n.push?.state === 'sent',
      })),
      unread,
    };
  }

  async markRead(accountId: string, id: string): Promise<boolean> {
    const result = await this.models.Notice.updateOne({ _id: id, accountId }, { $set: { read: true } });
    return result.matchedCount === 1;
  }

  /** 全部已读: returns how many notices were unread. */
  async markAllRead(accountId: string): Promise<number> {
    const result = await this.models.Notice.updateMany({ accountId, read: false }, { $set: { read: true } });
    return result.modifiedCount;
  }
}
