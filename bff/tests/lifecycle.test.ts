// The whole life of an application over real HTTP: submit, dispatch to the stand-in agencies, callbacks,
// 办结 and its notice; a returned matter corrected and resubmitted alone; an agency outage and recovery.
import { randomUUID } from 'node:crypto';
import { loginAs, type Client, type TestServer } from './helpers/testServer';
import { adults, applicationFor, employeeFrom, makeLegalRepresentative } from './helpers/fixtures';
import { dispatchingServerForSuite, waitFor } from './helpers/journeys';

// Whole journeys through the stand-ins: a budget for a busy machine, not a speed claim.
jest.setTimeout(60_000);

let server: TestServer;

dispatchingServerForSuite((started) => (server = started), {
  env: { DISPATCH_LEASE_MS: '3000', RECONCILE_AFTER_MS: '1000' },
  workers: 4,
});

const population = () => server.mocks!.world.population;

async function submit(client: Client, application: unknown, key = randomUUID()) {
  const draft = await client.call('POST', '/drafts', { application });
  expect(draft.status).toBe(201);
  return client.call('POST', `/drafts/${draft.body.id}/submit`, {}, { 'Idempotency-Key': key });
}

const statuses = (app: { matters: { matter: string; status: string }[] }) =>
  Object.fromEntries(app.matters.map((m) => [m.matter, m.status]));

