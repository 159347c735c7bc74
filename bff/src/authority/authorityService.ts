// Who may act for a unit (USCC): its legal representative per 市场监管, a person the legal representative
// authorized in the app (and who accepted), or a person whose paper authorization a window clerk checked.
// Every submission asks again, so a revocation or an expiry takes effect on the very next request.
import { trusted, Types } from 'mongoose';
import type { AuditEntry, AuditLog } from '../audit/auditLog';
import type { GovDataClient } from '../govdata/govDataClient';
import { AppError, notFound } from '../http/errors';
import type { FieldCipher } from '../security/fieldCipher';
import { maskIdNumber, maskName, maskPhone } from '../security/mask';
import {
  identityRequired,
  isDuplicateKey,
  type IdentityService,
  type VerifiedIdentity,
} from './identityService';
import type {
  AuthorityBasis,
  AuthorityDoc,
  AuthorityEventKind,
  AuthorityModels,
  AuthorityState,
} from './models';

export const BASIS_LABELS: Record<AuthorityBasis, string> = {
  legalRepresentative: '法定代表人本人',
  appAuthorization: '法定代表人在线授权',
  paperAuthorization: '窗口核验纸质授权书',
};
export const STATE_LABELS: Record<AuthorityState, string> = {
  invited: '待接受',
  active: '有效',
  revoked: '已撤销',
  expired: '已过期',
};
export const EVENT_LABELS: Record<AuthorityEventKind, string> = {
  granted: '授权',
  accepted: '接受授权',
  revoked: '撤销授权',
  expired: '授权到期',
  used: '用于提交申请',
};
const ROLE_LABELS: Record<string, string> = {
  legalRepresentative: '法定代表人',
  holder: '经办人本人',
  clerk: '窗口工作人员',
  system: '系统',
};

/** An invitation not accepted within a week lapses (the legal representative can send another). */
export const INVITATION_DAYS = 7;

type Actor = { kind: 'account' | 'staff' | 'system'; id: string; role: string };
type Stored = AuthorityDoc;
interface Holder {
  name: string;
  idNumber: string;
  phone?: string;
}

export interface GrantInput {
  name: string;
  idNumber: string;
  phone: string;
  /** Last valid day, YYYY-MM-DD (China time). */
  expiresOn: string;
}

/** The end of a China-time day. */
export const endOfChinaDay = (day: string) => new Date(`${day}T23:59:59.999+08:00`);

const liveSlot = (uscc: string, idHash: string) => `${uscc}|${idHash}`;

const noUnit = () => notFound('未找到您可管理的该单位');
const operatorCannotAuthorize = () =>
  new AppError(
    403,
    'OPERATOR_CANNOT_AUTHORIZE',
    '只有单位的法定代表人可以授权、撤销经办人；经办人不能再授权他人。',
  );

export function authorityRequired(unitName: string, uscc: string) {
  return new AppError(
    403,
    'UNIT_AUTHORITY_REQUIRED',
    `您还没有代表“${unitName || uscc}”办理的权限，暂不能提交。法定代表人本人请在“我的单位”中添加该单位；` +
      '经办人请联系法定代表人在小程序中授权，并在“待接受的授权”中接受；也可携带法定代表人签署的授权书到人社窗口核验。草稿已保存，获得授权后即可提交。',
  );
}

export class AuthorityService {
  constructor(
    private readonly models: AuthorityModels,
    readonly identities: IdentityService,
    private readonly cipher: FieldCipher,
    private readonly govData: GovDataClient,
    private readonly audit: AuditLog,
  ) {}

  /** Live: active and not past its expiry. Expiry is judged here, not by the sweep, so it is never late. */
  private live(now = new Date()) {
    return {
      state: 'active' as const,
      $or: [{ expiresAt: null }, { expiresAt: trusted({ $gt: now }) }],
    };
  }

  private holderOf(doc: Pick<Stored, 'holderSealed'>): Holder {
    return this.cipher.decrypt<Holder>(doc.holderSealed);
  }

