// 一窗受理 over real HTTP: a clerk of 信州区 logs in through the identity provider, reads a hire's ID card
// through the clerk's OCR route, enters a walk-in application with two hires (paper authorization and
// original ID cards seen = the unit authority's path 3), prints the form and the receipt, and the matters
// reach 办结; a clerk of 玉山县 sees nothing of it (404); returned matters are listed with their reasons.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { trusted } from 'mongoose';
import { addDays, todayInChina } from '@hiring/shared';
import { population, staffLogin, type StaffCookie } from '@hiring/mock';
import { generateIdCardPhoto } from '../../ocr-testset/generate';
import { adults, applicationFor } from '../helpers/fixtures';
import { staffCall, type StaffAnswer } from '../helpers/staffCall';
import { startTestServer, type TestServer } from '../helpers/testServer';

jest.setTimeout(180_000);

let server: TestServer;
let xz: StaffCookie;
let ys: StaffCookie;
const pop = population();
const unit = pop.units[11];

beforeAll(async () => {
  server = await startTestServer({ mocks: true });
  server.services.dispatcher.start(2);
  xz = await staffLogin(server.url, server.mocks!.urls.staffIdp, 'xz-clerk');
  ys = await staffLogin(server.url, server.mocks!.urls.staffIdp, 'ys-clerk');
});

afterAll(async () => {
  await server?.services.dispatcher.stop();
  await server?.close();
});

type Answer = StaffAnswer;

const call = (
  cookie: StaffCookie,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => staffCall(server, cookie, method, path, body, headers);

/** A walk-in submitted as the console does: one Idempotency-Key per 受理 attempt. */
const takeIn = (cookie: StaffCookie, body: unknown, key: string = randomUUID()) =>
  call(cookie, 'POST', '/staff/clerk/applications', body, { 'Idempotency-Key': key });

async function readCard(jpeg: Buffer): Promise<Answer> {
  for (;;) {
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'card.jpg');
    const res = await fetch(`${server.api}/staff/clerk/ocr/id-card`, {
      method: 'POST',
      headers: { cookie: xz.header, 'X-Requested-With': 'XMLHttpRequest' },
      body: form,
    });
    const body: any = await res.json();
    // The engine loads in the background after start-up: the route says when to retry.
    if (res.status === 503 && body.error.code === 'OCR_STARTING') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    return { status: res.status, body, headers: res.headers };
  }
}

function walkIn(hires = adults(pop, 'normal', 2, 80)) {
  const operator = adults(pop, 'normal', 1, 120)[0];
  const application = applicationFor(unit, hires, undefined, {
    name: operator.name,
    idNumber: operator.idNumber,
    phone: operator.phone,
  }) as any;
  return {
    application,
    attestation: {
      reference: 'SQ-2026-0099',
      expiresOn: addDays(todayInChina(), 90),
      paperAuthorizationSeen: true,
      operatorIdCardSeen: true,
      hireIdCardsSeen: hires.map(() => true),
    },
  };
}

let applicationId: string;
let code: string;

