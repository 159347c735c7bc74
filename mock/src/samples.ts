// Joint applications filled from the synthetic population, so the stand-in agencies accept them (or return
// them on purpose: pick a person of another scenario). Shared by the bff's tests and bench and by test/.
import { addDays, todayInChina } from '@hiring/shared';
import type { Person, Population, Scenario, Unit } from './population/generate';
import type { RunningMocks } from './index';

export const ALL_MATTERS = ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'] as const;

/** People of a scenario aged 20-45 today: the population also holds minors and people near retirement. */
export function workingAgePeople(
  population: Population,
  scenario: Scenario,
  count: number,
  skip = 0,
): Person[] {
  const year = Number(todayInChina().slice(0, 4));
  return population.people
    .filter((p) => {
      const born = Number(p.birthDate.slice(0, 4));
      return p.scenario === scenario && born <= year - 20 && born >= year - 45;
    })
    .slice(skip, skip + count);
}

/** 险种 of the chosen matters only: 人社 handles pension/injury/unemployment, 医保 the medical ones. */
export function insuranceTypesFor(matters: readonly string[]): string[] {
  return [
    ...(matters.includes('socialInsurance') ? ['pension', 'injury', 'unemployment'] : []),
    ...(matters.includes('medicalInsurance') ? ['medical', 'maternity'] : []),
  ];
}

/** One row of the form for `person`, hired three days ago, with every matter's columns filled. */
export function sampleEmployee(person: Person, overrides: Record<string, unknown> = {}) {
  const start = addDays(todayInChina(), -3);
  return {
    idType: 'resident',
    idNumber: person.idNumber,
    name: person.name,
    ethnicity: person.ethnicity,
    gender: person.gender,
    hukouType: person.hukouType,
    hukouAddress: person.hukouAddress,
    phone: person.phone,
    address: person.address,
    wage: 4500,
    insuredFrom: start.slice(0, 7),
    contract: { start, end: addDays(start, 3 * 365) },
    insuranceTypes: insuranceTypesFor(ALL_MATTERS),
    housingFund: { base: 4500, unitRatio: 12, personalRatio: 12 },
    occupation: '软件工程师',
    education: '21',
    workAddress: '江西省上饶市信州区凤凰大道 8 号',
    ...overrides,
  };
}

export function sampleApplication(
  unit: Unit,
  people: Person[],
  matters: readonly string[] = ALL_MATTERS,
  operator: { name: string; idNumber: string; phone: string } = {
    name: '李经办',
    idNumber: people[0].idNumber,
    phone: '13800138000',
  },
) {
  return {
    unit: {
      name: unit.name,
      uscc: unit.uscc,
      address: unit.address,
      ...(unit.socialInsuranceCode ? { socialInsuranceCode: unit.socialInsuranceCode } : {}),
      ...(unit.housingFundAccount ? { housingFundAccount: unit.housingFundAccount } : {}),
      operator,
    },
    matters: [...matters],
    housingFundRelief: 'none',
    employees: people.map((p) => sampleEmployee(p, { insuranceTypes: insuranceTypesFor(matters) })),
  };
}

/**
 * The bff's environment variables that point it at these stand-ins; with the running stand-ins, each
 * agency's own callback key (they may differ when started with `callbackSecrets`).
 */
export function bffEnvFor(
  mocks: Pick<RunningMocks, 'urls'> & Partial<Pick<RunningMocks, 'agencies'>>,
  callbackSecret: string,
): Record<string, string> {
  const keyOf = (agency: 'hrss' | 'medicalSecurity' | 'housingFund') =>
    mocks.agencies?.[agency].config.callbackSecret ?? callbackSecret;
  return {
    HRSS_CALLBACK_KEYS: keyOf('hrss'),
    MEDICAL_SECURITY_CALLBACK_KEYS: keyOf('medicalSecurity'),
    HOUSING_FUND_CALLBACK_KEYS: keyOf('housingFund'),
    WECHAT_URL: mocks.urls.wechat,
    ALIPAY_URL: mocks.urls.alipay,
    GOV_DATA_URL: mocks.urls.govData,
    HRSS_URL: mocks.urls.hrss,
    MEDICAL_SECURITY_URL: mocks.urls.medicalSecurity,
    HOUSING_FUND_URL: mocks.urls.housingFund,
    STAFF_OIDC_ISSUER: mocks.urls.staffIdp,
  };
}

/** Tells every agency to report results to the bff at `bffUrl`. */
export function pointCallbacksAt(mocks: Pick<RunningMocks, 'agencies'>, bffUrl: string): void {
  for (const agency of ['hrss', 'medicalSecurity', 'housingFund'] as const) {
    mocks.agencies[agency].configure({ callbackUrl: `${bffUrl}/api/v1/agency-callbacks/${agency}` });
  }
}

/**
 * Makes the account behind `token` able to submit for `unit` (issue 13, path 1): states the unit's legal
 * representative (a person of the population) as the account's verified identity, then adds the unit.
 * The one helper for every test, bench and demo that submits. A person can be verified on one account
 * only, so give each account a unit of its own; calling it again for the same account and unit is fine.
 */
export async function makeLegalRepresentative(
  api: string,
  token: string,
  unit: Pick<Unit, 'uscc' | 'legalRepresentative'>,
): Promise<void> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${api}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };
  const { name, idNumber } = unit.legalRepresentative;
  const identity = await post('/identity', { name, idNumber });
  if (identity.status !== 200) {
    throw new Error(`makeLegalRepresentative: identity ${identity.status} ${identity.text}`);
  }
  const claim = await post('/units', { uscc: unit.uscc });
  if (claim.status !== 201) throw new Error(`makeLegalRepresentative: unit ${claim.status} ${claim.text}`);
}

/**
 * A plausible State Council notice for 2027 (13 net weekdays off), with 调休 workdays: what an administrator
 * enters for a year the chinese-days data does not have yet (the rules tests, in one process and in two).
 */
export const HOLIDAY_NOTICE_2027 = {
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试用）',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-13' },
    { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
    { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
    { name: '端午节', from: '2027-06-09' },
    { name: '中秋节', from: '2027-09-15' },
    { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
  ],
  workdays: [
    { name: '春节', date: '2027-02-14' },
    { name: '劳动节', date: '2027-05-08' },
    { name: '国庆节', date: '2027-09-26' },
    { name: '国庆节', date: '2027-10-09' },
  ],
};
