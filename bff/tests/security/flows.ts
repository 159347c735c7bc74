// Shared set-up for the security tests: an account with a draft (with employees), a submitted application
// and notices, built through the public API the way the client builds them.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { todayInChina } from '@hiring/shared';
import { createRng, type Person } from '@hiring/mock';
import type { Client, TestServer } from '../helpers/testServer';
import { adults, applicationFor, makeLegalRepresentative } from '../helpers/fixtures';

export interface AccountData {
  draftId: string;
  draftVersion: number;
  employeeKey: string;
  /** The submitted application, or a never-used id when submission is unavailable (then `submitted` is false). */
  applicationId: string;
  applicationCode?: string;
  submitted: boolean;
  /** The draft the submission consumed, and the Idempotency-Key it was submitted with. */
  submittedDraftId: string;
  submissionKey: string;
  noticeIds: string[];
  /** Every person whose data went into the account's draft and application, with the operator. */
  people: { idNumber: string; name: string; phone: string; address: string; hukouAddress: string }[];
  wages: number[];
}

/** A seeded PRNG (the stand-ins' mulberry32): the same seed gives the same requests, so a failure can be replayed. */
export const prng = (seed: number): (() => number) => createRng(seed);

/**
 * Gives `client` a submitted application (two employees), a draft still being edited (two employees, one
 * added through the employee route) and notices. `skip` picks other people of the synthetic population so
 * two accounts never share a person.
 */
export async function populateAccount(
  server: TestServer,
  client: Client,
  {
    skip,
    unitIndex,
    wage,
    misnamed = false,
  }: {
    skip: number;
    unitIndex: number;
    wage: number;
    /** Misspell the first employee's name so the agency returns the matter with a reason. */
    misnamed?: boolean;
  },
): Promise<AccountData> {
  const population = server.mocks!.world.population;
  // A unit already registered with both funds, so a non-first application is complete.
  const unit = population.units.filter((u) => u.socialInsuranceCode && u.housingFundAccount)[unitIndex];
  await makeLegalRepresentative(server.api, client.token, unit);
  const [p1, p2, p3, p4] = adults(population, 'normal', 4, skip);
  const withWage = (application: ReturnType<typeof applicationFor>) => ({
    ...application,
    // Fields shared's rules require that the common fixture may not carry yet.
    unit: { applicationDate: todayInChina(), firstApplication: false, ...application.unit },
    employees: application.employees.map((e) => ({
      ...e,
      wage,
      housingFund: { ...e.housingFund, base: wage },
    })),
  });

  const toSubmit = withWage(applicationFor(unit, [p1, p2]));
  if (misnamed) toSubmit.employees[0] = { ...toSubmit.employees[0], name: `${p1.name}错` };
  const created = await client.call('POST', '/drafts', { application: toSubmit });
  if (created.status !== 201) throw new Error(`draft for submission: ${created.status}`);
  const submissionKey = randomUUID();
  const submittedRes = await client.call(
    'POST',
    `/drafts/${created.body.id}/submit`,
    {},
    { 'Idempotency-Key': submissionKey },
  );
  const submitted = submittedRes.status === 201;
  if (!submitted) {
    // Shared's rules are being renamed while this suite is written; the id-based checks still run.
    const paths = (submittedRes.body?.error?.details ?? []).map(
      (d: { path: string; message: string }) => `${d.path}: ${d.message}`,
    );
    console.warn(
      `submission unavailable (${submittedRes.status} ${submittedRes.body?.error?.code}) ${paths.join(' | ')}`,
    );
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
    submittedDraftId: created.body.id,
    submissionKey,
    noticeIds: notices.body.items.map((n: { id: string }) => n.id),
    people: [
      ...[p1, p2, p3, p4].map((p: Person) => ({
        idNumber: p.idNumber,
        name: p.name,
        phone: p.phone,
        address: p.address,
        hukouAddress: p.hukouAddress,
      })),
      // The verified holder: the 经办人 the application really carries.
      {
        idNumber: unit.legalRepresentative.idNumber,
        name: unit.legalRepresentative.name,
        phone: '',
        address: '',
        hukouAddress: '',
      },
      {
        idNumber: operator.idNumber,
        name: operator.name,
        phone: operator.phone,
        address: '',
        hukouAddress: '',
      },
      ...(misnamed
        ? [{ idNumber: p1.idNumber, name: `${p1.name}错`, phone: p1.phone, address: '', hukouAddress: '' }]
        : []),
    ],
    wages: [wage],
  };
}