it('takes a walk-in application in, one hire read from an ID-card photo, and it reaches 办结', async () => {
  const [first, second] = adults(pop, 'normal', 2, 80);
  // The second hire's card is photographed at the window and read by OCR.
  const { jpeg } = await generateIdCardPhoto({
    seed: 17,
    person: {
      name: second.name,
      idNumber: second.idNumber,
      gender: second.gender as '1' | '2',
      ethnicity: second.ethnicity,
      birthDate: second.birthDate,
      address: second.hukouAddress,
    } as never,
  });
  const reading = await readCard(jpeg);
  expect(reading.status).toBe(200);
  expect(reading.body).toMatchObject({ idNumber: second.idNumber, verified: true });
  const body = walkIn([first, second]);
  body.application.employees[1] = {
    ...body.application.employees[1],
    idNumber: reading.body.idNumber,
    name: reading.body.name ?? second.name,
  };

  const taken = await takeIn(xz, body);
  expect(taken.status).toBe(201);
  expect(taken.body).toEqual({
    id: expect.any(String),
    code: expect.stringMatching(/^ZP3611\d{14}$/),
    unitName: unit.name,
    employeeCount: 2,
  });
  ({ id: applicationId, code } = taken.body);

  // The unit's authority for the operator is the paper one the clerk has seen (path 3), in the trail.
  const trail = await server.services.audit.search({ action: 'authority.paper', page: 1, pageSize: 5 });
  expect(trail.items[0]).toMatchObject({
    actor: { kind: 'staff', id: 'xz-clerk' },
    subject: expect.stringContaining(unit.uscc),
  });
  const walkInTrail = await server.services.audit.search({
    action: 'staff.walkIn',
    subject: code,
    page: 1,
    pageSize: 1,
  });
  expect(walkInTrail.items[0].detail).toMatchObject({
    hires: 2,
    paperAuthorizationSeen: true,
    hireIdCardsSeen: 2,
  });

  let detail: Answer;
  for (;;) {
    detail = await call(xz, 'GET', `/staff/clerk/applications/${applicationId}`);
    expect(detail.status).toBe(200);
    if (detail.body.status === 'completed') break;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  expect(detail.body).toMatchObject({ code, channel: 'window', county: '361102', uscc: unit.uscc });
  expect(detail.body.matters.map((m: any) => m.status)).toEqual([
    'completed',
    'completed',
    'completed',
    'completed',
  ]);
  // Personal data masked, and no query password for the window's screen.
  expect(detail.body.employees[0].idNumber).toMatch(/^\d{3}\*+\w{2}$/);
  expect(detail.body.queryPassword).toBeUndefined();
});

it('prints the form and the receipt for the walk-in', async () => {
  const form = await call(xz, 'GET', `/staff/applications/${applicationId}/form.pdf`);
  expect(form.status).toBe(200);
  expect(form.headers.get('content-type')).toBe('application/pdf');
  const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: form.body }).toString();
  expect(text).toContain(code);
  expect(text).toContain(unit.name);
  const receipt = await call(xz, 'GET', `/staff/applications/${applicationId}/receipt.pdf`);
  expect(receipt.status).toBe(200);
  expect(execFileSync('pdftotext', ['-', '-'], { input: receipt.body }).toString()).toContain(code);
  const printed = await server.services.audit.search({
    subject: code,
    action: 'staff.document.receipt',
    page: 1,
    pageSize: 1,
  });
  expect(printed.total).toBe(1);
});

it('finds the application by code, unit name, USCC and date in its county only', async () => {
  const today = todayInChina();
  for (const query of [
    `code=${code}`,
    `code=${code.slice(0, 12)}`,
    `unit=${encodeURIComponent(unit.name.slice(3, 9))}`,
    `unit=${unit.uscc}`,
    `from=${today}&to=${today}`,
  ]) {
    const found = await call(xz, 'GET', `/staff/clerk/applications?${query}`);
    expect([query, found.status, found.body.error]).toEqual([query, 200, undefined]);
    expect(found.body.items.map((i: any) => i.code)).toContain(code);
  }
  const none = await call(xz, 'GET', `/staff/clerk/applications?from=${addDays(today, 1)}`);
  expect(none.body.items.map((i: any) => i.code)).not.toContain(code);
});

it('shows a clerk of 玉山县 nothing of a 信州区 application (404, not 403)', async () => {
  for (const path of [
    `/staff/clerk/applications/${applicationId}`,
    `/staff/applications/${applicationId}/form.pdf`,
    `/staff/applications/${applicationId}/receipt.pdf`,
  ]) {
    const res = await call(ys, 'GET', path);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  }
  const search = await call(ys, 'GET', `/staff/clerk/applications?code=${code}`);
  expect(search.body).toMatchObject({ items: [], total: 0 });
  const handBack = await call(
    ys,
    'POST',
    `/staff/clerk/applications/${applicationId}/matters/medicalInsurance/handed-back`,
    {},
  );
  expect(handBack.status).toBe(404);
});

it('refuses a walk-in whose paper authorization or ID cards were not seen, in Chinese', async () => {
  const body = walkIn();
  body.attestation.paperAuthorizationSeen = false;
  body.attestation.hireIdCardsSeen = [true, false];
  const res = await takeIn(xz, body);
  expect(res.status).toBe(422);
  expect(res.body.error.details).toEqual(
    expect.arrayContaining([
      { path: 'attestation.paperAuthorizationSeen', message: '请核验加盖单位公章的纸质授权书原件后勾选' },
      { path: 'attestation.hireIdCardsSeen[1]', message: '请核验第2位员工身份证原件后勾选' },
    ]),
  );
  // A form the rules refuse is refused with shared's messages.
  const bad = walkIn();
  bad.application.employees[0].phone = '123';
  const refused = await takeIn(xz, bad);
  expect(refused.status).toBe(422);
  expect(refused.body.error.details.some((d: any) => d.path === 'employees[0].phone')).toBe(true);
  // Supervisors do not take walk-ins.
  const supervisor = await staffLogin(server.url, server.mocks!.urls.staffIdp, 'city-supervisor');
  expect((await takeIn(supervisor, walkIn())).status).toBe(403);
});