  private async event(
    doc: Pick<Stored, '_id' | 'uscc' | 'basis' | 'holderSealed'>,
    kind: AuthorityEventKind,
    actor: Actor,
    applicationCode?: string,
  ): Promise<void> {
    const holder = this.holderOf(doc);
    await this.models.Event.create({
      uscc: doc.uscc,
      authorityId: doc._id,
      at: new Date(),
      kind,
      actor,
      holder: { name: maskName(holder.name), idNumber: maskIdNumber(holder.idNumber) },
      basis: doc.basis,
      ...(applicationCode ? { applicationCode } : {}),
    });
  }

  private async trail(entry: Omit<AuditEntry, 'actor'> & { actor: Actor }): Promise<void> {
    const { actor, ...rest } = entry;
    await this.audit.record({
      ...rest,
      actor: { kind: actor.kind, id: actor.id, ...(actor.kind === 'staff' ? { role: actor.role } : {}) },
    });
  }

  /** Ends the live authority in this slot if its time is up, so a new one can take the slot. */
  private async expireSlot(slot: string, now = new Date()): Promise<void> {
    const lapsed = await this.models.Authority.findOne({ slot }).lean<Stored>();
    if (lapsed && this.lapsed(lapsed, now)) await this.expire(lapsed, now);
  }

  private lapsed(doc: Pick<Stored, 'state' | 'expiresAt' | 'inviteUntil'>, now: Date): boolean {
    if (doc.state === 'active') return !!doc.expiresAt && doc.expiresAt <= now;
    if (doc.state === 'invited')
      return (!!doc.inviteUntil && doc.inviteUntil <= now) || (!!doc.expiresAt && doc.expiresAt <= now);
    return false;
  }

  private async expire(doc: Stored, now: Date): Promise<boolean> {
    const ended = await this.models.Authority.updateOne(
      { _id: doc._id, state: doc.state },
      {
        $set: {
          state: 'expired',
          slot: `${doc.slot}|${String(doc._id)}`,
          endedAt: now,
          endedBy: { kind: 'system', id: 'expiry', role: 'system' },
        },
      },
    );
    if (ended.modifiedCount !== 1) return false;
    await this.event(doc, 'expired', { kind: 'system', id: 'expiry', role: 'system' });
    return true;
  }

  /** The scheduled sweep: records the end of every authorization whose time ran out. */
  async expireLapsed(now = new Date()): Promise<number> {
    const due = await this.models.Authority.find({
      $or: [
        { state: 'active', expiresAt: trusted({ $ne: null, $lte: now }) },
        { state: 'invited', inviteUntil: trusted({ $lte: now }) },
        { state: 'invited', expiresAt: trusted({ $ne: null, $lte: now }) },
      ],
    })
      .limit(500)
      .lean<Stored[]>();
    let count = 0;
    for (const doc of due) if (await this.expire(doc, now)) count += 1;
    return count;
  }

  private async insert(
    fields: Omit<AuthorityDoc, '_id' | 'slot' | 'holderSealed' | 'createdAt' | 'updatedAt'> & {
      holder: Holder;
    },
    exists: () => AppError,
  ): Promise<Stored> {
    const { holder, ...rest } = fields;
    const slot = liveSlot(rest.uscc, rest.holderIdHash);
    await this.expireSlot(slot);
    try {
      const doc = await this.models.Authority.create({
        ...rest,
        holderSealed: this.cipher.encrypt(holder),
        slot,
      });
      return doc.toObject() as Stored;
    } catch (error) {
      if (isDuplicateKey(error)) throw exists();
      throw error;
    }
  }

  private async liveFor(uscc: string, idHash: string): Promise<Stored | null> {
    return this.models.Authority.findOne({
      slot: liveSlot(uscc, idHash),
      ...this.live(),
    }).lean<Stored>();
  }

  /** The caller's standing as legal representative of `uscc`: 404 when unrelated, 403 for an operator. */
  private async asLegalRepresentative(accountId: string, uscc: string) {
    const identity = await this.identities.require(accountId);
    const own = await this.liveFor(uscc, identity.idHash);
    if (!own) throw noUnit();
    if (own.basis !== 'legalRepresentative') throw operatorCannotAuthorize();
    return { identity, own };
  }

