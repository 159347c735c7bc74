// Draft persistence with optimistic versions: every change names the version it was based on, and a
// stale one is refused with the current draft, so two phones never overwrite each other silently.
import { randomBytes } from 'node:crypto';
import { trusted, Types, type Model } from 'mongoose';
import { validateApplication, type ApplicationValidation, type ValidateOptions } from '@hiring/shared';
import type { FieldCipher } from '../security/fieldCipher';
import { conflict, notFound } from '../http/errors';
import type { DraftApplication, DraftEmployee } from './draftSchema';
import type { DraftDoc } from './models';
import { RecentDrafts } from './recentDrafts';

export interface DraftView {
  id: string;
  version: number;
  application: DraftApplication;
  createdAt: Date;
  updatedAt: Date;
}

export interface DraftSummary {
  id: string;
  version: number;
  unitName: string;
  employeeCount: number;
  matters: string[];
  updatedAt: Date;
}

export const newEmployeeKey = () => randomBytes(6).toString('hex');

const draftNotFound = () => notFound('草稿不存在或已删除');

export const emptyApplication = (): DraftApplication => ({ matters: [], employees: [] });

export class DraftService {
  /** The versions this process saw last: an autosave on one of them skips reading the draft first. */
  private readonly recent = new RecentDrafts();

  constructor(
    private readonly Draft: Model<DraftDoc>,
    private readonly cipher: FieldCipher,
    /** Open drafts an account may keep (a submitted one is consumed, the purge job drops stale ones). */
    private readonly maxOpen = 50,
  ) {}

  private remember(doc: { _id: unknown; accountId: unknown; version: number }, sealed: string) {
    this.recent.set(String(doc._id), { accountId: String(doc.accountId), version: doc.version, sealed });
  }

  private seal(application: DraftApplication) {
    return {
      sealed: this.cipher.encrypt(application),
      summary: {
        unitName: application.unit?.name ?? '',
        uscc: application.unit?.uscc ?? '',
        employeeCount: application.employees.length,
        matters: application.matters ?? [],
      },
    };
  }

  /** `application`: the plaintext when the caller just sealed it, so it is not decrypted again. */
  private view(
    doc: Omit<DraftDoc, 'sealed'> & { _id: unknown; sealed?: string },
    application?: DraftApplication,
  ): DraftView {
    return {
      id: String(doc._id),
      version: doc.version,
      application: application ?? this.cipher.decrypt<DraftApplication>(doc.sealed!),
      createdAt: (doc as unknown as { createdAt: Date }).createdAt,
      updatedAt: (doc as unknown as { updatedAt: Date }).updatedAt,
    };
  }

  async create(accountId: string, application: DraftApplication = emptyApplication()): Promise<DraftView> {
    const withKeys: DraftApplication = {
      ...application,
      matters: application.matters ?? [],
      employees: (application.employees ?? []).map((e) => ({ ...e, key: newEmployeeKey() })),
    };
    if ((await this.Draft.countDocuments({ accountId })) >= this.maxOpen) throw this.tooMany();
    const sealed = this.seal(withKeys);
    const doc = await this.Draft.create({ accountId, version: 1, touchedAt: new Date(), ...sealed });
    // Concurrent creates may all have counted below the cap: whoever finds it exceeded withdraws.
    if ((await this.Draft.countDocuments({ accountId })) > this.maxOpen) {
      await this.Draft.deleteOne({ _id: doc._id });
      throw this.tooMany();
    }
    this.remember(doc, sealed.sealed);
    return this.view(doc.toObject(), withKeys);
  }

