// Personal-data lookups have a purpose and a trail; drafts per account are capped; nothing personal or
// secret may be cached on the way.
import { loginAs, startTestServer, type Client, type TestServer } from '../helpers/testServer';
import { adults, applicationFor } from '../helpers/fixtures';

let server: TestServer;
let alice: Client;
let bob: Client;

beforeAll(async () => {
  server = await startTestServer({
    mocks: true,
    env: { PERSON_LOOKUPS_PER_DAY: '3', PERSON_LOOKUPS_PER_UNIT_PER_DAY: '5', MAX_OPEN_DRAFTS: '4' },
  });
  alice = await loginAs(server, 'lookup-alice');
  bob = await loginAs(server, 'lookup-bob');
});

afterAll(async () => {
  await server.close();
});

const population = () => server.mocks!.world.population;
const people = (skip: number, n = 1) => adults(population(), 'normal', n, skip);

/** An own draft with `hires` on it; each hire's row key by ID number, as a lookup must name it. */
async function draftOf(client: Client, unitIndex = 5, hires = people(200)) {
  const res = await client.call('POST', '/drafts', {
    application: applicationFor(population().units[unitIndex], hires, ['employment']),
  });
  expect(res.status).toBe(201);
  const rows = res.body.application.employees as { key: string; idNumber: string }[];
  return {
    id: res.body.id as string,
    keyOf: (idNumber: string) => rows.find((r) => r.idNumber === idNumber)!.key,
  };
}

const lookup = (client: Client, body: object) => client.call('POST', '/persons/lookup', body);

describe('person lookups', () => {
  it('answer only for a draft the caller owns, only the fields the form fills in', async () => {
    const [person] = people(210);
    expect((await lookup(alice, { idNumber: person.idNumber })).status).toBe(400);
    const bobs = await draftOf(bob, 6, [person]);
    const foreign = await lookup(alice, {
      idNumber: person.idNumber,
      draftId: bobs.id,
      employeeKey: bobs.keyOf(person.idNumber),
    });
    expect(foreign.status).toBe(404);
    const own = await draftOf(alice, 5, [person]);
    const res = await fetch(`${server.api}/persons/lookup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        idNumber: person.idNumber,
        draftId: own.id,
        employeeKey: own.keyOf(person.idNumber),
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['ethnicity', 'gender', 'hukouAddress', 'name']);
    expect(body.name).toBe(person.name);
  });

  it('stop at the daily cap per account and per unit', async () => {
    const carol = await loginAs(server, 'lookup-carol');
    const dave = await loginAs(server, 'lookup-dave');
    const hires = people(220, 8);
    const ids = hires.map((p) => p.idNumber);
    const carols = await draftOf(carol, 9, hires.slice(0, 5));
    const daves = await draftOf(dave, 9, hires.slice(5, 6)); // the same unit
    const on = (draft: { id: string; keyOf: (id: string) => string }, idNumber: string) => ({
      idNumber,
      draftId: draft.id,
      employeeKey: draft.keyOf(idNumber),
    });
    const statuses = [];
    for (const idNumber of ids.slice(0, 4)) statuses.push((await lookup(carol, on(carols, idNumber))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await lookup(carol, on(carols, ids[4]));
    expect(refused.body.error).toEqual({
      code: 'LOOKUP_LIMIT_REACHED',
      message: '今日自动获取人员信息的次数已用完，请手工填写',
    });
    // Carol's five attempts spent the unit's budget of five: Dave, of the same unit, gets none today.
    expect((await lookup(dave, on(daves, ids[5]))).status).toBe(429);
    const otherUnit = await draftOf(dave, 10, hires.slice(6, 7));
    expect((await lookup(dave, on(otherUnit, ids[6]))).status).toBe(200);
  });

  it('leave an audit record of every attempt, with the ID number masked', async () => {
    const { items } = await server.services.audit.search({ action: 'person.lookup', page: 1, pageSize: 100 });
    const mine = items.filter((r) => r.actor?.id === alice.accountId);
    expect(mine.map((r) => r.outcome).sort()).toEqual(['ok', 'refused']);
    for (const record of items) {
      expect(record.subject).toMatch(/^\d{3}\*+\w{2}$/);
      expect(record.purpose).toBe('draft-employee-autofill');
      expect((record.detail as { draftId?: string }).draftId).toMatch(/^[0-9a-f]{24}$/);
    }
    expect(items.filter((r) => r.outcome === 'refused')).toHaveLength(4);
  });
});

describe('drafts per account', () => {
  it('are capped, also when created concurrently', async () => {
    const erin = await loginAs(server, 'draft-erin');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => erin.call('POST', '/drafts', { application: { matters: [] } })),
    );
    const created = results.filter((r) => r.status === 201).length;
    expect(created).toBeLessThanOrEqual(4);
    expect(created).toBeGreaterThan(0);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.body.error.code).toBe('TOO_MANY_DRAFTS');
    expect((await erin.call('GET', '/drafts')).body.total).toBe(created);
  });
});

describe('caching', () => {
  // Public and holding no data: the API's description and the blank import template (cached an hour).
  const PUBLIC_CACHING: Record<string, string | null> = {
    '/api/v1/openapi.json': null,
    '/api/v1/imports/template.xlsx': 'public, max-age=3600',
  };

  it('is forbidden on every answer of the API but its public, data-free files', async () => {
    const doc = (await (await fetch(`${server.api}/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    const draftId = (await draftOf(alice, 11)).id;
    const paths = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => method === 'get')
        .map(() => path.replace(/\{id\}/, draftId).replace(/\{\w+\}/g, 'x')),
    );
    expect(paths.length).toBeGreaterThan(8);
    for (const path of paths.filter((p) => p.startsWith('/api/v1/'))) {
      // A redirect's own answer counts (the staff login's callback), not the page it leads to.
      const res = await fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${alice.token}` },
        redirect: 'manual',
      });
      await res.arrayBuffer();
      expect([path, res.headers.get('cache-control')]).toEqual([
        path,
        path in PUBLIC_CACHING ? PUBLIC_CACHING[path] : 'no-store',
      ]);
    }
    const login = await fetch(`${server.api}/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(login.headers.get('cache-control')).toBe('no-store');
  });
});