  /** Path 1: the verified holder is the unit's legal representative according to 市场监管. */
  async claimAsLegalRepresentative(accountId: string, uscc: string) {
    const identity = await this.identities.require(accountId);
    const unit = await this.govData.unit(uscc);
    if (!unit) throw notFound('市场监管登记信息中查无该统一社会信用代码，请核对后重新填写。');
    const actor: Actor = { kind: 'account', id: accountId, role: 'legalRepresentative' };
    const legal = unit.legalRepresentative;
    if (!legal?.idNumber || this.identities.hashOf(legal.idNumber) !== identity.idHash) {
      await this.trail({ actor, action: 'authority.claim', subject: uscc, outcome: 'refused' });
      throw new AppError(
        403,
        'NOT_LEGAL_REPRESENTATIVE',
        `根据市场监管登记信息，您不是“${unit.name}”的法定代表人。请由法定代表人在小程序中授权您为经办人，或携带法定代表人签署的授权书到人社窗口办理。`,
      );
    }
    const existing = await this.liveFor(uscc, identity.idHash);
    if (existing?.basis === 'legalRepresentative') return this.unitView(existing);
    if (existing) await this.end(existing, actor, 'revoked'); // an operator grant is superseded
    const doc = await this.insert(
      {
        uscc,
        unitName: unit.name,
        holderIdHash: identity.idHash,
        holder: { name: identity.name, idNumber: identity.idNumber },
        basis: 'legalRepresentative',
        state: 'active',
        grantedBy: { kind: 'account', id: accountId },
        expiresAt: null,
        inviteUntil: null,
      },
      () => conflictingClaim(),
    ).catch(async (error) => {
      // Two requests of the same legal representative raced: the other one added the unit.
      const winner = await this.liveFor(uscc, identity.idHash);
      if (winner?.basis === 'legalRepresentative') return winner;
      throw error;
    });
    await this.event(doc, 'granted', actor);
    await this.trail({ actor, action: 'authority.claim', subject: uscc, outcome: 'ok' });
    // 市场监管 names one legal representative: whoever held that standing before has lost it.
    const predecessors = await this.models.Authority.find({
      uscc,
      basis: 'legalRepresentative',
      holderIdHash: trusted({ $ne: identity.idHash }),
      state: 'active',
    }).lean<Stored[]>();
    for (const old of predecessors) {
      await this.end(old, { kind: 'system', id: 'market-registry', role: 'system' }, 'revoked');
    }
    return this.unitView(doc);
  }

  /** Path 2, first half: the legal representative names an operator, who must then accept. */
  async invite(accountId: string, uscc: string, input: GrantInput) {
    const { identity, own } = await this.asLegalRepresentative(accountId, uscc);
    const actor: Actor = { kind: 'account', id: accountId, role: 'legalRepresentative' };
    // The legal representative may have changed at 市场监管 since the unit was added.
    const unit = await this.govData.unit(uscc);
    if (!unit || this.identities.hashOf(unit.legalRepresentative?.idNumber ?? '') !== identity.idHash) {
      await this.end(own, { kind: 'system', id: 'market-registry', role: 'system' }, 'revoked');
      throw new AppError(
        403,
        'NOT_LEGAL_REPRESENTATIVE',
        '市场监管登记的法定代表人已不是您，您不能再为该单位授权；原有的法定代表人身份已失效。',
      );
    }
    const holderIdHash = this.identities.hashOf(input.idNumber);
    if (holderIdHash === identity.idHash) {
      throw new AppError(400, 'BAD_REQUEST', '不能授权您本人：法定代表人本人可直接办理。');
    }
    await this.identities.countAttempt([[`invite:${accountId}`, 30]]);
    await this.identities.checkWithPolice(input.name, input.idNumber, '经办人的');
    const now = new Date();
    const expiresAt = endOfChinaDay(input.expiresOn);
    const inviteUntil = new Date(Math.min(expiresAt.getTime(), now.getTime() + INVITATION_DAYS * 86400000));
    const doc = await this.insert(
      {
        uscc,
        unitName: own.unitName,
        holderIdHash,
        holder: { name: input.name, idNumber: input.idNumber, phone: input.phone },
        basis: 'appAuthorization',
        state: 'invited',
        grantedBy: { kind: 'account', id: accountId },
        expiresAt,
        inviteUntil,
      },
      () => alreadyAuthorized(),
    );
    await this.event(doc, 'granted', actor);
    await this.trail({
      actor,
      action: 'authority.grant',
      subject: `${uscc} ${maskIdNumber(input.idNumber)}`,
      detail: { authorityId: String(doc._id), expiresOn: input.expiresOn },
    });
    return this.operatorView(doc);
  }

