// The account holder's identity: stated once (name + ID number), verified against 公安, kept sealed.
// Attempts are counted per account and per ID number, so neither guessing names for a known ID number
// nor trying many ID numbers from one account gets far.
import { trusted, type Types } from 'mongoose';
import type { AuditLog } from '../audit/auditLog';
import type { GovDataClient } from '../govdata/govDataClient';
import { AppError } from '../http/errors';
import type { FieldCipher } from '../security/fieldCipher';
import { maskIdNumber, maskName } from '../security/mask';
import type { AuthorityModels } from './models';

export interface VerifiedIdentity {
  name: string;
  idNumber: string;
  /** Keyed hash of the ID number: how authorities name their holder. */
  idHash: string;
  verifiedAt: Date;
}

export interface AttemptLimits {
  perAccount: number;
  perIdNumber: number;
  windowMs: number;
}

export const DEFAULT_ATTEMPT_LIMITS: AttemptLimits = {
  perAccount: 5,
  perIdNumber: 10,
  windowMs: 24 * 3600 * 1000,
};

export const identityRequired = () =>
  new AppError(
    403,
    'IDENTITY_REQUIRED',
    '请先完成实名核验：在“我的身份”中填写本人姓名和身份证号码，核验通过后即可办理。',
  );

const tooMany = () =>
  new AppError(
    429,
    'IDENTITY_ATTEMPTS_EXCEEDED',
    '身份核验失败次数过多，请 24 小时后再试，或携带本人身份证到人社窗口办理。',
  );

export const isDuplicateKey = (error: unknown) => (error as { code?: number })?.code === 11000;

/** Verified identities a process keeps (sealed) by account, the oldest dropped first. */
const VERIFIED_KEPT = 10000;

export class IdentityService {
  private readonly verified = new Map<string, { _id: string; sealed: string; verifiedAt: Date }>();

  constructor(
    private readonly models: AuthorityModels,
    private readonly cipher: FieldCipher,
    private readonly govData: GovDataClient,
    private readonly audit: AuditLog,
    private readonly limits: AttemptLimits = DEFAULT_ATTEMPT_LIMITS,
  ) {}

  hashOf(idNumber: string): string {
    return this.cipher.lookupHash(idNumber.trim().toUpperCase());
  }

  async get(accountId: string | Types.ObjectId): Promise<VerifiedIdentity | null> {
    const key = String(accountId);
    let doc = this.verified.get(key);
    if (!doc) {
      doc = (await this.models.Identity.findOne({ accountId }).lean()) ?? undefined;
      if (!doc) return null;
      // A verified identity never changes (verify refuses another) nor goes away: every autosave asks
      // for it, and this saves that round trip. Kept sealed; not-yet-verified answers are not kept.
      if (this.verified.size >= VERIFIED_KEPT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(key, { _id: doc._id, sealed: doc.sealed, verifiedAt: doc.verifiedAt });
    }
    const { name, idNumber } = this.cipher.decrypt<{ name: string; idNumber: string }>(doc.sealed);
    return { name, idNumber, idHash: doc._id, verifiedAt: doc.verifiedAt };
  }

  async require(accountId: string): Promise<VerifiedIdentity> {
    const identity = await this.get(accountId);
    if (!identity) throw identityRequired();
    return identity;
  }

  /**
   * Counts one attempt against each key and refuses once a key is over its limit. Counting first and
   * checking after means concurrent attempts can never slip past the limit together.
   */
  async countAttempt(keys: [string, number][]): Promise<number> {
    const now = new Date();
    await this.models.Attempt.insertMany(keys.map(([key]) => ({ key, at: now })));
    const since = trusted({ $gt: new Date(now.getTime() - this.limits.windowMs) });
    let left = Infinity;
    for (const [key, limit] of keys) {
      const used = await this.models.Attempt.countDocuments({ key, at: since });
      if (used > limit) throw tooMany();
      left = Math.min(left, limit - used);
    }
    return left;
  }

  /** 公安: does this name belong to this ID number? Throws the Chinese error a user can act on. */
  async checkWithPolice(name: string, idNumber: string, whose: '' | '经办人的' = ''): Promise<void> {
    const answer = await this.govData.verifyIdentity(name, idNumber);
    if (answer === 'notFound') {
      throw new AppError(
        422,
        'IDENTITY_NOT_FOUND',
        `公安人口信息中查无${whose}此身份证号码，请核对后重新填写。`,
      );
    }
    if (answer === 'mismatch') {
      throw new AppError(422, 'IDENTITY_MISMATCH', `${whose}姓名与身份证号码不一致，请核对后重新填写。`);
    }
  }

  async verify(accountId: string, name: string, idNumber: string): Promise<VerifiedIdentity> {
    const idHash = this.hashOf(idNumber);
    const existing = await this.get(accountId);
    if (existing) {
      if (existing.idHash === idHash && existing.name === name) return existing;
      throw new AppError(
        409,
        'IDENTITY_ALREADY_VERIFIED',
        `本账号已完成实名核验（${maskName(existing.name)}），身份信息不能更改。`,
      );
    }
    const subject = maskIdNumber(idNumber);
    const actor = { kind: 'account' as const, id: accountId };
    const refuse = async (error: AppError) => {
      await this.audit.record({
        actor,
        action: 'identity.verify',
        subject,
        outcome: 'refused',
        detail: { code: error.code },
      });
      return error;
    };
    const left = await this.countAttempt([
      [`account:${accountId}`, this.limits.perAccount],
      [`id:${idHash}`, this.limits.perIdNumber],
    ]).catch(async (error) => {
      throw error instanceof AppError ? await refuse(error) : error;
    });
    if (await this.models.Identity.exists({ _id: idHash })) throw await refuse(inUse());
    try {
      await this.checkWithPolice(name, idNumber);
    } catch (error) {
      if (error instanceof AppError && error.status === 422) {
        const more = left > 0 ? `（24 小时内还可尝试 ${left} 次）` : '';
        throw await refuse(new AppError(422, error.code, error.message.replace(/。$/, `${more}。`)));
      }
      throw error;
    }
    const verifiedAt = new Date();
    try {
      await this.models.Identity.create({
        _id: idHash,
        accountId,
        sealed: this.cipher.encrypt({ name, idNumber }),
        verifiedAt,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // A concurrent request won: the same account (then this is a repeat) or another one (then refuse).
      const mine = await this.get(accountId);
      if (mine?.idHash === idHash) return mine;
      throw await refuse(mine ? alreadyVerified() : inUse());
    }
    await this.audit.record({ actor, action: 'identity.verify', subject, outcome: 'ok' });
    return { name, idNumber, idHash, verifiedAt };
  }
}

const inUse = () =>
  new AppError(
    409,
    'IDENTITY_IN_USE',
    '该身份证号码已在另一账号完成实名核验。如确为本人，请使用原账号办理，或携带本人身份证到人社窗口处理。',
  );

const alreadyVerified = () =>
  new AppError(409, 'IDENTITY_ALREADY_VERIFIED', '本账号已完成实名核验，身份信息不能更改。');