describe('an application from submission to 办结', () => {
  it('completes all four matters, keeps a timeline, and notices the employer once', async () => {
    const client = await loginAs(server, 'lifecycle-owner');
    const consent = await client.call('POST', '/subscriptions', { templateIds: ['mock_tpl_case_result'] });
    expect(consent.body.consents).toEqual({ mock_tpl_case_result: 1 });

    const unit = population().units[3];
    await makeLegalRepresentative(server.api, client.token, unit);
    const people = adults(population(), 'normal', 2);
    const submitted = await submit(client, applicationFor(unit, people));
    expect(submitted.status).toBe(201);
    expect(submitted.body.code).toMatch(/^ZP3611\d{14}$/);
    expect(submitted.body.queryPassword).toMatch(/^\d{6}$/);
    expect(submitted.body.employees[0].idNumber).toMatch(/\*{4,}/);
    expect(statuses(submitted.body)).toEqual({
      employment: 'pending',
      socialInsurance: 'pending',
      medicalInsurance: 'pending',
      housingFund: 'pending',
    });

    const id = submitted.body.id;
    const done = await waitFor(
      async () => (await client.call('GET', `/applications/${id}`)).body,
      (app) => app.status === 'completed',
    );
    expect(done.statusLabel).toBe('已办结');
    for (const matter of done.matters) {
      expect(matter.timeline.map((t: { status: string }) => t.status)).toEqual(
        matter.matter === 'employment' || matter.matter === 'socialInsurance'
          ? ['pending', 'accepted', 'completed']
          : expect.arrayContaining(['pending', 'accepted', 'completed']),
      );
      expect(matter.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(matter.overdue).toBe(false);
    }
    const social = done.matters.find((m: { matter: string }) => m.matter === 'socialInsurance');
    expect(social.timeline.at(-1).note).toContain('社会保险费申报');

    const notices = await waitFor(
      async () => (await client.call('GET', '/notices')).body,
      (n) => n.items.some((i: { kind: string }) => i.kind === 'completed'),
    );
    expect(notices.items.filter((i: { kind: string }) => i.kind === 'completed')).toHaveLength(1);
    // A notice per decision, none for 受理 or 审核中 (those are in the timeline): 4 办结 + the 办结 of all.
    const titles = notices.items.map((i: { title: string }) => i.title);
    expect(titles.filter((t: string) => /已受理|审核中/.test(t))).toEqual([]);
    expect(titles.filter((t: string) => t.endsWith('已办结'))).toHaveLength(5);
    expect(notices.unread).toBe(5);
    // 全部已读 in one tap.
    expect((await client.call('POST', '/notices/read-all')).body).toEqual({ marked: 5 });
    expect((await client.call('GET', '/notices')).body.unread).toBe(0);
    expect((await client.call('POST', '/notices/read-all')).body).toEqual({ marked: 0 });
    // The push goes out after the in-app notice is stored: wait for it rather than race it.
    const pushed = (m: { template_id: string }) => m.template_id === 'mock_tpl_case_result';
    const messages = await waitFor(
      async () => (await (await fetch(`${server.mocks!.urls.wechat}/_admin/messages`)).json()) as any,
      (m) => m.messages.some(pushed),
    );
    const results = messages.messages.filter(pushed);
    expect(results).toHaveLength(1);
    // The message opens this application's progress page (the stand-in refuses pages the app lacks).
    expect(results[0].page).toBe(`application/detail/index?id=${submitted.body.id}`);
    expect((await client.call('GET', '/subscriptions')).body.consents.mock_tpl_case_result).toBe(0);

    const counts = (await (await fetch(`${server.mocks!.urls.hrss}/_admin/counts`)).json()) as any;
    const ours = Object.entries(counts.keys).filter(([key]) => key.startsWith(done.code));
    expect(ours).toHaveLength(2);
    for (const [, c] of ours) expect((c as { registrations: number }).registrations).toBe(1);
  });
});

describe('a process killed between the last matter and the 办结 notice', () => {
  it('leaves the notice to the dispatch sweep, which sends it once after a lease', async () => {
    const client = await loginAs(server, 'sweep-owner');
    const unit = population().units[12];
    await makeLegalRepresentative(server.api, client.token, unit);
    const people = adults(population(), 'normal', 1, 20);
    const submitted = await submit(client, applicationFor(unit, people, ['employment', 'socialInsurance']));
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    const completedNotices = async () =>
      (await client.call('GET', '/notices')).body.items.filter(
        (i: { kind: string; applicationId: string }) => i.kind === 'completed' && i.applicationId === id,
      );
    await waitFor(completedNotices, (items) => items.length === 1);

    // What a kill between the last matter's write and the notice leaves: no 办结 notice, no mark.
    const { Notice } = server.services.noticeModels;
    await Notice.deleteMany({ applicationId: id, kind: 'completed' });
    const killedAt = new Date();
    await server.services.applications.updateOne({ _id: id }, { $set: { completedNoticeAt: null } });
    expect(await completedNotices()).toHaveLength(0);
    // Within a lease of the last write the process that made it may still be sending its notices: the
    // sweep leaves it alone, so the 办结 notice never comes before the last matter's own.
    expect(await server.services.dispatcher.noticeOne(killedAt)).toBe(false);

    const resent = await waitFor(completedNotices, (items) => items.length > 0);
    expect(resent).toHaveLength(1);
    expect(resent[0].title).toContain('已办结');
  });
});

describe('a returned matter', () => {
  it('is corrected and resubmitted alone while the others keep their results', async () => {
    const client = await loginAs(server, 'correction-owner');
    const unit = population().units[4];
    await makeLegalRepresentative(server.api, client.token, unit);
    const [person] = adults(population(), 'normal', 1, 10);
    const application = applicationFor(unit, [person], ['employment', 'housingFund']);
    application.employees[0] = employeeFrom(person, { name: `${person.name}错` });
    const submitted = await submit(client, application);
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;

    const returned = await waitFor(
      async () => (await client.call('GET', `/applications/${id}`)).body,
      (app) =>
        app.matters.every((m: { status: string }) => m.status === 'returned' || m.status === 'completed') &&
        app.matters.some((m: { status: string }) => m.status === 'returned'),
    );
    expect(returned.status).toBe('returned');
    expect(returned.statusLabel).toBe('部分退回');
    const employment = returned.matters.find((m: { matter: string }) => m.matter === 'employment');
    expect(employment.status).toBe('returned');
    expect(employment.reasons[0]).toMatchObject({
      code: 'NAME_MISMATCH',
      employeeKey: returned.employees[0].key,
    });
    expect(employment.reasons[0].message).toContain('姓名');

    const notices = (await client.call('GET', '/notices')).body.items;
    expect(
      notices.some((n: { kind: string; body: string }) => n.kind === 'returned' && n.body.includes('姓名')),
    ).toBe(true);

    const key = returned.employees[0].key;
    const resubmitted = await client.call(
      'POST',
      `/applications/${id}/matters/employment/resubmit`,
      { employees: [{ ...employeeFrom(person), key }] },
      { 'Idempotency-Key': randomUUID() },
    );
    expect(resubmitted.status).toBe(200);
    const resent = resubmitted.body.matters.find((m: { matter: string }) => m.matter === 'employment');
    expect(resent).toMatchObject({ status: 'pending', attempt: 2, reasons: [] });

    const finished = await waitFor(
      async () => (await client.call('GET', `/applications/${id}`)).body,
      (app) =>
        app.matters.find((m: { matter: string }) => m.matter === 'employment').status !== 'pending' &&
        app.matters.every((m: { status: string }) => m.status === 'completed' || m.status === 'returned'),
    );
    expect(finished.matters.find((m: { matter: string }) => m.matter === 'employment').status).toBe(
      'completed',
    );
    const notResubmittable = await client.call(
      'POST',
      `/applications/${id}/matters/employment/resubmit`,
      { employees: [] },
      { 'Idempotency-Key': randomUUID() },
    );
    expect(notResubmittable.status).toBe(409);
  });
});

describe('an agency outage', () => {
  it('keeps the matters waiting, retries with backoff and delivers each once after recovery', async () => {
    const client = await loginAs(server, 'outage-owner');
    await makeLegalRepresentative(server.api, client.token, population().units[5]);
    const hrss = server.mocks!.urls.hrss;
    await fetch(`${hrss}/_admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ down: true }),
    });
    try {
      const unit = population().units[5];
      const submitted = await submit(
        client,
        applicationFor(unit, adults(population(), 'normal', 1, 20), ['employment', 'socialInsurance']),
      );
      expect(submitted.status).toBe(201);
      // Wait for the retries themselves rather than a fixed time: a busy machine polls less often.
      const during = await waitFor(
        () => server.services.applications.findById(submitted.body.id).lean(),
        (doc) => !!doc && doc.matters.every((m) => m.dispatch.tries >= 2),
      );
      for (const m of during!.matters) {
        expect(m.status).toBe('pending');
        expect(m.dispatch.tries).toBeGreaterThanOrEqual(2);
        expect(m.dispatch.state).toBe('unknown');
      }
    } finally {
      await fetch(`${hrss}/_admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ down: false }),
      });
    }
    const apps = (await client.call('GET', '/applications')).body.items;
    const after = await waitFor(
      async () => (await client.call('GET', `/applications/${apps[0].id}`)).body,
      (app) => app.status === 'completed',
    );
    const counts = (await (await fetch(`${hrss}/_admin/counts`)).json()) as any;
    for (const [key, c] of Object.entries(counts.keys)) {
      if (key.startsWith(after.code)) expect((c as { registrations: number }).registrations).toBe(1);
    }
  });
});