  /** Path 2, second half: the named person, verified, accepts. Works once; a replay gets a clear no. */
  async accept(accountId: string, authorityId: string) {
    const identity = await this.identities.require(accountId);
    const doc = await this.models.Authority.findOne({
      _id: authorityId,
      holderIdHash: identity.idHash,
      basis: 'appAuthorization',
    }).lean<Stored>();
    if (!doc) throw notFound('授权邀请不存在');
    const now = new Date();
    if (this.lapsed(doc, now)) {
      await this.expire(doc, now);
      throw endedError('expired', true);
    }
    if (doc.state !== 'invited') throw endedError(doc.state as AuthorityState, true);
    const accepted = await this.models.Authority.findOneAndUpdate(
      { _id: doc._id, state: 'invited' },
      { $set: { state: 'active', acceptedAt: now, acceptedBy: accountId } },
      { returnDocument: 'after' },
    ).lean<Stored>();
    if (!accepted) {
      // Revoked or accepted by a concurrent request in between: say which.
      const current = await this.models.Authority.findById(doc._id).lean<Stored>();
      throw endedError((current?.state ?? 'revoked') as AuthorityState, true);
    }
    const actor: Actor = { kind: 'account', id: accountId, role: 'holder' };
    await this.event(accepted, 'accepted', actor);
    await this.trail({ actor, action: 'authority.accept', subject: accepted.uscc, detail: { authorityId } });
    return this.unitView(accepted);
  }

  /** Either side ends an authorization: its holder, or the unit's legal representative. */
  async revoke(accountId: string, authorityId: string) {
    const identity = await this.identities.require(accountId);
    const doc = await this.models.Authority.findById(authorityId).lean<Stored>();
    if (!doc) throw notFound('授权不存在');
    let role: string;
    if (doc.holderIdHash === identity.idHash) role = 'holder';
    else {
      const own = await this.liveFor(doc.uscc, identity.idHash);
      if (own?.basis !== 'legalRepresentative') throw notFound('授权不存在');
      role = 'legalRepresentative';
    }
    const actor: Actor = { kind: 'account', id: accountId, role };
    if (!(await this.end(doc, actor, 'revoked'))) {
      const current = await this.models.Authority.findById(doc._id).lean<Stored>();
      throw endedError((current?.state ?? 'revoked') as AuthorityState, false);
    }
    return { id: authorityId, state: 'revoked' as const, stateLabel: STATE_LABELS.revoked };
  }

  private async end(doc: Stored, actor: Actor, state: 'revoked'): Promise<boolean> {
    const ended = await this.models.Authority.updateOne(
      { _id: doc._id, state: trusted({ $in: ['invited', 'active'] }) },
      {
        $set: {
          state,
          slot: `${liveSlot(doc.uscc, doc.holderIdHash)}|${String(doc._id)}`,
          endedAt: new Date(),
          endedBy: actor,
        },
      },
    );
    if (ended.modifiedCount !== 1) return false;
    await this.event(doc, 'revoked', actor);
    await this.trail({
      actor,
      action: 'authority.revoke',
      subject: doc.uscc,
      detail: { authorityId: String(doc._id), by: actor.role },
    });
    return true;
  }

  /** Path 3: a window clerk checked the paper authorization signed by the legal representative. */
  async grantPaper(
    staff: { id: string; role: string },
    input: GrantInput & { uscc: string; reference: string },
  ) {
    const actor: Actor = { kind: 'staff', id: staff.id, role: 'clerk' };
    const unit = await this.govData.unit(input.uscc);
    if (!unit) throw notFound('市场监管登记信息中查无该统一社会信用代码，请核对后重新填写。');
    await this.identities.checkWithPolice(input.name, input.idNumber, '经办人的');
    const doc = await this.insert(
      {
        uscc: input.uscc,
        unitName: unit.name,
        holderIdHash: this.identities.hashOf(input.idNumber),
        holder: { name: input.name, idNumber: input.idNumber, phone: input.phone },
        basis: 'paperAuthorization',
        state: 'active',
        grantedBy: { kind: 'staff', id: staff.id },
        expiresAt: endOfChinaDay(input.expiresOn),
        inviteUntil: null,
        paperReference: input.reference,
      },
      () => alreadyAuthorized(),
    );
    await this.event(doc, 'granted', actor);
    await this.trail({
      actor,
      action: 'authority.paper',
      subject: `${input.uscc} ${maskIdNumber(input.idNumber)}`,
      detail: { authorityId: String(doc._id), reference: input.reference, expiresOn: input.expiresOn },
    });
    return this.operatorView(doc);
  }

