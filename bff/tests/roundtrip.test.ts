// The agency round trip over real HTTP: every field of the form reaches each agency that declares it, in
// the paper form's notation and as declared (no placeholder floor), and every result an agency decides
// comes back, is kept and is shown to the employer (detail page, 办结 notice, next application's codes).
import { MATTER_FIELDS, addDays, addMonths, matterSpec, todayInChina, type MatterCode } from '@hiring/shared';
import { loginAs, type Client, type TestServer } from './helpers/testServer';
import { dispatchingServerForSuite, submitApplication, waitFor } from './helpers/journeys';
import { adults, applicationFor, employeeFrom } from './helpers/fixtures';

let server: TestServer;
jest.setTimeout(120_000);
dispatchingServerForSuite((started) => (server = started));

const population = () => server.mocks!.world.population;
const agencyOf = (matter: MatterCode) => matterSpec(matter).agency;

const submit = (client: Client, application: unknown) => submitApplication(server, client, application);

const detailOf = (client: Client, id: string) => async () =>
  (await client.call('GET', `/applications/${id}`)).body;
const dotted = (iso: string) => iso.replace(/-/g, '.');

/** What the stand-in of `matter` was sent, as it arrived (its admin view of the case). */
async function receivedBy(applicationId: string, matter: MatterCode) {
  const doc = await server.services.applications.findById(applicationId).lean();
  const caseId = doc!.matters.find((m) => m.matter === matter)!.caseId!;
  const res = await fetch(`${server.mocks!.urls[agencyOf(matter)]}/_admin/cases/${caseId}/received`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { received: Record<string, any> }).received;
}

function at(value: Record<string, any>, path: string): unknown {
  return path.split('.').reduce<any>((node, part) => (node == null ? undefined : node[part]), value);
}

