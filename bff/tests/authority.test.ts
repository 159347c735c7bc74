// Who may submit for a unit, over real HTTP against the real database and the 公安/市场监管 stand-in:
// an unverified account never; the legal representative; an operator the legal representative authorized
// and who accepted; a person whose paper authorization a window clerk checked. Revocation and expiry take
// effect on the next request; abuse gets a clear Chinese error and never a submission.
import { randomUUID } from 'node:crypto';
import type { Person, Unit } from '@hiring/mock';
import { addDays, idCheckChar, todayInChina } from '@hiring/shared';
import { loginAs, type Client, type TestServer } from './helpers/testServer';
import { adults, applicationFor, makeLegalRepresentative } from './helpers/fixtures';
import { dispatchingServerForSuite } from './helpers/journeys';
import { ResponseCheck } from './helpers/responseCheck';

const check = new ResponseCheck();

const CLERK = 'test-clerk-token-0123456789abcdef';
const SUPERVISOR = 'test-supervisor-token-0123456789';
const CJK = /[\u4e00-\u9fff]/;

// Real HTTP, database and stand-ins on a busy 2-core machine: a generous budget per test.
jest.setTimeout(60_000);

let server: TestServer;

dispatchingServerForSuite((started) => (server = started), {
  mocks: { workingDayMs: 3_600_000 },
  env: { STAFF_TOKENS: `clerk-1:${CLERK}:clerk,supervisor-1:${SUPERVISOR}:supervisor` },
});

const population = () => server.mocks!.world.population;
const unitAt = (i: number): Unit => population().units[i];
/** Working-age people, never a legal representative (those are born 1965-1980). */
const people = (count: number, skip: number) => adults(population(), 'normal', count, skip);
const legal = (unit: Unit) => ({
  name: unit.legalRepresentative.name,
  idNumber: unit.legalRepresentative.idNumber,
});

const verify = (client: Client, person: { name: string; idNumber: string }) =>
  client.call('POST', '/identity', { name: person.name, idNumber: person.idNumber });

const inAMonth = () => addDays(todayInChina(), 30);
const grant = (person: Person, expiresOn = inAMonth()) => ({
  name: person.name,
  idNumber: person.idNumber,
  phone: person.phone,
  expiresOn,
});