describe('submission idempotency', () => {
  it('answers missing keys, replays, reused keys and concurrent duplicates as the draft standard says', async () => {
    const client = await loginAs(server, 'idem-owner');
    const unit = population().units[6];
    await makeLegalRepresentative(server.api, client.token, unit);
    const draft = await client.call('POST', '/drafts', {
      application: applicationFor(unit, adults(population(), 'normal', 1, 30), ['employment']),
    });
    const path = `/drafts/${draft.body.id}/submit`;

    const missing = await client.call('POST', path, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('IDEMPOTENCY_KEY_MISSING');

    const key = randomUUID();
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => client.call('POST', path, {}, { 'Idempotency-Key': key })),
    );
    const created = concurrent.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of concurrent) expect([201, 409]).toContain(r.status);

    const replay = await client.call('POST', path, {}, { 'Idempotency-Key': key });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(created[0].body.id);

    const reused = await client.call('POST', path, { version: 7 }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    expect((await client.call('GET', '/applications')).body.items).toHaveLength(1);
  });

  it('refuses an invalid draft with every error at once', async () => {
    const client = await loginAs(server, 'invalid-owner');
    await makeLegalRepresentative(server.api, client.token, population().units[10]);
    const res = await submit(client, { matters: ['employment'], employees: [] });
    expect(res.status).toBe(422);
    expect(res.body.error.details.length).toBeGreaterThan(1);
    expect(res.body.error.message).toMatch(/^申请表还有 \d+ 处需要修改$/);
  });
});

describe('overdue matters', () => {
  it('flags a matter past its due date and counts it', async () => {
    // An operator who never gets to the case: it stays under review.
    server.mocks!.agencies.housingFund.configure({ reviewMode: 'manual' });
    const client = await loginAs(server, 'overdue-owner');
    const unit = population().units[8];
    await makeLegalRepresentative(server.api, client.token, unit);
    const submitted = await submit(
      client,
      applicationFor(unit, adults(population(), 'normal', 1, 60), ['housingFund']),
    );
    const id = submitted.body.id;
    await waitFor(
      async () => (await client.call('GET', `/applications/${id}`)).body,
      (app) => app.matters[0].status === 'accepted' || app.matters[0].status === 'reviewing',
    );
    // Pretend the 3 working days ran out yesterday while the agency still had the case.
    await server.services.applications.updateOne(
      { _id: id },
      { $set: { 'matters.0.dueDate': '2026-01-02' } },
    );
    const detail = (await client.call('GET', `/applications/${id}`)).body;
    expect(detail.matters[0].overdue).toBe(true);
    expect(detail.overdueCount).toBe(1);
    const stats = (await client.call('GET', '/stats')).body;
    expect(stats.matters.overdue).toBe(1);
    expect(stats.applications.total).toBe(1);
    server.mocks!.agencies.housingFund.configure({ reviewMode: 'auto' });
  });
});
