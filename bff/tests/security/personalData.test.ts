// Personal data after a whole flow (draft with employees, submission, dispatch to the stand-in agencies, a
// returned matter, notices): nothing in the database in clear, lists and logs masked. Failures name the
// collection and field only, never the value.
import { FAST_DISPATCH, loginAs, startTestServer, type Client, type TestServer } from '../helpers/testServer';
import { populateAccount, type AccountData } from './flows';
import { ResponseCheck } from '../helpers/responseCheck';

let server: TestServer;
let owner: Client;
let data: AccountData;
const WAGE = 7391;

beforeAll(async () => {
  server = await startTestServer({
    mocks: { workingDayMs: 100 },
    env: FAST_DISPATCH,
  });
  server.services.dispatcher.start(4);
  owner = await loginAs(server, 'pii-owner');
  data = await populateAccount(server, owner, { skip: 140, unitIndex: 31, wage: WAGE, misnamed: true });
  // Auto-fill of a person by ID number: the number travels in a body, and must not reach a log line.
  await owner.call('POST', '/persons/lookup', { idNumber: data.people[2].idNumber });
  // Wait until every matter has an answer from its agency, so their results and notices are stored too.
  const deadline = Date.now() + 8_000;
  for (;;) {
    const app = (await owner.call('GET', `/applications/${data.applicationId}`)).body;
    if (app.matters?.every((m: { status: string }) => m.status === 'completed' || m.status === 'returned'))
      break;
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 150));
  }
}, 30_000);

afterAll(async () => {
  await server.services.dispatcher.stop();
  await server.close();
});

/** Each sensitive value with a label that is safe to print. */
function secrets(): { label: string; value: string }[] {
  return data.people.flatMap((p, i) =>
    (['idNumber', 'name', 'phone', 'address', 'hukouAddress'] as const)
      .filter((field) => p[field])
      .map((field) => ({ label: `person ${i} ${field}`, value: p[field] })),
  );
}

/** Paths of every string or number in `node` that equals or contains a secret (or is the wage). */
function findClearText(node: unknown, path: string, found: string[]) {
  if (typeof node === 'string') {
    for (const { label, value } of secrets()) if (node.includes(value)) found.push(`${path} holds ${label}`);
    if (new RegExp(`(^|[^\\w+/])${WAGE}([^\\w+/]|$)`).test(node)) found.push(`${path} holds the wage`);
  } else if (typeof node === 'number') {
    if (node === WAGE) found.push(`${path} holds the wage`);
  } else if (Array.isArray(node)) {
    node.forEach((item, i) => findClearText(item, `${path}[${i}]`, found));
  } else if (node && typeof node === 'object') {
    if (node.constructor?.name === 'ObjectId' || node instanceof Date) return;
    for (const [key, value] of Object.entries(node)) findClearText(value, `${path}.${key}`, found);
  }
}

describe('the flow', () => {
  it('submitted, dispatched and produced notices', async () => {
    expect(data.submitted).toBe(true);
    const app = (await owner.call('GET', `/applications/${data.applicationId}`)).body;
    expect(app.matters.some((m: { status: string }) => m.status === 'returned')).toBe(true);
    const notices = (await owner.call('GET', '/notices')).body.items;
    expect(notices.some((n: { kind: string }) => n.kind === 'returned')).toBe(true);
  });

  it('answers with the documented shapes once agencies have replied', async () => {
    const app = await owner.call('GET', `/applications/${data.applicationId}`);
    const notices = await owner.call('GET', '/notices');
    const check = new ResponseCheck();
    expect([
      ...check.problemsOf('getApplication', app.status, app.body),
      ...check.problemsOf('listNotices', notices.status, notices.body),
    ]).toEqual([]);
  });
});

describe('the database', () => {
  it('is searched by a detector that finds the values where they are meant to be in clear', async () => {
    // The owner's own draft returns full values for editing: the detector must see all of them there.
    const draft = (await owner.call('GET', `/drafts/${data.draftId}`)).body;
    const found: string[] = [];
    findClearText(draft, 'draft', found);
    for (const field of ['idNumber', 'name', 'phone', 'address', 'hukouAddress', 'wage']) {
      expect(found.some((f) => f.endsWith(field))).toBe(true);
    }
  });

  it('holds no ID number, phone, address, wage or name of the employees and the operator in clear', async () => {
    const db = server.db.db!;
    const collections = await db.listCollections().toArray();
    expect(collections.map((c) => c.name)).toEqual(
      expect.arrayContaining(['drafts', 'applications', 'notices', 'idempotencyrecords']),
    );
    const found: string[] = [];
    let documents = 0;
    for (const { name } of collections) {
      const docs = await db.collection(name).find({}).toArray();
      documents += docs.length;
      docs.forEach((doc, i) => findClearText(doc, `${name}[${i}]`, found));
    }
    expect(documents).toBeGreaterThanOrEqual(7);
    expect([...new Set(found.map((f) => f.replace(/\[\d+\]/g, '[]')))]).toEqual([]);
  });
});

describe('responses and logs', () => {
  const identifiers = () => secrets().filter((s) => /idNumber|phone/.test(s.label));

  it('never show a full ID number or phone in lists, application details or notices', async () => {
    expect(identifiers().length).toBeGreaterThanOrEqual(4); // ID numbers and phones of employees and operator
    const found: string[] = [];
    for (const path of ['/drafts', '/applications', `/applications/${data.applicationId}`, '/notices']) {
      const text = JSON.stringify((await owner.call('GET', path)).body);
      for (const { label, value } of identifiers())
        if (text.includes(value)) found.push(`${path} shows ${label}`);
    }
    expect(found).toEqual([]);
    // Masked, not dropped: the owner still recognises the row.
    const app = (await owner.call('GET', `/applications/${data.applicationId}`)).body;
    expect(app.employees[0].idNumber).toMatch(/^\d{3}\*{13}\w{2}$/);
  });

  it('never write a full ID number or phone to the log', () => {
    expect(server.logLines.length).toBeGreaterThan(10);
    const log = server.logLines.join('\n');
    expect(
      identifiers()
        .filter(({ value }) => log.includes(value))
        .map(({ label }) => label),
    ).toEqual([]);
  });
});
