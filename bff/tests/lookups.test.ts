// Issue 11 #4: a person lookup answers only for the ID number saved on the hire's row it names, on a draft
// the caller owns. Tried as the attacker did: 40 people of the register, none of them on the caller's
// draft, looked up through the caller's own draft (with a real row key of it), must all be refused; the
// number the row holds gets its four auto-fill fields; every attempt leaves an audit record.
import { adults, applicationFor } from './helpers/fixtures';
import { loginAs, startTestServer, type Client, type TestServer } from './helpers/testServer';

jest.setTimeout(120_000);

let server: TestServer;
let eve: Client;

beforeAll(async () => {
  server = await startTestServer({ mocks: true });
  eve = await loginAs(server, 'lookup-eve');
});

afterAll(async () => {
  await server?.close();
});

const population = () => server.mocks!.world.population;
const lookup = (body: object) => eve.call('POST', '/persons/lookup', body);
const NOT_ON_DRAFT = {
  code: 'LOOKUP_NOT_ON_DRAFT',
  message: '只能为草稿中已保存的员工自动获取信息：请先保存这位员工的身份证号码，或手工填写',
};

it('refuses 40 of 40 people not on the caller’s draft and answers for the number the row holds', async () => {
  const [hire, ...others] = adults(population(), 'normal', 41, 400);
  const created = await eve.call('POST', '/drafts', {
    application: applicationFor(population().units[20], [hire], ['employment']),
  });
  expect(created.status).toBe(201);
  const draftId = created.body.id as string;
  const employeeKey = created.body.application.employees[0].key as string;

  const answers = [];
  for (const person of others)
    answers.push(await lookup({ draftId, employeeKey, idNumber: person.idNumber }));
  const refused = answers.filter((a) => a.status === 403);
  console.log(`lookups of people not on the draft: ${refused.length} of ${answers.length} refused`);
  expect(refused).toHaveLength(40);
  for (const a of answers) expect(a.body).toEqual({ error: NOT_ON_DRAFT });
  expect(JSON.stringify(answers)).not.toMatch(new RegExp(others.map((p) => p.name).join('|')));

  // A row key that is not on the draft, or no key at all, is no way around it.
  expect((await lookup({ draftId, employeeKey: '0123456789ab', idNumber: hire.idNumber })).body).toEqual({
    error: NOT_ON_DRAFT,
  });
  expect((await lookup({ draftId, idNumber: hire.idNumber })).status).toBe(400);

  // The number saved on the row (typed lower-case x or with spaces, as the draft may hold it) is answered.
  const own = await lookup({ draftId, employeeKey, idNumber: ` ${hire.idNumber.toLowerCase()} ` });
  expect(own.status).toBe(200);
  expect(own.body).toEqual({
    name: hire.name,
    ethnicity: hire.ethnicity,
    gender: hire.gender,
    hukouAddress: hire.hukouAddress,
  });

  // Changing the row's number (saved first) moves what may be looked up with it.
  const [next] = others;
  const { version } = (await eve.call('GET', `/drafts/${draftId}`)).body;
  const saved = await eve.call('PUT', `/drafts/${draftId}/employees/${employeeKey}`, {
    version,
    employee: { idType: 'resident', idNumber: next.idNumber },
  });
  expect(saved.status).toBe(200);
  expect((await lookup({ draftId, employeeKey, idNumber: next.idNumber })).body.name).toBe(next.name);
  expect((await lookup({ draftId, employeeKey, idNumber: hire.idNumber })).status).toBe(403);

  // Every attempt is in the trail, masked, with its outcome.
  const { items } = await server.services.audit.search({ action: 'person.lookup', page: 1, pageSize: 100 });
  const eves = items.filter((r) => r.actor?.id === eve.accountId);
  const count = (outcome: string) => eves.filter((r) => r.outcome === outcome).length;
  expect([count('refused'), count('ok')]).toEqual([42, 2]);
  for (const record of eves) {
    expect(record.subject).toMatch(/^\d{3}\*+\w{2}$/);
    expect(JSON.stringify(record)).not.toContain(hire.idNumber);
  }
  expect(eves.filter((r) => (r.detail as { reason?: string }).reason === 'not-on-row').length).toBe(41);
});
