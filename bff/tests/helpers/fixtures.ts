// Valid applications built from the stand-ins' synthetic population, so the agencies' checks pass (or
// fail on purpose, by picking a person of a given scenario).
import { addDays, todayInChina } from '@hiring/shared';
import type { Person, Population, Scenario, Unit } from '@hiring/mock';

export const ALL_MATTERS = ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'] as const;

/** Adults only: the population includes minors, whom an application would flag. */
export function adults(population: Population, scenario: Scenario, count: number, skip = 0): Person[] {
  const year = Number(todayInChina().slice(0, 4));
  return population.people
    .filter(
      (p) =>
        p.scenario === scenario &&
        Number(p.birthDate.slice(0, 4)) <= year - 20 &&
        Number(p.birthDate.slice(0, 4)) >= year - 45,
    )
    .slice(skip, skip + count);
}

export function employeeFrom(person: Person, overrides: Record<string, unknown> = {}) {
  const today = todayInChina();
  const start = addDays(today, -3);
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
    insuranceTypes: ['pension', 'injury', 'unemployment', 'medical', 'maternity'],
    housingFund: { base: 4500, unitRatio: 12, personalRatio: 12 },
    occupation: '软件工程师',
    education: '21',
    workAddress: '江西省上饶市信州区凤凰大道 8 号',
    ...overrides,
  };
}

/** 险种 of the chosen matters only: 人社 handles pension/injury/unemployment, 医保 the medical ones. */
export function insuranceTypesFor(matters: readonly string[]): string[] {
  return [
    ...(matters.includes('socialInsurance') ? ['pension', 'injury', 'unemployment'] : []),
    ...(matters.includes('medicalInsurance') ? ['medical', 'maternity'] : []),
  ];
}

export function applicationFor(unit: Unit, people: Person[], matters: readonly string[] = ALL_MATTERS) {
  return {
    unit: {
      name: unit.name,
      uscc: unit.uscc,
      address: unit.address,
      ...(unit.socialInsuranceCode ? { socialInsuranceCode: unit.socialInsuranceCode } : {}),
      ...(unit.housingFundAccount ? { housingFundAccount: unit.housingFundAccount } : {}),
      operator: { name: '李经办', idNumber: people[0].idNumber, phone: '13800138000' },
    },
    matters: [...matters],
    housingFundRelief: 'none',
    employees: people.map((p) => employeeFrom(p, { insuranceTypes: insuranceTypesFor(matters) })),
  };
}