async function draftFor(client: Client, unit: Unit, skip: number) {
  const res = await client.call('POST', '/drafts', {
    application: applicationFor(unit, people(1, skip), ['employment']),
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const submit = (client: Client, draftId: string) =>
  client.call('POST', `/drafts/${draftId}/submit`, {}, { 'Idempotency-Key': randomUUID() });

/** Submits a fresh draft for `unit`; the answer's status and body. */
async function fileFor(client: Client, unit: Unit, skip: number) {
  return submit(client, await draftFor(client, unit, skip));
}

async function inviteAndAccept(lr: Client, operator: Client, unit: Unit, person: Person) {
  const invited = await lr.call('POST', `/units/${unit.uscc}/operators`, grant(person));
  expect(invited.status).toBe(201);
  const accepted = await operator.call('POST', `/invitations/${invited.body.id}/accept`);
  expect(accepted.status).toBe(200);
  return invited.body.id as string;
}

/** A verified person logged in as `nickname` whom the unit's legal representative authorized and who accepted. */
async function authorizedOperator(lr: Client, unit: Unit, nickname: string, seed: number) {
  const client = await loginAs(server, nickname);
  const [person] = people(1, seed);
  expect((await verify(client, person)).status).toBe(200);
  const authorityId = await inviteAndAccept(lr, client, unit, person);
  return { client, person, authorityId };
}

const expectChinese = (res: { body: any }, code: string) => {
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toMatch(CJK);
};

describe('identity of the person', () => {
  it('refuses to submit for an unverified account, keeps the draft and says what to do', async () => {
    const client = await loginAs(server, 'unverified');
    const draftId = await draftFor(client, unitAt(40), 400);
    const res = await submit(client, draftId);
    expect(res.status).toBe(403);
    expectChinese(res, 'IDENTITY_REQUIRED');
    expect(res.body.error.message).toContain('实名核验');
    expect((await client.call('GET', `/drafts/${draftId}`)).status).toBe(200);
    expect((await client.call('GET', '/applications')).body.total).toBe(0);
  });

  it('verifies name + ID number against 公安 once and shows the ID number masked', async () => {
    const client = await loginAs(server, 'verify-once');
    const [me] = people(1, 410);
    expect((await client.call('GET', '/identity')).body).toEqual({
      verified: false,
      name: null,
      idNumber: null,
      verifiedAt: null,
    });
    const res = await verify(client, me);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verified: true, name: me.name });
    expect(res.body.idNumber).toMatch(/^\d{3}\*+\w{2}$/);
    expect(JSON.stringify(res.body)).not.toContain(me.idNumber);
    expect(check.problemsOf('verifyIdentity', 200, res.body)).toEqual([]);
    // Stating it again is harmless; stating someone else is refused.
    expect((await verify(client, me)).status).toBe(200);
    const [other] = people(1, 411);
    const changed = await verify(client, other);
    expect(changed.status).toBe(409);
    expectChinese(changed, 'IDENTITY_ALREADY_VERIFIED');
  });

  it('refuses a wrong name, an unknown number, a malformed one and someone else’s ID number', async () => {
    const client = await loginAs(server, 'verify-bad');
    const [me, owner] = people(2, 420);
    const wrongName = await verify(client, { name: `${me.name}甲`, idNumber: me.idNumber });
    expect(wrongName.status).toBe(422);
    expectChinese(wrongName, 'IDENTITY_MISMATCH');
    expect(wrongName.body.error.message).toContain('不一致');
    // A valid check character, but nobody in 公安's records.
    const unknown = await verify(client, {
      name: '赵无名',
      idNumber: `11010519491231002${idCheckChar('11010519491231002')}`,
    });
    expect(unknown.status).toBe(422);
    expectChinese(unknown, 'IDENTITY_NOT_FOUND');
    const malformed = await verify(client, { name: me.name, idNumber: '361102199013072010' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].message).toMatch(/身份证号码不正确/);

    const holder = await loginAs(server, 'verify-owner');
    expect((await verify(holder, owner)).status).toBe(200);
    const theirs = await verify(client, owner);
    expect(theirs.status).toBe(409);
    expectChinese(theirs, 'IDENTITY_IN_USE');
    expect((await client.call('GET', '/identity')).body.verified).toBe(false);
  });

  it('limits attempts per account and per ID number', async () => {
    const [target] = people(1, 430);
    const wrong = { name: `${target.name}乙`, idNumber: target.idNumber };
    const first = await loginAs(server, 'guess-1');
    for (let i = 0; i < 5; i++) expect((await verify(first, wrong)).status).toBe(422);
    const sixth = await verify(first, target);
    expect(sixth.status).toBe(429);
    expectChinese(sixth, 'IDENTITY_ATTEMPTS_EXCEEDED');
    // Another account guessing the same number: it shares the per-number budget (10 a day).
    const second = await loginAs(server, 'guess-2');
    for (let i = 0; i < 4; i++) expect((await verify(second, wrong)).status).toBe(422);
    const third = await loginAs(server, 'guess-3');
    const locked = await verify(third, target);
    expect(locked.status).toBe(429);
    expect((await third.call('GET', '/identity')).body.verified).toBe(false);
  });

  it('lets exactly one of two accounts racing for the same ID number have it', async () => {
    const [person] = people(1, 440);
    const [a, b] = await Promise.all([loginAs(server, 'race-id-a'), loginAs(server, 'race-id-b')]);
    const answers = await Promise.all([verify(a, person), verify(b, person)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});

describe('path 1: the legal representative per 市场监管', () => {
  it('refuses a verified person who is not the legal representative, and lets the legal representative submit', async () => {
    const unit = unitAt(41);
    const stranger = await loginAs(server, 'lr-stranger');
    expect((await verify(stranger, people(1, 450)[0])).status).toBe(200);
    const draftId = await draftFor(stranger, unit, 451);
    const refused = await submit(stranger, draftId);
    expect(refused.status).toBe(403);
    expectChinese(refused, 'UNIT_AUTHORITY_REQUIRED');
    expect(refused.body.error.message).toContain(unit.name);
    expect(refused.body.error.message).toMatch(/法定代表人.*授权|授权书/);
    const claim = await stranger.call('POST', '/units', { uscc: unit.uscc });
    expect(claim.status).toBe(403);
    expectChinese(claim, 'NOT_LEGAL_REPRESENTATIVE');
    expect((await stranger.call('GET', '/units')).body.items).toEqual([]);

    const lr = await loginAs(server, 'lr-41');
    expect((await verify(lr, legal(unit))).status).toBe(200);
    const claimed = await lr.call('POST', '/units', { uscc: unit.uscc.toLowerCase() });
    expect(claimed.status).toBe(201);
    expect(claimed.body).toMatchObject({ uscc: unit.uscc, basis: 'legalRepresentative', canAuthorize: true });
    expect((await lr.call('GET', '/me')).body.units).toEqual([{ uscc: unit.uscc, name: unit.name }]);
    const filed = await fileFor(lr, unit, 452);
    expect(filed.status).toBe(201);
    // The stranger still cannot: the unit's authority is the legal representative's, not the unit's.
    expect((await submit(stranger, draftId)).status).toBe(403);
  });

  it('puts the verified holder on the form as 经办人 and sends the verified identity to the agency', async () => {
    const unit = unitAt(42);
    const lr = await loginAs(server, 'lr-42');
    await makeLegalRepresentative(server.api, lr.token, unit);
    // The draft names someone else as 经办人: the verified holder replaces them.
    const draft = await lr.call('POST', '/drafts', {
      application: applicationFor(unit, people(1, 460), ['employment'], {
        name: '别人',
        idNumber: people(1, 461)[0].idNumber,
        phone: '13900001111',
      }),
    });
    const filed = await submit(lr, draft.body.id);
    expect(filed.status).toBe(201);
    const doc = await server.services.applications.findById(filed.body.id).lean();
    const sealed = server.services.cipher.decrypt<any>(doc!.sealed);
    expect(sealed.form.unit.operator).toEqual({
      ...legal(unit),
      phone: '13900001111',
    });
    const deadline = Date.now() + 10_000;
    let received: any;
    while (!received && Date.now() < deadline) {
      received = server.mocks!.agencies.hrss.listCases().find((c) => c.applicationCode === filed.body.code);
      if (!received) await new Promise((r) => setTimeout(r, 50));
    }
    expect(received.body.verifiedOperator).toMatchObject({
      ...legal(unit),
      verifiedBy: 'police',
      authority: 'legalRepresentative',
    });
  });

  it('ends the old legal representative’s standing when 市场监管 names a new one', async () => {
    const unit = unitAt(43);
    const before = { ...unit.legalRepresentative };
    const old = await loginAs(server, 'lr-43-old');
    await makeLegalRepresentative(server.api, old.token, unit);
    const [successor] = people(1, 470);
    unit.legalRepresentative = { name: successor.name, idNumber: successor.idNumber };
    try {
      const next = await loginAs(server, 'lr-43-new');
      await makeLegalRepresentative(server.api, next.token, unit);
      const stale = await fileFor(old, unit, 471);
      expect(stale.status).toBe(403);
      expect((await old.call('POST', '/units', { uscc: unit.uscc })).status).toBe(403);
      expect((await fileFor(next, unit, 472)).status).toBe(201);
    } finally {
      unit.legalRepresentative = before;
    }
  });
});

describe('path 2: authorized in the app by the legal representative', () => {
  let unit: Unit;
  let lr: Client;
  let operator: Client;
  let person: Person;

  beforeAll(async () => {
    unit = unitAt(44);
    lr = await loginAs(server, 'lr-44');
    await makeLegalRepresentative(server.api, lr.token, unit);
    operator = await loginAs(server, 'op-44');
    [person] = people(1, 480);
    expect((await verify(operator, person)).status).toBe(200);
  });

  it('lets the named operator submit only after accepting, and only once per invitation', async () => {
    const invited = await lr.call('POST', `/units/${unit.uscc}/operators`, grant(person));
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ state: 'invited', basis: 'appAuthorization' });
    expect(invited.body.idNumber).not.toContain(person.idNumber);
    expect(check.problemsOf('inviteOperator', 201, invited.body)).toEqual([]);

    const pending = (await operator.call('GET', '/invitations')).body.items;
    expect(pending).toEqual([expect.objectContaining({ id: invited.body.id, uscc: unit.uscc })]);
    const early = await fileFor(operator, unit, 481);
    expect(early.status).toBe(403);

    // Someone else, verified, cannot take the invitation (it is addressed to a person, not a link).
    const other = await loginAs(server, 'op-44-other');
    expect((await verify(other, people(1, 482)[0])).status).toBe(200);
    const hijack = await other.call('POST', `/invitations/${invited.body.id}/accept`);
    expect(hijack.status).toBe(404);

    const accepted = await operator.call('POST', `/invitations/${invited.body.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ uscc: unit.uscc, basis: 'appAuthorization', canAuthorize: false });
    const replay = await operator.call('POST', `/invitations/${invited.body.id}/accept`);
    expect(replay.status).toBe(409);
    expectChinese(replay, 'INVITATION_NOT_PENDING');
    expect((await operator.call('GET', '/invitations')).body.items).toEqual([]);

    expect((await fileFor(operator, unit, 483)).status).toBe(201);
    expect((await fileFor(other, unit, 484)).status).toBe(403);
  });

  it('lets an operator authorize nobody and manage nothing', async () => {
    const [third] = people(1, 490);
    const res = await operator.call('POST', `/units/${unit.uscc}/operators`, grant(third));
    expect(res.status).toBe(403);
    expectChinese(res, 'OPERATOR_CANNOT_AUTHORIZE');
    expect((await operator.call('GET', `/units/${unit.uscc}/operators`)).status).toBe(403);
    expect((await operator.call('GET', `/units/${unit.uscc}/events`)).status).toBe(403);
  });

  it('refuses a named operator whose name and ID number do not agree, and bad expiries', async () => {
    const [someone] = people(1, 491);
    const mismatch = await lr.call('POST', `/units/${unit.uscc}/operators`, {
      ...grant(someone),
      name: `${someone.name}丙`,
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.message).toContain('经办人');
    for (const expiresOn of [todayInChina(), addDays(todayInChina(), 400), '2027-02-30', 'soon']) {
      const res = await lr.call('POST', `/units/${unit.uscc}/operators`, grant(someone, expiresOn));
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].message).toMatch(CJK);
    }
    const self = await lr.call(
      'POST',
      `/units/${unit.uscc}/operators`,
      grant({ ...someone, ...legal(unit) } as Person),
    );
    expect(self.status).toBe(400);
  });

  it('shows each operator their own applications, the legal representative all, and an ended operator none', async () => {
    const { client: colleague, authorityId } = await authorizedOperator(lr, unit, 'op-44-b', 500);
    const mine = await fileFor(colleague, unit, 501);
    expect(mine.status).toBe(201);
    const own = await fileFor(lr, unit, 502);
    expect(own.status).toBe(201);

    const codes = async (client: Client) =>
      ((await client.call('GET', '/applications')).body.items as { code: string }[]).map((a) => a.code);
    expect(await codes(colleague)).toEqual([mine.body.code]);
    const all = await codes(lr);
    expect(all).toEqual(expect.arrayContaining([mine.body.code, own.body.code]));
    expect((await operator.call('GET', `/applications/${mine.body.id}`)).status).toBe(404);
    expect((await lr.call('GET', `/applications/${mine.body.id}`)).status).toBe(200);
    expect((await lr.call('GET', '/stats')).body.applications.total).toBe(all.length);

    // Revoked by the legal representative: the very next submission is refused, the list is empty.
    const revoked = await lr.call('POST', `/authorities/${authorityId}/revoke`);
    expect(revoked.status).toBe(200);
    const after = await fileFor(colleague, unit, 503);
    expect(after.status).toBe(403);
    expectChinese(after, 'UNIT_AUTHORITY_REQUIRED');
    expect(await codes(colleague)).toEqual([]);
    expect((await colleague.call('GET', `/applications/${mine.body.id}`)).status).toBe(404);
    expect((await colleague.call('GET', '/stats')).body.applications.total).toBe(0);
    expect(await codes(lr)).toEqual(expect.arrayContaining([mine.body.code]));
    const again = await lr.call('POST', `/authorities/${authorityId}/revoke`);
    expect(again.status).toBe(409);
    expectChinese(again, 'AUTHORITY_ENDED');
  });

  it('lets the operator end their own authorization', async () => {
    const { client: quitter, authorityId } = await authorizedOperator(lr, unit, 'op-44-quit', 510);
    expect((await fileFor(quitter, unit, 511)).status).toBe(201);
    expect((await quitter.call('POST', `/authorities/${authorityId}/revoke`)).status).toBe(200);
    expect((await fileFor(quitter, unit, 512)).status).toBe(403);
    // A stranger cannot revoke anyone's: the same 404 as for no such authority.
    const stranger = await loginAs(server, 'op-44-stranger');
    expect((await verify(stranger, people(1, 513)[0])).status).toBe(200);
    const ours = (await lr.call('GET', `/units/${unit.uscc}/operators`)).body.items[0].id;
    expect((await stranger.call('POST', `/authorities/${ours}/revoke`)).status).toBe(404);
  });

  it('stops an expired authorization at once and records its end', async () => {
    const {
      client: temp,
      person: tempPerson,
      authorityId,
    } = await authorizedOperator(lr, unit, 'op-44-temp', 520);
    expect((await fileFor(temp, unit, 521)).status).toBe(201);
    const { Types } = await import('mongoose');
    await server.db
      .collection('unitauthorities')
      .updateOne(
        { _id: new Types.ObjectId(authorityId) },
        { $set: { expiresAt: new Date(Date.now() - 1000) } },
      );
    const late = await fileFor(temp, unit, 522);
    expect(late.status).toBe(403);
    expect((await temp.call('GET', '/units')).body.items).toEqual([]);
    expect(await server.services.authority.expireLapsed()).toBeGreaterThanOrEqual(1);
    const operators = (await lr.call('GET', `/units/${unit.uscc}/operators`)).body.items;
    expect(operators.find((o: { id: string }) => o.id === authorityId).state).toBe('expired');
    // Re-authorizing the same person works once the old one has ended.
    const renewed = await lr.call('POST', `/units/${unit.uscc}/operators`, grant(tempPerson));
    expect(renewed.status).toBe(201);
  });

  it('lapses an invitation not accepted in time', async () => {
    const slow = await loginAs(server, 'op-44-slow');
    const [slowPerson] = people(1, 530);
    expect((await verify(slow, slowPerson)).status).toBe(200);
    const invited = await lr.call('POST', `/units/${unit.uscc}/operators`, grant(slowPerson));
    const { Types } = await import('mongoose');
    await server.db
      .collection('unitauthorities')
      .updateOne(
        { _id: new Types.ObjectId(invited.body.id) },
        { $set: { inviteUntil: new Date(Date.now() - 1000) } },
      );
    expect((await slow.call('GET', '/invitations')).body.items).toEqual([]);
    const late = await slow.call('POST', `/invitations/${invited.body.id}/accept`);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('过期');
    expect((await fileFor(slow, unit, 531)).status).toBe(403);
  });

  it('resolves racing grants and a revocation racing an acceptance cleanly', async () => {
    const [racer] = people(1, 540);
    const racerClient = await loginAs(server, 'op-44-racer');
    expect((await verify(racerClient, racer)).status).toBe(200);
    // The legal representative's two devices (or two double taps) invite the same person at once.
    const invites = await Promise.all(
      Array.from({ length: 5 }, () => lr.call('POST', `/units/${unit.uscc}/operators`, grant(racer))),
    );
    expect(invites.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of invites.filter((x) => x.status === 409)) expectChinese(r, 'AUTHORITY_EXISTS');
    const id = invites.find((r) => r.status === 201)!.body.id;
    const [accept, revoke] = await Promise.all([
      racerClient.call('POST', `/invitations/${id}/accept`),
      lr.call('POST', `/authorities/${id}/revoke`),
    ]);
    expect(revoke.status).toBe(200);
    expect([200, 409]).toContain(accept.status);
    // Whichever came first, the authorization is over now.
    expect((await fileFor(racerClient, unit, 541)).status).toBe(403);
  });

  it('keeps the trail for the legal representative: granted, accepted, used, revoked, expired', async () => {
    const res = await lr.call('GET', `/units/${unit.uscc}/events?pageSize=100`);
    expect(res.status).toBe(200);
    expect(check.problemsOf('listAuthorityEvents', 200, res.body)).toEqual([]);
    const kinds = new Set(res.body.items.map((e: { kind: string }) => e.kind));
    for (const kind of ['granted', 'accepted', 'used', 'revoked', 'expired']) expect(kinds).toContain(kind);
    const used = res.body.items.find((e: { kind: string }) => e.kind === 'used');
    expect(used.applicationCode).toMatch(/^ZP/);
    expect(used.kindLabel).toBe('用于提交申请');
    expect(JSON.stringify(res.body)).not.toContain(person.idNumber);
    const audit = await server.services.audit.search({ action: 'authority.grant', page: 1, pageSize: 100 });
    expect(audit.total).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(audit.items)).not.toContain(person.idNumber);
  });
});

describe('path 3: paper authorization checked by a window clerk', () => {
  it('lets the named person submit once a clerk has registered it, until the clerk revokes it', async () => {
    const unit = unitAt(45);
    const [person] = people(1, 550);
    const body = { uscc: unit.uscc, ...grant(person), reference: 'SQ-2026-0045' };
    const staff = (token: string | null, path = '/staff/authorities', payload: unknown = body) =>
      fetch(`${server.api}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(payload),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

    const holder = await loginAs(server, 'paper-45');
    expect((await verify(holder, person)).status).toBe(200);
    expect((await fileFor(holder, unit, 551)).status).toBe(403);
    expect((await staff(null)).status).toBe(401);
    expect((await staff('x'.repeat(30))).status).toBe(401);
    expect((await staff(SUPERVISOR)).status).toBe(403);
    // An employer's own login is no staff token.
    expect((await staff(holder.token)).status).toBe(401);
    const mismatch = await staff(CLERK, '/staff/authorities', { ...body, name: `${person.name}丁` });
    expect(mismatch.status).toBe(422);

    const granted = await staff(CLERK);
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ basis: 'paperAuthorization', state: 'active' });
    expect((await holder.call('GET', '/units')).body.items).toEqual([
      expect.objectContaining({ uscc: unit.uscc, basis: 'paperAuthorization' }),
    ]);
    expect((await fileFor(holder, unit, 552)).status).toBe(201);
    expect((await staff(CLERK)).status).toBe(409);

    const revoked = await staff(CLERK, `/staff/authorities/${granted.body.id}/revoke`, {});
    expect(revoked.status).toBe(200);
    expect((await fileFor(holder, unit, 553)).status).toBe(403);
    const trail = await server.services.audit.search({ action: 'authority.paper', page: 1, pageSize: 10 });
    expect(trail.items[0]).toMatchObject({ actor: { kind: 'staff', role: 'clerk' }, outcome: 'ok' });
  });
});