  async list(accountId: string, page = 1, pageSize = 20): Promise<{ items: DraftSummary[]; total: number }> {
    const [docs, total] = await Promise.all([
      this.Draft.find({ accountId }, { sealed: 0 })
        .sort({ updatedAt: -1, _id: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean(),
      this.Draft.countDocuments({ accountId }),
    ]);
    const items = docs.map((doc) => ({
      id: String(doc._id),
      version: doc.version,
      unitName: doc.summary?.unitName ?? '',
      employeeCount: doc.summary?.employeeCount ?? 0,
      matters: doc.summary?.matters ?? [],
      updatedAt: (doc as unknown as { updatedAt: Date }).updatedAt,
    }));
    return { items, total };
  }

  /**
   * What a person lookup is checked against: the unit of an own draft and the ID number its row `key`
   * holds as saved (decrypted here, not kept), or null when the draft is not the caller's.
   */
  async rowOf(
    accountId: string,
    id: string,
    key: string,
  ): Promise<{ uscc: string; row: { idNumber?: string } | null } | null> {
    const doc = await this.Draft.findOne({ _id: id, accountId }, { summary: 1, sealed: 1 }).lean();
    if (!doc) return null;
    const row = this.cipher.decrypt<DraftApplication>(doc.sealed).employees.find((e) => e.key === key);
    return { uscc: doc.summary?.uscc ?? '', row: row ? { idNumber: row.idNumber } : null };
  }

  /** Only the owner sees a draft; anyone else gets the same 404 as for a draft that does not exist. */
  async get(accountId: string, id: string): Promise<DraftView> {
    const doc = await this.Draft.findOne({ _id: id, accountId }).lean();
    if (!doc) throw draftNotFound();
    this.remember(doc, doc.sealed);
    return this.view(doc);
  }

  /**
   * Applies `change` to the draft at `baseVersion`. A stale base version, or a concurrent writer that got
   * there first, yields 409 VERSION_CONFLICT with the current draft for the client to reconcile.
   */
  async update(
    accountId: string,
    id: string,
    baseVersion: number,
    change: (application: DraftApplication) => DraftApplication,
  ): Promise<DraftView> {
    // The base version as this process last saw it, else as stored; both are decrypted afresh, so
    // `change` may edit what it is given.
    const known = this.recent.get(id, accountId, baseVersion);
    let application: DraftApplication;
    if (known) application = this.cipher.decrypt<DraftApplication>(known);
    else {
      const current = await this.get(accountId, id);
      if (current.version !== baseVersion) throw this.versionConflict(current);
      application = current.application;
    }
    const next = change(application);
    const sealed = this.seal(next);
    // The filter names the base version: a writer that got there first (another device or process) wins
    // and this one gets the conflict. The stored text is not sent back: `next` is what it holds.
    // Every autosave comes here: the driver directly, as mongoose's casting and timestamp walk of this
    // update (about a fifth of the bff's JavaScript time per autosave) only repeat what is built right here.
    const now = new Date();
    const updated = (await this.Draft.collection.findOneAndUpdate(
      { _id: new Types.ObjectId(id), accountId: new Types.ObjectId(accountId), version: baseVersion },
      { $set: { ...sealed, touchedAt: now, updatedAt: now }, $inc: { version: 1 } },
      { returnDocument: 'after', projection: { sealed: 0 } },
    )) as (Omit<DraftDoc, 'sealed'> & { _id: Types.ObjectId }) | null;
    if (!updated) {
      this.recent.delete(id);
      throw this.versionConflict(await this.get(accountId, id));
    }
    this.remember(updated, sealed.sealed);
    return this.view(updated, next);
  }

  private tooMany() {
    return conflict('TOO_MANY_DRAFTS', `最多保留 ${this.maxOpen} 份未提交的草稿，请先提交或删除不用的草稿`);
  }

  versionConflict(current: DraftView) {
    return conflict('VERSION_CONFLICT', '草稿已在其他设备上修改，请确认保留哪个版本', { current });
  }

  async remove(accountId: string, id: string): Promise<void> {
    this.recent.delete(id);
    const result = await this.Draft.deleteOne({ _id: id, accountId });
    if (result.deletedCount !== 1) throw draftNotFound();
  }

  /** Removes a draft consumed by a successful submission, whatever its version. */
  async consume(accountId: string, id: string): Promise<void> {
    this.recent.delete(id);
    await this.Draft.deleteOne({ _id: id, accountId });
  }

  /** Scheduled job: drafts untouched for `days` days are deleted (the database may have no TTL index). */
  async purgeUntouched(days = 30, now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - days * 86400000);
    const result = await this.Draft.deleteMany({ touchedAt: trusted({ $lt: cutoff }) });
    return result.deletedCount;
  }
}

export function findEmployee(application: DraftApplication, key: string): DraftEmployee {
  const employee = application.employees.find((e) => e.key === key);
  if (!employee) throw notFound('该员工不在草稿中（可能已被删除）');
  return employee;
}

interface KeyedForm {
  employees: { key?: string | null }[];
}

/** The form without the server-issued row keys (they are not form fields): for validation and printing. */
export function formOf<F extends KeyedForm>(form: F) {
  return { ...form, employees: form.employees.map(({ key: _key, ...row }) => row) };
}

/**
 * Shared's validator on a form whose rows carry the keys the server issued (a draft, or a sealed
 * application being corrected). Keys are not form fields: they are set aside here, the one place that
 * handles them, and put back on the normalized rows (which the validator returns in input order).
 */
export function validateKeyedForm<Row extends object = Record<string, unknown>>(
  form: KeyedForm,
  options: ValidateOptions,
): ApplicationValidation & { keyed: { employees: (Row & { key?: string })[]; [field: string]: unknown } } {
  const keys = form.employees.map((row) => row.key ?? undefined);
  const result = validateApplication(formOf(form), options);
  const value = result.value as unknown as { employees: Row[] };
  return {
    ...result,
    keyed: { ...value, employees: value.employees.map((row, i) => ({ ...row, key: keys[i] })) },
  };
}