  async staffRevoke(staff: { id: string; role: string }, authorityId: string) {
    const doc = await this.models.Authority.findById(authorityId).lean<Stored>();
    if (!doc) throw notFound('授权不存在');
    if (!(await this.end(doc, { kind: 'staff', id: staff.id, role: 'clerk' }, 'revoked'))) {
      throw endedError(doc.state as AuthorityState, false);
    }
    return { id: authorityId, state: 'revoked' as const, stateLabel: STATE_LABELS.revoked };
  }

  /** The live authority of the person with `idNumber` for `uscc` (a walk-in's operator), or null. */
  async liveForPerson(uscc: string, idNumber: string): Promise<Stored | null> {
    return this.liveFor(uscc.trim().toUpperCase(), this.identities.hashOf(idNumber));
  }

  /** The units this account may act for now. */
  async myUnits(accountId: string) {
    const identity = await this.identities.get(accountId);
    if (!identity) return [];
    const docs = await this.models.Authority.find({ holderIdHash: identity.idHash, ...this.live() })
      .sort({ unitName: 1 })
      .limit(200)
      .lean<Stored[]>();
    return docs.map((doc) => this.unitView(doc));
  }

  /** Invitations addressed to this account's verified holder, not yet accepted. */
  async invitations(accountId: string) {
    const identity = await this.identities.get(accountId);
    if (!identity) return [];
    const now = new Date();
    const docs = await this.models.Authority.find({
      holderIdHash: identity.idHash,
      state: 'invited',
      inviteUntil: trusted({ $gt: now }),
    })
      .sort({ createdAt: -1 })
      .limit(100)
      .lean<Stored[]>();
    return docs.filter((doc) => !this.lapsed(doc, now)).map((doc) => this.invitationView(doc));
  }

  /** Everyone the unit has authorized, current and past, for its legal representative. */
  async operators(accountId: string, uscc: string) {
    await this.asLegalRepresentative(accountId, uscc);
    const docs = await this.models.Authority.find({ uscc })
      .sort({ createdAt: -1 })
      .limit(200)
      .lean<Stored[]>();
    return docs.map((doc) => this.operatorView(doc));
  }

