// Another account must not read, change or even detect account A's drafts, employees, applications and
// notices: every route that takes an id answers B with the same 404 it gives for an id that does not exist,
// and A's data is exactly as before afterwards.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { loginAs, startTestServer, type Client, type TestServer } from '../helpers/testServer';
import { addDays, todayInChina } from '@hiring/shared';
import { adults, employeeFrom } from '../helpers/fixtures';
import { populateAccount, type AccountData } from './flows';
import { ResponseCheck } from '../helpers/responseCheck';

let server: TestServer;
let alice: Client;
let bob: Client;
let a: AccountData & { uscc: string; authorityId: string };

interface Attempt {
  route: string;
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface AttemptIds {
  draftId: string;
  version: number;
  employeeKey: string;
  applicationId: string;
  noticeId: string;
  submittedDraftId: string;
  submissionKey: string;
  uscc: string;
  authorityId: string;
}

const missing = () => new Types.ObjectId().toHexString();
const missingKey = () => randomUUID().replace(/-/g, '').slice(0, 12);

/** The owner's own ids, as the routes take them. */
const ownersIds = (): AttemptIds => ({
  draftId: a.draftId,
  version: a.draftVersion,
  employeeKey: a.employeeKey,
  applicationId: a.applicationId,
  noticeId: a.noticeIds[0],
  submittedDraftId: a.submittedDraftId,
  submissionKey: a.submissionKey,
  uscc: a.uscc,
  authorityId: a.authorityId,
});

/** Each id-taking route, written once and aimed at whichever ids are given. */
function attempts(ids: AttemptIds): Attempt[] {
  const employee = employeeFrom(adults(server.mocks!.world.population, 'normal', 1, 90)[0]);
  const operator = adults(server.mocks!.world.population, 'normal', 1, 96)[0];
  const grant = {
    name: operator.name,
    idNumber: operator.idNumber,
    phone: operator.phone,
    expiresOn: addDays(todayInChina(), 30),
  };
  return [
    // Unit authority (issue 13): a unit's operators, its trail, its invitations and authorizations.
    { route: 'GET /units/:uscc/operators', method: 'GET', path: `/units/${ids.uscc}/operators` },
    {
      route: 'POST /units/:uscc/operators',
      method: 'POST',
      path: `/units/${ids.uscc}/operators`,
      body: grant,
    },
    { route: 'GET /units/:uscc/events', method: 'GET', path: `/units/${ids.uscc}/events` },
    {
      route: 'POST /invitations/:id/accept',
      method: 'POST',
      path: `/invitations/${ids.authorityId}/accept`,
    },
    {
      route: 'POST /authorities/:id/revoke',
      method: 'POST',
      path: `/authorities/${ids.authorityId}/revoke`,
    },
    { route: 'GET /drafts/:id', method: 'GET', path: `/drafts/${ids.draftId}` },
    {
      route: 'PATCH /drafts/:id',
      method: 'PATCH',
      path: `/drafts/${ids.draftId}`,
      body: { version: ids.version, matters: ['employment'] },
    },
    {
      route: 'POST /drafts/:id with X-HTTP-Method-Override: PATCH (the mini-programs’ PATCH)',
      method: 'POST',
      path: `/drafts/${ids.draftId}`,
      body: { version: ids.version, matters: ['employment'] },
      headers: { 'X-HTTP-Method-Override': 'PATCH' },
    },
    {
      route: 'POST /drafts/:id/employees',
      method: 'POST',
      path: `/drafts/${ids.draftId}/employees`,
      body: { version: ids.version, employee },
    },
    {
      route: 'PUT /drafts/:id/employees/:key',
      method: 'PUT',
      path: `/drafts/${ids.draftId}/employees/${ids.employeeKey}`,
      body: { version: ids.version, employee },
    },
    {
      route: 'DELETE /drafts/:id/employees/:key',
      method: 'DELETE',
      path: `/drafts/${ids.draftId}/employees/${ids.employeeKey}?version=${ids.version}`,
    },
    { route: 'POST /drafts/:id/validate', method: 'POST', path: `/drafts/${ids.draftId}/validate`, body: {} },
    {
      route: 'POST /drafts/:id/submit',
      method: 'POST',
      path: `/drafts/${ids.draftId}/submit`,
      body: {},
      headers: { 'Idempotency-Key': randomUUID() },
    },
    {
      route: 'POST /drafts/:id/submit (the owner’s consumed draft and Idempotency-Key)',
      method: 'POST',
      path: `/drafts/${ids.submittedDraftId}/submit`,
      body: {},
      headers: { 'Idempotency-Key': ids.submissionKey },
    },
    { route: 'GET /applications/:id', method: 'GET', path: `/applications/${ids.applicationId}` },
    {
      route: 'POST /applications/:id/matters/:matter/resubmit',
      method: 'POST',
      path: `/applications/${ids.applicationId}/matters/employment/resubmit`,
      body: { employees: [{ ...employee, key: ids.employeeKey }] },
      headers: { 'Idempotency-Key': randomUUID() },
    },
    { route: 'POST /notices/:id/read', method: 'POST', path: `/notices/${ids.noticeId}/read` },
    { route: 'DELETE /drafts/:id', method: 'DELETE', path: `/drafts/${ids.draftId}` },
  ];
}

const ownerView = async () => ({
  drafts: (await alice.call('GET', '/drafts')).body,
  draft: (await alice.call('GET', `/drafts/${a.draftId}`)).body,
  applications: (await alice.call('GET', '/applications')).body,
  application: (await alice.call('GET', `/applications/${a.applicationId}`)).body,
  notices: (await alice.call('GET', '/notices')).body,
  units: (await alice.call('GET', '/units')).body,
  operators: (await alice.call('GET', `/units/${a.uscc}/operators`)).body,
  events: (await alice.call('GET', `/units/${a.uscc}/events`)).body,
});

beforeAll(async () => {
  server = await startTestServer({ mocks: true });
  alice = await loginAs(server, 'idor-alice');
  bob = await loginAs(server, 'idor-bob');
  const data = await populateAccount(server, alice, { skip: 100, unitIndex: 21, wage: 5123 });
  // Alice, the legal representative of her unit, has authorized an operator (not yet accepted).
  const uscc = (await alice.call('GET', '/units')).body.items[0].uscc;
  const person = adults(server.mocks!.world.population, 'normal', 1, 96)[0];
  const invited = await alice.call('POST', `/units/${uscc}/operators`, {
    name: person.name,
    idNumber: person.idNumber,
    phone: person.phone,
    expiresOn: addDays(todayInChina(), 30),
  });
  if (invited.status !== 201) throw new Error(`invite: ${invited.status}`);
  a = { ...data, uscc, authorityId: invited.body.id };
  // Bob has data of his own, so his requests are those of a real, active user.
  await populateAccount(server, bob, { skip: 120, unitIndex: 22, wage: 5234 });
}, 30_000);

afterAll(async () => {
  await server.close();
});

it('has an owner whose draft, employee, application and notices exist', async () => {
  expect(a.submitted).toBe(true);
  const view = await ownerView();
  expect(view.draft.application.employees.map((e: { key: string }) => e.key)).toContain(a.employeeKey);
  expect(view.application.id).toBe(a.applicationId);
  expect(view.notices.items.length).toBeGreaterThanOrEqual(2);
});

it('answers every id-taking route of another account with the 404 of a missing object, and changes nothing', async () => {
  const before = await ownerView();
  const theirs = attempts(ownersIds());
  const nowhere = attempts({
    draftId: missing(),
    version: a.draftVersion,
    employeeKey: missingKey(),
    applicationId: missing(),
    noticeId: missing(),
    submittedDraftId: missing(),
    submissionKey: randomUUID(),
    // A registered unit nobody has claimed.
    uscc: server.mocks!.world.population.units[499].uscc,
    authorityId: missing(),
  });
  expect(theirs.length).toBeGreaterThanOrEqual(13); // every route on an owned object is attempted
  const leaks: string[] = [];
  for (const [i, attempt] of theirs.entries()) {
    const res = await bob.call(attempt.method, attempt.path, attempt.body, attempt.headers);
    const control = await bob.call(nowhere[i].method, nowhere[i].path, nowhere[i].body, nowhere[i].headers);
    if (
      res.status !== 404 ||
      control.status !== 404 ||
      JSON.stringify(res.body) !== JSON.stringify(control.body)
    ) {
      leaks.push(
        `${attempt.route}: ${res.status} ${JSON.stringify(res.body)} vs missing ${control.status} ${JSON.stringify(control.body)}`,
      );
    }
  }
  expect(leaks).toEqual([]);
  expect(await ownerView()).toEqual(before);
});

it('shows another account none of the owner’s ids in its own lists', async () => {
  const seen = JSON.stringify([
    (await bob.call('GET', '/drafts')).body,
    (await bob.call('GET', '/applications')).body,
    (await bob.call('GET', '/notices')).body,
    (await bob.call('GET', '/units')).body,
    (await bob.call('GET', '/invitations')).body,
  ]);
  for (const id of [a.draftId, a.applicationId, ...a.noticeIds, a.authorityId, a.uscc])
    expect(seen).not.toContain(id);
});

it('answers the owner as the OpenAPI document says', async () => {
  const calls: [string, string, string, unknown?][] = [
    ['me', 'GET', '/me'],
    ['getSubscriptions', 'GET', '/subscriptions'],
    ['listDrafts', 'GET', '/drafts'],
    ['getDraft', 'GET', `/drafts/${a.draftId}`],
    ['validateDraft', 'POST', `/drafts/${a.draftId}/validate`, {}],
    ['patchDraft', 'PATCH', `/drafts/${a.draftId}`, { version: 1, matters: ['employment'] }],
    ['listApplications', 'GET', '/applications'],
    ['getApplication', 'GET', `/applications/${a.applicationId}`],
    ['listNotices', 'GET', '/notices'],
    ['getIdentity', 'GET', '/identity'],
    ['listMyUnits', 'GET', '/units'],
    ['listOperators', 'GET', `/units/${a.uscc}/operators`],
    ['listAuthorityEvents', 'GET', `/units/${a.uscc}/events`],
    ['listInvitations', 'GET', '/invitations'],
    ['grantSubscriptions', 'POST', '/subscriptions', { templateIds: ['mock_tpl_case_result'] }],
  ];
  const check = new ResponseCheck();
  const problems: string[] = [];
  for (const [operationId, method, path, body] of calls) {
    const res = await alice.call(method, path, body);
    problems.push(...check.problemsOf(operationId, res.status, res.body));
  }
  expect(problems).toEqual([]);
});

it('lets the owner use the same requests on their own objects (the attempts were well-formed)', async () => {
  const own = attempts(ownersIds());
  const byRoute = Object.fromEntries(own.map((x) => [x.route, x]));
  const run = async (route: string) => {
    const x = byRoute[route];
    return alice.call(x.method, x.path, x.body, x.headers);
  };
  expect((await run('GET /drafts/:id')).status).toBe(200);
  expect((await run('POST /drafts/:id/validate')).status).toBe(200);
  expect((await run('GET /applications/:id')).status).toBe(200);
  // Not returned by the agency: refused for that reason, which proves the route found the application.
  expect((await run('POST /applications/:id/matters/:matter/resubmit')).body.error.code).toBe('NOT_RETURNED');
  expect((await run('POST /notices/:id/read')).status).toBe(204);
  const replay = await run('POST /drafts/:id/submit (the owner’s consumed draft and Idempotency-Key)');
  expect(replay.status).toBe(201);
  expect(replay.body.id).toBe(a.applicationId);
  expect((await run('PUT /drafts/:id/employees/:key')).status).toBe(200);
  expect((await run('GET /units/:uscc/operators')).status).toBe(200);
  expect((await run('GET /units/:uscc/events')).status).toBe(200);
  // The same person twice: refused for that reason, which proves the route found the unit.
  expect((await run('POST /units/:uscc/operators')).body.error.code).toBe('AUTHORITY_EXISTS');
  expect((await run('POST /authorities/:id/revoke')).status).toBe(200);
  expect((await alice.call('DELETE', `/drafts/${a.draftId}`)).status).toBe(204);
});
