import { idCheckChar } from '@hiring/shared';
import { population, type RunningMocks } from '../src/index';
import { caseBody, get, newUnit, normalPeople, post, startTestMocks } from './helpers';

const pop = population();

describe('agency checks (deterministic on the synthetic population)', () => {
  let mocks: RunningMocks;
  beforeAll(async () => {
    mocks = await startTestMocks({ reviewMode: 'manual' });
  });
  afterAll(() => mocks.stop());

  let n = 0;
  const submit = (url: string, body: unknown) =>
    post(`${url}/cases`, body, { 'Idempotency-Key': `rules-${++n}` });

  it('人社 registers employment at once (即办) and gives each person a registration number', async () => {
    const { status, body } = await submit(mocks.urls.hrss, caseBody('employment', normalPeople(2)));
    expect(status).toBe(201);
    expect(body.status).toBe('completed');
    expect(body.result.employees).toHaveLength(2);
    expect(body.reasons).toBeUndefined();
  });

  it('人社 social insurance runs its second step, 社会保险费申报, and assigns a unit code on a first application', async () => {
    const unit = newUnit(3);
    const { body } = await submit(mocks.urls.hrss, caseBody('socialInsurance', normalPeople(1), unit));
    expect(body.status).toBe('completed');
    expect(body.steps.map((s: { code: string; status: string }) => `${s.code}:${s.status}`)).toEqual([
      'insuranceRegistration:completed',
      'contributionDeclaration:completed',
    ]);
    expect(body.result.socialInsuranceCode).toMatch(/^3611\d{8}$/);
    const market = await get(`${mocks.urls.govData}/market/units/${unit.uscc}`);
    expect(market.body.socialInsuranceCode).toBe(body.result.socialInsuranceCode);
  });

  it('returns a person still insured by a previous employer (停保未办), naming the person, and skips the declaration', async () => {
    const stuck = pop.peopleWith('previousInsuranceActive', 1)[0];
    const { body } = await submit(mocks.urls.hrss, caseBody('socialInsurance', [...normalPeople(1), stuck]));
    expect(body.status).toBe('returned');
    expect(body.reasons).toEqual([
      expect.objectContaining({
        code: 'PREVIOUS_INSURANCE_ACTIVE',
        employeeIndex: 1,
        message: expect.stringContaining('停保'),
      }),
    ]);
    expect(body.steps[1]).toMatchObject({ code: 'contributionDeclaration', status: 'notStarted' });
  });

  it('returns all problems at once: a name not matching 公安, a wrong gender, an unknown unit name', async () => {
    const [a, b] = normalPeople(2, 5);
    const body = caseBody('employment', [a, b]) as {
      unit: { name: string };
      employees: Record<string, unknown>[];
    };
    body.employees[0].name = `${a.name}某`;
    body.employees[1].gender = b.gender === '1' ? '2' : '1';
    body.unit.name = '上饶市不存在的公司';
    const { body: res } = await submit(mocks.urls.hrss, body);
    expect(res.status).toBe('returned');
    expect(
      res.reasons
        .map((r: { code: string; employeeIndex?: number }) => `${r.code}@${r.employeeIndex ?? '-'}`)
        .sort(),
    ).toEqual(['GENDER_MISMATCH@1', 'NAME_MISMATCH@0', 'UNIT_NAME_MISMATCH@-'].sort());
    for (const reason of res.reasons) expect(reason.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('公积金 finds a ratio outside 5-12 % and an unsealed previous account; the operator sees them on the case', async () => {
    const [person] = normalPeople(1, 9);
    const unsealed = pop.peopleWith('housingFundNotSealed', 1)[0];
    const body = caseBody('housingFund', [person, unsealed]);
    body.employees[0].unitRatio = 0.13;
    const { body: res } = await submit(mocks.urls.housingFund, body);
    expect(res.status).toBe('accepted');
    const findings = mocks.agencies.housingFund.getCase(res.caseId)!.findings;
    expect(findings.map((f) => `${f.code}@${f.employeeIndex}`)).toEqual([
      'HOUSING_FUND_RATIO_OUT_OF_RANGE@0',
      'HOUSING_FUND_NOT_SEALED@1',
    ]);
    expect(findings[0].message).toContain('13%');
  });

  it('公积金 computes monthly amounts rounded to the whole 元 on approval', async () => {
    const body = caseBody('housingFund', normalPeople(1, 11));
    Object.assign(body.employees[0], { monthlyBase: 4567, unitRatio: 0.07, personalRatio: 5 });
    const { body: res } = await submit(mocks.urls.housingFund, body);
    await post(`${mocks.urls.housingFund}/_admin/cases/${res.caseId}/approve`, {});
    const view = await get(`${mocks.urls.housingFund}/cases/${res.caseId}`);
    expect(view.body.result.employees[0]).toMatchObject({
      monthlyUnit: 320,
      monthlyPersonal: 228,
      monthlyTotal: 548,
    });
  });

  it('returns a valid ID number that 公安 does not know', async () => {
    const [person] = normalPeople(1, 13);
    let unknownId = '';
    for (let seq = 100; !unknownId; seq += 2) {
      const first17 = `${person.idNumber.slice(0, 14)}${seq + (person.gender === '1' ? 1 : 0)}`;
      const candidate = first17 + idCheckChar(first17);
      if (!pop.personById(candidate)) unknownId = candidate;
    }
    const body = caseBody('employment', [person]) as { employees: Record<string, unknown>[] };
    body.employees[0].idNumber = unknownId;
    const { body: res } = await submit(mocks.urls.hrss, body);
    expect(res.status).toBe('returned');
    expect(res.reasons).toEqual([expect.objectContaining({ code: 'PERSON_NOT_FOUND', employeeIndex: 0 })]);
  });
});