  async events(accountId: string, uscc: string, page: number, pageSize: number) {
    await this.asLegalRepresentative(accountId, uscc);
    const [docs, total] = await Promise.all([
      this.models.Event.find({ uscc })
        .sort({ at: -1, _id: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean(),
      this.models.Event.countDocuments({ uscc }),
    ]);
    return {
      items: docs.map((e) => ({
        at: e.at,
        kind: e.kind,
        kindLabel: EVENT_LABELS[e.kind as AuthorityEventKind],
        byLabel: ROLE_LABELS[(e.actor as { role?: string }).role ?? 'system'] ?? '系统',
        holder: { name: e.holder?.name ?? '', idNumber: e.holder?.idNumber ?? '' },
        basis: e.basis ?? null,
        basisLabel: e.basis ? BASIS_LABELS[e.basis as AuthorityBasis] : null,
        applicationCode: e.applicationCode ?? null,
      })),
      total,
      page,
      pageSize,
    };
  }

  /**
   * The check before every submission: a verified holder with a live authority for this USCC. Returns
   * what the case records of who filed it; throws the 403 that says what to do otherwise.
   */
  /** `identity`: the holder's, when the caller has just read it (not read again). */
  async forSubmission(accountId: string, uscc: string, unitName: string, identity?: VerifiedIdentity) {
    identity ??= (await this.identities.get(accountId)) ?? undefined;
    if (!identity) throw identityRequired();
    const authority = await this.liveFor(uscc.trim().toUpperCase(), identity.idHash);
    if (!authority) {
      await this.trail({
        actor: { kind: 'account', id: accountId, role: 'holder' },
        action: 'authority.use',
        subject: uscc,
        outcome: 'refused',
      });
      throw authorityRequired(unitName, uscc);
    }
    return { identity, authority };
  }

  /** The trail entry of a submission made under `authority`. */
  async recordUse(authority: Stored, accountId: string, applicationCode: string): Promise<void> {
    const actor: Actor = {
      kind: 'account',
      id: accountId,
      role: authority.basis === 'legalRepresentative' ? 'legalRepresentative' : 'holder',
    };
    await this.event(authority, 'used', actor, applicationCode);
    await this.trail({
      actor,
      action: 'authority.use',
      subject: authority.uscc,
      detail: { applicationCode, basis: authority.basis },
    });
  }

  /**
   * Which applications an account sees: all of a unit it represents legally, and those it filed itself
   * for a unit it is (still) authorized for. An operator whose authorization ended sees none of them.
   */
  async visibleFilter(accountId: string): Promise<Record<string, unknown>> {
    const units = await this.myUnits(accountId);
    const led = units.filter((u) => u.basis === 'legalRepresentative').map((u) => u.uscc);
    const operated = units.filter((u) => u.basis !== 'legalRepresentative').map((u) => u.uscc);
    const clauses: Record<string, unknown>[] = [];
    if (led.length) clauses.push({ uscc: trusted({ $in: led }) });
    if (operated.length)
      clauses.push({ accountId: new Types.ObjectId(accountId), uscc: trusted({ $in: operated }) });
    // No unit: nothing (a filter no document matches).
    return clauses.length ? { $or: clauses } : { _id: new Types.ObjectId('000000000000000000000000') };
  }

  unitView(doc: Stored) {
    return {
      authorityId: String(doc._id),
      uscc: doc.uscc,
      unitName: doc.unitName,
      basis: doc.basis as AuthorityBasis,
      basisLabel: BASIS_LABELS[doc.basis as AuthorityBasis],
      expiresAt: doc.expiresAt ?? null,
      canAuthorize: doc.basis === 'legalRepresentative',
    };
  }

  private invitationView(doc: Stored) {
    return {
      id: String(doc._id),
      uscc: doc.uscc,
      unitName: doc.unitName,
      expiresAt: doc.expiresAt ?? null,
      inviteUntil: doc.inviteUntil ?? null,
    };
  }

  private operatorView(doc: Stored) {
    const holder = this.holderOf(doc);
    const state = (this.lapsed(doc, new Date()) ? 'expired' : doc.state) as AuthorityState;
    return {
      id: String(doc._id),
      uscc: doc.uscc,
      unitName: doc.unitName,
      name: maskName(holder.name) ?? '',
      idNumber: maskIdNumber(holder.idNumber) ?? '',
      phone: maskPhone(holder.phone) ?? null,
      basis: doc.basis as AuthorityBasis,
      basisLabel: BASIS_LABELS[doc.basis as AuthorityBasis],
      state,
      stateLabel: STATE_LABELS[state],
      expiresAt: doc.expiresAt ?? null,
      createdAt: (doc as { createdAt?: Date }).createdAt ?? null,
    };
  }
}

function endedError(state: AuthorityState, accepting: boolean): AppError {
  const message = {
    invited: '该授权尚未被接受。',
    active: accepting ? '该授权邀请已经接受过，不能重复使用。' : '该授权仍然有效。',
    revoked: '该授权已被撤销，不能再使用；如需继续办理，请联系法定代表人重新授权。',
    expired: '该授权已过期，不能再使用；如需继续办理，请联系法定代表人重新授权。',
  }[state];
  const code = accepting ? 'INVITATION_NOT_PENDING' : 'AUTHORITY_ENDED';
  return new AppError(409, code, message);
}

const alreadyAuthorized = () =>
  new AppError(
    409,
    'AUTHORITY_EXISTS',
    '该人员已有此单位待接受或有效的授权；如需更改期限，请先撤销原授权再重新授权。',
  );

const conflictingClaim = () =>
  new AppError(409, 'AUTHORITY_EXISTS', '该单位正在由您的另一请求添加，请刷新后查看。');