it('takes a walk-in once per Idempotency-Key: five concurrent submits file one application', async () => {
  const body = walkIn(adults(pop, 'normal', 1, 130));
  const key = randomUUID();
  const before = new Date();
  const answers = await Promise.all(Array.from({ length: 5 }, () => takeIn(xz, body, key)));
  const taken = answers.filter((a) => a.status === 201);
  expect(taken.length).toBeGreaterThanOrEqual(1);
  expect(new Set(taken.map((a) => a.body.id)).size).toBe(1);
  // The others ran into the first while it was still filing (a late one replays its answer).
  for (const other of answers.filter((a) => a.status !== 201))
    expect([other.status, other.body.error.code]).toEqual([409, 'REQUEST_IN_PROGRESS']);
  const filed = await server.services.applications
    .find({ uscc: unit.uscc, channel: 'window', submittedAt: trusted({ $gte: before }) }, { code: 1 })
    .lean();
  expect(filed.map((doc) => doc.code)).toEqual([taken[0].body.code]);
  const trail = await server.services.audit.search({
    action: 'staff.walkIn',
    subject: taken[0].body.code,
    page: 1,
    pageSize: 5,
  });
  expect(trail.total).toBe(1);

  // A retry after a lost answer gets the same application back.
  const retry = await takeIn(xz, body, key);
  expect([retry.status, retry.body.id, retry.headers.get('idempotent-replayed')]).toEqual([
    201,
    taken[0].body.id,
    'true',
  ]);
  // The form changed after it was taken in: the clerk learns which application the attempt became.
  const changed = structuredClone(body);
  changed.attestation.reference = 'SQ-2026-0100';
  const conflict = await takeIn(xz, changed, key);
  expect(conflict.status).toBe(409);
  expect(conflict.body.error).toMatchObject({
    code: 'ALREADY_SUBMITTED',
    message: `本次受理已提交，办件编码 ${taken[0].body.code}`,
  });
  expect(conflict.body.application).toEqual({ id: taken[0].body.id, code: taken[0].body.code });
  // Without a key there is no telling a retry from a second application.
  const keyless = await call(xz, 'POST', '/staff/clerk/applications', body);
  expect([keyless.status, keyless.body.error.code]).toEqual([400, 'IDEMPOTENCY_KEY_MISSING']);
  expect(
    await server.services.applications.countDocuments({
      uscc: unit.uscc,
      channel: 'window',
      submittedAt: trusted({ $gte: before }),
    }),
  ).toBe(1);
});

it('lists a returned matter with its reasons and records that the window told the unit', async () => {
  // 医保 returns the matter of a second walk-in (the stand-in decides by hand here).
  server.mocks!.agencies.medicalSecurity.configure({ reviewMode: 'manual' });
  const taken = await takeIn(xz, walkIn(adults(pop, 'normal', 1, 90)));
  expect(taken.status).toBe(201);
  let caseId: string | undefined;
  while (!caseId) {
    const doc = await server.services.applications.findById(taken.body.id).lean();
    caseId = doc!.matters.find((m) => m.matter === 'medicalInsurance')?.caseId ?? undefined;
    if (!caseId) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.mocks!.agencies.medicalSecurity.returnCase(caseId, [
    { code: 'MISSING_MATERIAL', message: '缺少劳动合同复印件' },
  ] as never);
  let listed: Answer;
  for (;;) {
    listed = await call(xz, 'GET', '/staff/clerk/returns');
    if (listed.body.items.some((i: any) => i.code === taken.body.code)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const item = listed.body.items.find((i: any) => i.code === taken.body.code);
  expect(item).toMatchObject({ matter: 'medicalInsurance', agencyLabel: '医保局', handedBackAt: null });
  expect(item.reasons[0]).toMatchObject({ message: '缺少劳动合同复印件', label: expect.any(String) });
  expect(
    (await call(ys, 'GET', '/staff/clerk/returns')).body.items.some((i: any) => i.code === taken.body.code),
  ).toBe(false);

  const told = await call(
    xz,
    'POST',
    `/staff/clerk/applications/${taken.body.id}/matters/medicalInsurance/handed-back`,
    { note: '已电话告知' },
  );
  expect(told.status).toBe(200);
  const after = await call(xz, 'GET', '/staff/clerk/returns');
  expect(after.body.items.find((i: any) => i.code === taken.body.code).handedBackAt).toBe(
    told.body.handedBackAt,
  );
  // The decision stays the agency's: still returned.
  const doc = await server.services.applications.findById(taken.body.id).lean();
  expect(doc!.matters.find((m) => m.matter === 'medicalInsurance')!.status).toBe('returned');
  const notReturned = await call(
    xz,
    'POST',
    `/staff/clerk/applications/${taken.body.id}/matters/employment/handed-back`,
    {},
  );
  expect(notReturned.status).toBe(409);
  server.mocks!.agencies.medicalSecurity.configure({ reviewMode: 'auto' });
});
