// Scheduled jobs: the 缓缴/降缴 materials reminder goes out once, a week before the deadline; stale data is purged.
import { randomUUID } from 'node:crypto';
import { addDays, todayInChina } from '@hiring/shared';
import { runScheduledJobs } from '../src/jobs/scheduledJobs';
import { loginAs, startTestServer, type TestServer } from './helpers/testServer';
import { adults, applicationFor, makeLegalRepresentative } from './helpers/fixtures';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ mocks: true });
});

afterAll(async () => {
  await server.close();
});

it('reminds the employer of the relief materials deadline once, seven days before it', async () => {
  const client = await loginAs(server, 'relief-owner');
  const population = server.mocks!.world.population;
  await makeLegalRepresentative(server.api, client.token, population.units[9]);
  const application = {
    ...applicationFor(population.units[9], adults(population, 'normal', 1, 50), ['housingFund']),
    housingFundRelief: 'defer',
  };
  const draft = await client.call('POST', '/drafts', { application });
  const submitted = await client.call(
    'POST',
    `/drafts/${draft.body.id}/submit`,
    {},
    { 'Idempotency-Key': randomUUID() },
  );
  expect(submitted.status).toBe(201);
  expect(submitted.body.housingFundRelief).toBe('defer');
  const deadline = submitted.body.reliefDeadline;
  expect(deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(deadline > todayInChina()).toBe(true);

  // Today: the deadline is about a month away, no reminder yet.
  expect((await runScheduledJobs(server.services)).reminders).toBe(0);

  // Eight days before: still nothing; seven days before: the reminder, once.
  const at = (date: string) => new Date(`${date}T09:00:00+08:00`);
  expect((await runScheduledJobs(server.services, at(addDays(deadline, -8)))).reminders).toBe(0);
  expect((await runScheduledJobs(server.services, at(addDays(deadline, -7)))).reminders).toBe(1);
  expect((await runScheduledJobs(server.services, at(addDays(deadline, -6)))).reminders).toBe(0);

  // Those runs lived weeks ahead and purged today's sessions as expired: log in again.
  const again = await loginAs(server, 'relief-owner');
  const notices = (await again.call('GET', '/notices')).body.items.filter(
    (n: { kind: string }) => n.kind === 'reliefReminder',
  );
  expect(notices).toHaveLength(1);
  expect(notices[0].body).toContain(deadline);
  expect(notices[0].body).toContain('困难证明');
});

it('purges drafts untouched for 30 days and expired sessions, and keeps the rest', async () => {
  const client = await loginAs(server, 'purge-owner');
  const old = await client.call('POST', '/drafts', {});
  const fresh = await client.call('POST', '/drafts', {});
  const in31Days = new Date(Date.now() + 31 * 86400000);
  await server.db
    .collection('drafts')
    .updateOne(
      { _id: new (await import('mongoose')).Types.ObjectId(fresh.body.id) },
      { $set: { touchedAt: in31Days } },
    );
  const result = await runScheduledJobs(server.services, in31Days);
  expect(result.purgedDrafts).toBeGreaterThanOrEqual(1);
  expect(
    await server.db
      .collection('drafts')
      .countDocuments({ _id: new (await import('mongoose')).Types.ObjectId(old.body.id) }),
  ).toBe(0);
  expect(
    await server.db
      .collection('drafts')
      .countDocuments({ _id: new (await import('mongoose')).Types.ObjectId(fresh.body.id) }),
  ).toBe(1);
  // The session (7-day lifetime) expired more than a week before this run: gone.
  expect(result.purgedSessions).toBeGreaterThanOrEqual(1);
});
