// One draft, one application: however many keys, tabs, phones or processes submit it at once, exactly one
// application is created, the others learn its 办件编码, and the agency registers each hire once.
import { randomUUID } from 'node:crypto';
import {
  loginAs,
  startSecondApp,
  startTestServer,
  type Client,
  type SecondApp,
  type TestServer,
} from '../helpers/testServer';
import { adults, applicationFor, makeLegalRepresentative } from '../helpers/fixtures';

jest.setTimeout(60000);

let server: TestServer;
let owner: Client;
/** A second bff on the same database, as a second process behind the balancer would be. */
let second: SecondApp;
let skip = 0;

beforeAll(async () => {
  server = await startTestServer({ mocks: true, env: { DISPATCH_POLL_MS: '50' } });
  owner = await loginAs(server, 'exactly-once');
  await makeLegalRepresentative(server.api, owner.token, server.mocks!.world.population.units[3]);
  second = await startSecondApp(server.config);
});

afterAll(async () => {
  await server.services.dispatcher.stop();
  await second.close();
  await server.close();
});

async function newDraft() {
  const population = server.mocks!.world.population;
  const people = adults(population, 'normal', 1, 300 + skip++);
  const res = await owner.call('POST', '/drafts', {
    application: applicationFor(population.units[3], people, ['employment', 'socialInsurance']),
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, version: res.body.version as number, idNumber: people[0].idNumber };
}

const submitOn = (api: string, draftId: string, body: unknown, key = randomUUID()) =>
  fetch(`${api}/drafts/${draftId}/submit`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${owner.token}`,
      'content-type': 'application/json',
      'Idempotency-Key': key,
    },
    body: JSON.stringify(body),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));

it('turns ten concurrent submissions of one draft with ten keys on two processes into one application', async () => {
  const draft = await newDraft();
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) => submitOn(i % 2 ? second.api : server.api, draft.id, {})),
  );
  const winners = results.filter((r) => r.status === 201);
  const losers = results.filter((r) => r.status !== 201);
  expect(winners).toHaveLength(1);
  const code = winners[0].body.code;
  expect(losers.map((r) => r.status)).toEqual(Array(9).fill(409));
  for (const loser of losers) {
    expect(loser.body.error.code).toBe('ALREADY_SUBMITTED');
    expect(loser.body.error.message).toContain(code);
    expect(loser.body.application).toEqual({ id: winners[0].body.id, code });
  }
  const list = await owner.call('GET', '/applications?pageSize=100');
  expect(list.body.items.filter((a: { code: string }) => a.code === code)).toHaveLength(1);
  expect(await server.services.applications.countDocuments({ draftId: draft.id })).toBe(1);

  // The agency registers the hire once: nothing else was ever delivered for this person.
  server.services.dispatcher.start(2);
  const hrss = server.mocks!.agencies.hrss;
  for (let i = 0; i < 100; i++) {
    const cases = hrss.listCases().filter((c) => c.body.employees.some((e) => e.idNumber === draft.idNumber));
    if (cases.length >= 2) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const cases = hrss.listCases().filter((c) => c.body.employees.some((e) => e.idNumber === draft.idNumber));
  expect(cases.map((c) => c.matter).sort()).toEqual(['employment', 'socialInsurance']);
});

it('answers a later submission of a submitted draft with the 办件编码 it became, and a replay with the same answer', async () => {
  const draft = await newDraft();
  const key = randomUUID();
  const first = await submitOn(server.api, draft.id, {}, key);
  expect(first.status).toBe(201);
  const replay = await submitOn(second.api, draft.id, {}, key);
  expect(replay.status).toBe(201);
  expect(replay.body.code).toBe(first.body.code);
  const again = await submitOn(second.api, draft.id, {});
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('ALREADY_SUBMITTED');
  expect(again.body.application.code).toBe(first.body.code);
});

it('refuses a stale or future version with 409 VERSION_CONFLICT and submits nothing', async () => {
  const draft = await newDraft();
  const patched = await owner.call('PATCH', `/drafts/${draft.id}`, {
    version: draft.version,
    housingFundRelief: 'none',
  });
  expect(patched.body.version).toBe(draft.version + 1);
  for (const version of [draft.version, 999]) {
    const res = await submitOn(server.api, draft.id, { version });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('VERSION_CONFLICT');
    expect(res.body.current.version).toBe(draft.version + 1);
  }
  expect(await server.services.applications.countDocuments({ draftId: draft.id })).toBe(0);
  const ok = await submitOn(server.api, draft.id, { version: draft.version + 1 });
  expect(ok.status).toBe(201);
});
