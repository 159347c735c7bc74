// Drafts over HTTP: versions and conflicts, one-employee edits, validation, ownership, encryption, purge.
import { callApi, loginAs, startTestServer, type Client, type TestServer } from './helpers/testServer';

let server: TestServer;
let alice: Client;

const ID_NUMBER = '36110219900307201X'.slice(0, 17);

/** A valid resident ID number built from 17 digits (the check character computed here on purpose). */
function withCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const HIRE = {
  idNumber: withCheck(ID_NUMBER),
  name: '张三',
  phone: '13912345678',
  address: '江西省上饶市信州区五三大道 1 号',
};

beforeAll(async () => {
  server = await startTestServer({ mocks: true });
  alice = await loginAs(server, 'alice');
});

afterAll(async () => {
  await server.close();
});

async function newDraft(client: Client = alice) {
  const res = await client.call('POST', '/drafts', {
    application: { matters: ['employment'], unit: { name: '上饶测试公司' } },
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe('draft lifecycle', () => {
  it('creates, lists, reads, updates and deletes a draft', async () => {
    const draft = await newDraft();
    expect(draft.version).toBe(1);
    const list = await alice.call('GET', '/drafts');
    expect(list.body.items.map((d: { id: string }) => d.id)).toContain(draft.id);
    expect(list.body.items.find((d: { id: string }) => d.id === draft.id).unitName).toBe('上饶测试公司');

    const patched = await alice.call('PATCH', `/drafts/${draft.id}`, {
      version: 1,
      matters: ['employment', 'housingFund'],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.version).toBe(2);
    expect(patched.body.application.matters).toEqual(['employment', 'housingFund']);
    expect(patched.body.application.unit.name).toBe('上饶测试公司');

    expect((await alice.call('DELETE', `/drafts/${draft.id}`)).status).toBe(204);
    expect((await alice.call('GET', `/drafts/${draft.id}`)).status).toBe(404);
  });

  it('refuses a stale version with 409 and the current draft', async () => {
    const draft = await newDraft();
    await alice.call('PATCH', `/drafts/${draft.id}`, { version: 1, unit: { name: '手机甲改的名字' } });
    const stale = await alice.call('PATCH', `/drafts/${draft.id}`, {
      version: 1,
      unit: { name: '手机乙改的名字' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(stale.body.current.version).toBe(2);
    expect(stale.body.current.application.unit.name).toBe('手机甲改的名字');
  });

  it('accepts PATCH sent as POST with X-HTTP-Method-Override, as mini-programs must send it', async () => {
    const draft = await newDraft();
    const res = await alice.call(
      'POST',
      `/drafts/${draft.id}`,
      { version: 1, matters: ['housingFund'] },
      { 'X-HTTP-Method-Override': 'PATCH' },
    );
    expect(res.status).toBe(200);
    expect(res.body.application.matters).toEqual(['housingFund']);
  });

  it('lets exactly one of several concurrent writers of the same version win', async () => {
    const draft = await newDraft();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        alice.call('PATCH', `/drafts/${draft.id}`, { version: 1, unit: { name: `并发写入 ${i}` } }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const final = await alice.call('GET', `/drafts/${draft.id}`);
    expect(final.body.version).toBe(2);
  });
});

describe('two bff processes on one database', () => {
  it('refuses a version another process has replaced, though this process answered it last', async () => {
    const other = await startTestServer({ mongodbUri: server.config.mongodbUri });
    try {
      const onOther = (method: string, path: string, body?: unknown) =>
        callApi(other, alice.token, method, path, body);
      const draft = await newDraft();
      // Phone A's autosaves reach this process; phone B's the other one.
      const a = await alice.call('PATCH', `/drafts/${draft.id}`, { version: 1, unit: { name: '手机甲' } });
      expect(a.body.version).toBe(2);
      const b = await onOther('PATCH', `/drafts/${draft.id}`, { version: 2, matters: ['housingFund'] });
      expect(b.status).toBe(200);
      expect(b.body.application.unit.name).toBe('手机甲');

      const stale = await alice.call('PATCH', `/drafts/${draft.id}`, {
        version: 2,
        unit: { name: '手机甲又改' },
      });
      expect(stale.status).toBe(409);
      expect(stale.body.current.version).toBe(3);
      expect(stale.body.current.application.matters).toEqual(['housingFund']);

      const merged = await alice.call('PATCH', `/drafts/${draft.id}`, {
        version: 3,
        unit: { name: '手机甲又改' },
      });
      expect(merged.status).toBe(200);
      const seen = await onOther('GET', `/drafts/${draft.id}`);
      expect(seen.body).toMatchObject({ version: 4, application: { matters: ['housingFund'] } });
      expect(seen.body.application.unit.name).toBe('手机甲又改');

      // Deleted through the other process: this one answers 404, not its remembered version.
      expect((await onOther('DELETE', `/drafts/${draft.id}`)).status).toBe(204);
      const gone = await alice.call('PATCH', `/drafts/${draft.id}`, { version: 4, unit: { name: '已删除' } });
      expect(gone.status).toBe(404);
    } finally {
      await other.close();
    }
  });
});

describe('employees one at a time', () => {
  it('adds, edits and removes an employee by key', async () => {
    const draft = await newDraft();
    const added = await alice.call('POST', `/drafts/${draft.id}/employees`, { version: 1, employee: HIRE });
    expect(added.status).toBe(201);
    const [employee] = added.body.application.employees;
    expect(employee.key).toMatch(/^[0-9a-f]{12}$/);
    expect(employee.idNumber).toBe(HIRE.idNumber);

    const edited = await alice.call('PUT', `/drafts/${draft.id}/employees/${employee.key}`, {
      version: 2,
      employee: { ...HIRE, name: '张三丰' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.application.employees[0]).toMatchObject({ key: employee.key, name: '张三丰' });

    const removed = await alice.call('DELETE', `/drafts/${draft.id}/employees/${employee.key}?version=3`);
    expect(removed.status).toBe(200);
    expect(removed.body.application.employees).toEqual([]);

    const missing = await alice.call('DELETE', `/drafts/${draft.id}/employees/${employee.key}?version=4`);
    expect(missing.status).toBe(404);
  });

  it('refuses unknown fields and wrong types with a Chinese message per field', async () => {
    const draft = await newDraft();
    const res = await alice.call('POST', `/drafts/${draft.id}/employees`, {
      version: 1,
      employee: { ...HIRE, salary: 5000, housingFund: { base: 'lots' } },
    });
    expect(res.status).toBe(400);
    const messages = res.body.error.details.map((d: { message: string }) => d.message).join(' ');
    expect(messages).toContain('不支持的字段：salary');
    expect(messages).toContain('必须是数字');
  });

  it('neutralises query operators sent as values', async () => {
    const draft = await newDraft();
    const res = await alice.call('PATCH', `/drafts/${draft.id}`, {
      version: { $gt: 0 },
      unit: { name: { $ne: '' } },
    });
    expect(res.status).toBe(400);
  });
});

describe('validation', () => {
  it('returns shared errors for the draft and for one step', async () => {
    const draft = await newDraft();
    const all = await alice.call('POST', `/drafts/${draft.id}/validate`, {});
    expect(all.status).toBe(200);
    expect(all.body.ok).toBe(false);
    expect(all.body.errors.length).toBeGreaterThan(0);
    for (const issue of all.body.errors) expect(issue.message).toMatch(/[\u4e00-\u9fa5]/);

    const unitOnly = await alice.call('POST', `/drafts/${draft.id}/validate`, { step: 'unit' });
    expect(unitOnly.body.errors.length).toBeGreaterThan(0);
    expect(unitOnly.body.errors.every((i: { path: string }) => i.path.startsWith('unit'))).toBe(true);
  });
});

describe('ownership', () => {
  it('hides another account’s drafts behind the same 404 as a missing draft on every route', async () => {
    const draft = await newDraft();
    const added = await alice.call('POST', `/drafts/${draft.id}/employees`, { version: 1, employee: HIRE });
    const key = added.body.application.employees[0].key;
    const mallory = await loginAs(server, 'mallory');
    const attempts = [
      mallory.call('GET', `/drafts/${draft.id}`),
      mallory.call('PATCH', `/drafts/${draft.id}`, { version: 2, matters: [] }),
      mallory.call('DELETE', `/drafts/${draft.id}`),
      mallory.call('POST', `/drafts/${draft.id}/employees`, { version: 2, employee: HIRE }),
      mallory.call('PUT', `/drafts/${draft.id}/employees/${key}`, { version: 2, employee: HIRE }),
      mallory.call('DELETE', `/drafts/${draft.id}/employees/${key}?version=2`),
      mallory.call('POST', `/drafts/${draft.id}/validate`, {}),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe('草稿不存在或已删除');
    }
    expect((await mallory.call('GET', '/drafts')).body.items).toEqual([]);
    const intact = await alice.call('GET', `/drafts/${draft.id}`);
    expect(intact.body.version).toBe(2);
  });
});

describe('personal data at rest', () => {
  it('stores no ID number, phone or address in clear', async () => {
    const draft = await newDraft();
    await alice.call('POST', `/drafts/${draft.id}/employees`, { version: 1, employee: HIRE });
    const dump = JSON.stringify(await server.db.collection('drafts').find().toArray());
    expect(dump).not.toContain(HIRE.idNumber);
    expect(dump).not.toContain(HIRE.phone);
    expect(dump).not.toContain('五三大道');
    expect(dump).not.toContain('张三');
  });
});

describe('purge', () => {
  it('deletes drafts untouched for 30 days and keeps the others', async () => {
    const old = await newDraft();
    const fresh = await newDraft();
    await server.db
      .collection('drafts')
      .updateOne(
        { _id: new (await import('mongoose')).Types.ObjectId(old.id) },
        { $set: { touchedAt: new Date(Date.now() - 31 * 86400000) } },
      );
    const purged = await server.services.drafts.purgeUntouched(30);
    expect(purged).toBe(1);
    expect((await alice.call('GET', `/drafts/${old.id}`)).status).toBe(404);
    expect((await alice.call('GET', `/drafts/${fresh.id}`)).status).toBe(200);
  });
});
