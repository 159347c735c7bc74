import { maskIdNumber, population, type RunningMocks } from '../src/index';
import { caseBody, get, normalPeople, post, startTestMocks } from './helpers';

describe('government data sources and the operator page', () => {
  let mocks: RunningMocks;
  beforeAll(async () => {
    mocks = await startTestMocks({ reviewMode: 'manual' });
  });
  afterAll(() => mocks.stop());
  const pop = population();

  it('市场监管 serves units by USCC, with or without existing agency codes, and 404 otherwise', async () => {
    const withCodes = pop.units.find((u) => u.socialInsuranceCode && u.housingFundAccount)!;
    const res = await get(`${mocks.urls.govData}/market/units/${withCodes.uscc}`);
    expect(res.body).toEqual(withCodes);
    const missing = await get(`${mocks.urls.govData}/market/units/91361100MA00000000`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('查无');
  });

  it('公安 serves people by ID number with name, GB 3304 ethnicity, gender and hukou address', async () => {
    const person = pop.people[42];
    const res = await get(`${mocks.urls.govData}/police/persons/${person.idNumber}`);
    expect(res.body).toEqual({
      idNumber: person.idNumber,
      name: person.name,
      ethnicity: person.ethnicity,
      gender: person.gender,
      hukouAddress: person.hukouAddress,
    });
    expect((await get(`${mocks.urls.govData}/police/persons/110101199001011234`)).status).toBe(404);
  });

  it('the agency page lists cases with masked ID numbers, and its forms approve or return a case', async () => {
    const [person] = normalPeople(1, 20);
    const created = await post(
      `${mocks.urls.medicalSecurity}/cases`,
      caseBody('medicalInsurance', [person]),
      {
        'Idempotency-Key': 'page-1',
      },
    );
    const html = await (await fetch(`${mocks.urls.medicalSecurity}/`)).text();
    expect(html).toContain(created.body.caseId);
    expect(html).toContain(maskIdNumber(person.idNumber));
    expect(html).not.toContain(person.idNumber);
    expect(html).toContain('退回');

    const returned = await fetch(`${mocks.urls.medicalSecurity}/_admin/cases/${created.body.caseId}/return`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ reason: '劳动合同起始日期与参保时间不符' }),
      redirect: 'manual',
    });
    expect(returned.status).toBe(303);
    const view = await get(`${mocks.urls.medicalSecurity}/cases/${created.body.caseId}`);
    expect(view.body).toMatchObject({
      status: 'returned',
      reasons: [{ code: 'OPERATOR_RETURNED', message: '劳动合同起始日期与参保时间不符' }],
    });
  });
});