describe('every form field reaches the agency that needs it', () => {
  it('sends each matter its declared fields, in the paper form notation, as declared; results are kept and shown', async () => {
    const client = await loginAs(server, 'roundtrip-owner');
    const unit = population().units.filter((u) => !u.socialInsuranceCode && !u.housingFundAccount)[2];
    const people = adults(population(), 'normal', 2, 40);
    const today = todayInChina();
    const form = applicationFor(unit, people, undefined, {
      name: '王经办',
      idNumber: people[1].idNumber,
      phone: '0793-8212345',
    }) as any;
    // A draft started 25 days ago: the 申请日期 is still the day it is submitted.
    form.unit.applicationDate = addDays(today, -25);
    form.unit.countyCode = '361102';
    form.unit.bank = { name: '中国银行上饶分行', accountName: unit.name, accountNo: '6216600100001234567' };
    form.housingFundRelief = 'defer';
    form.employees = people.map((p, i) =>
      employeeFrom(p, {
        // Below the placeholder base floor (4000): sent as declared all the same.
        wage: 3000 + i * 100,
        insuranceTypes: ['pension', 'injury', 'unemployment', 'medical', 'maternity', 'longTermCare'],
        housingFund: { base: 4500 + i, unitRatio: 10, personalRatio: 8 },
        remark: `第${i + 1}位 夜班岗位`,
      }),
    );
    const submitted = await submit(client, form);
    expect(submitted.reliefDeadline).toBe(addMonths(today, 1));
    const done = await waitFor(detailOf(client, submitted.id), (app) => app.status === 'completed');

    const rows = form.employees as Record<string, any>[];
    const expectedUnit: Record<string, unknown> = {
      'unit.uscc': unit.uscc,
      'unit.name': unit.name,
      'unit.address': unit.address,
      'unit.applicationDate': dotted(today),
      // The 经办人 as 公安 verified them (issue 13): the unit's legal representative here.
      'unit.operator.name': unit.legalRepresentative.name,
      'unit.operator.idNumber': unit.legalRepresentative.idNumber,
      'unit.operator.phone': '0793-8212345',
      'unit.bank.name': '中国银行上饶分行',
      'unit.bank.accountName': unit.name,
      'unit.bank.accountNo': '6216600100001234567',
      housingFundRelief: 'defer',
    };
    const insuranceOf: Record<string, string[]> = {
      socialInsurance: ['pension', 'injury', 'unemployment'],
      medicalInsurance: ['medical', 'maternity', 'longTermCare'],
    };
    const expectedRow = (row: Record<string, any>, matter: MatterCode): Record<string, unknown> => ({
      'employees[].idType': 'resident',
      'employees[].idNumber': row.idNumber,
      'employees[].name': row.name,
      'employees[].ethnicity': row.ethnicity,
      'employees[].gender': row.gender,
      'employees[].hukouType': row.hukouType,
      'employees[].hukouAddress': row.hukouAddress,
      'employees[].phone': row.phone,
      'employees[].address': row.address,
      'employees[].remark': row.remark,
      'employees[].wage': row.wage,
      'employees[].insuredFrom': dotted(row.insuredFrom),
      'employees[].contract': `${dotted(row.contract.start)}—${dotted(row.contract.end)}`,
      'employees[].insuranceTypes': insuranceOf[matter],
      'employees[].occupation': row.occupation,
      'employees[].education': row.education,
      'employees[].workAddress': row.workAddress,
      'employees[].housingFund.base': row.housingFund.base,
      'employees[].housingFund.unitRatio': 10,
      'employees[].housingFund.personalRatio': 8,
    });

    let checked = 0;
    for (const matter of ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'] as const) {
      const received = await receivedBy(submitted.id, matter);
      expect(received).toMatchObject({ matter, applicationCode: done.code });
      expect(received.employees).toHaveLength(2);
      const unitKeys = new Set<string>();
      const rowKeys = new Set<string>();
      for (const field of MATTER_FIELDS[matter].fields) {
        if (field.form.startsWith('employees[].')) {
          const name = field.agency.slice('employees[].'.length);
          rows.forEach((row, i) => {
            const expected = expectedRow(row, matter)[field.form];
            expect({ matter, field: field.agency, value: received.employees[i][name] }).toEqual({
              matter,
              field: field.agency,
              value: expected,
            });
            if (expected !== undefined) rowKeys.add(name);
            checked += 1;
          });
        } else {
          // A first application: no code, so 首次办理 for that code.
          const expected = field.format === 'firstWithout' ? true : expectedUnit[field.form];
          expect({ matter, field: field.agency, value: at(received, field.agency) }).toEqual({
            matter,
            field: field.agency,
            value: expected,
          });
          if (expected !== undefined && field.agency.startsWith('unit.')) unitKeys.add(field.agency.slice(5));
          checked += 1;
        }
      }
      // Nothing beyond the declaration: each agency gets only what its matter needs.
      expect(Object.keys(received.unit).sort()).toEqual([...unitKeys].sort());
      for (const employee of received.employees)
        expect(Object.keys(employee).sort()).toEqual([...rowKeys].sort());
    }
    expect(checked).toBeGreaterThan(100);

    // Results: every number the agencies decided is on the detail page, by hire.
    const agencyResult = async (matter: MatterCode) => {
      const doc = await server.services.applications.findById(submitted.id).lean();
      const caseId = doc!.matters.find((m) => m.matter === matter)!.caseId!;
      return server.mocks!.agencies[agencyOf(matter)].getCase(caseId)!.result as Record<string, any>;
    };
    const view = (matter: string) => done.matters.find((m: { matter: string }) => m.matter === matter);
    const keys = done.employees.map((e: { key: string }) => e.key);
    const names = people.map((p) => p.name);
    const numberField: Record<MatterCode, string> = {
      employment: 'registrationNumber',
      socialInsurance: 'personalNumber',
      medicalInsurance: 'personalNumber',
      housingFund: 'personalAccount',
    };
    for (const matter of ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'] as const) {
      const decided = await agencyResult(matter);
      const shown = view(matter).result;
      expect(shown.employees).toHaveLength(2);
      decided.employees.forEach((e: Record<string, any>, i: number) => {
        expect(shown.employees[i]).toMatchObject({
          employeeKey: keys[i],
          name: names[i],
          [numberField[matter]]: e[numberField[matter]],
        });
      });
    }
    const social = await agencyResult('socialInsurance');
    const fund = await agencyResult('housingFund');
    expect(view('socialInsurance').result.unit.socialInsuranceCode).toBe(social.socialInsuranceCode);
    expect(view('socialInsurance').result.contributionDeclaration).toMatchObject({ totalDeclaredWage: 6100 });
    expect(view('housingFund').result.unit.housingFundAccount).toBe(fund.housingFundAccount);
    // 缓缴 honoured: registered, materials due a month after the 申请日期, nothing collected meanwhile.
    expect(view('housingFund').result.relief).toEqual({
      type: 'defer',
      status: 'awaitingMaterials',
      materialsDueBy: dotted(addMonths(today, 1)),
    });
    expect(view('housingFund').result.employees[0]).toMatchObject({
      monthlyUnit: 450,
      monthlyPersonal: 360,
      monthlyTotal: 810,
      collectionDeferred: true,
    });

    // Sealed at rest: the personal numbers are not readable in the stored document.
    const raw = JSON.stringify(await server.services.applications.findById(submitted.id).lean());
    expect(raw).not.toContain(view('socialInsurance').result.employees[0].personalNumber);

    // The 办结 notice (人社's 总反馈 when all is done) names the numbers, shortened.
    const notices = await waitFor(
      async () => (await client.call('GET', '/notices')).body.items as { kind: string; body: string }[],
      (items) => items.some((n) => n.kind === 'completed'),
    );
    const completed = notices.filter((n) => n.kind === 'completed');
    expect(completed).toHaveLength(1);
    expect(completed[0].body).toContain('社保个人编号');
    expect(completed[0].body).toContain('医保个人编号');
    expect(completed[0].body).toContain('公积金个人账号');
    expect(completed[0].body).toContain(`单位编码（社保）${social.socialInsuranceCode}`);
    expect(completed[0].body).not.toMatch(/[a-z]{5,}/);

    // The unit's new codes pre-fill its next application.
    const codes = await client.call('GET', `/unit-codes/${unit.uscc}`);
    expect(codes.body).toEqual({
      uscc: unit.uscc,
      socialInsuranceCode: social.socialInsuranceCode,
      housingFundAccount: fund.housingFundAccount,
    });
    const stranger = await loginAs(server, 'roundtrip-stranger');
    expect((await stranger.call('GET', `/unit-codes/${unit.uscc}`)).body.socialInsuranceCode).toBeNull();
  });

  it('asks 首次办理 per code: a unit given a 社保 code only is still first for 公积金', async () => {
    const client = await loginAs(server, 'roundtrip-codes');
    const unit = population().units.filter((u) => !u.socialInsuranceCode && !u.housingFundAccount)[3];
    const submitted = await submit(
      client,
      applicationFor(unit, adults(population(), 'normal', 1, 50), ['socialInsurance']),
    );
    await waitFor(detailOf(client, submitted.id), (app) => app.status === 'completed');
    const codes = (await client.call('GET', `/unit-codes/${unit.uscc}`)).body;
    expect(codes.socialInsuranceCode).toMatch(/^3611\d{8}$/);
    expect(codes.housingFundAccount).toBeNull();

    // Next time: the 社保 code is given, the 公积金 account is not (first for that code only).
    const next = applicationFor(unit, adults(population(), 'normal', 1, 51), [
      'socialInsurance',
      'housingFund',
    ]) as any;
    next.unit.socialInsuranceCode = codes.socialInsuranceCode;
    const second = await submit(client, next);
    await waitFor(detailOf(client, second.id), (app) => app.status === 'completed');
    expect((await receivedBy(second.id, 'socialInsurance')).unit).toMatchObject({
      socialInsuranceCode: codes.socialInsuranceCode,
      firstApplication: false,
    });
    const fundUnit = (await receivedBy(second.id, 'housingFund')).unit;
    expect(fundUnit.firstApplication).toBe(true);
    expect(fundUnit).not.toHaveProperty('housingFundAccount');
  });
});
