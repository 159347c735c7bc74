// The people of an employer's journey, from the stand-ins' synthetic population (so the agencies' and
// 公安's checks pass): the unit and its legal representative, the operator the legal representative
// authorizes in the app, and two hires. `offset` gives each journey of a run people and a unit of its own.
import type { Person, Population, Unit } from '@hiring/mock';
import { todayInChina } from '@hiring/shared';
import { generateIdCardPhoto } from '../../bff/ocr-testset/generate';

export interface JourneyCast {
  unit: Unit;
  /** The unit's legal representative per 市场监管: verifies, adds the unit, authorizes the operator. */
  legalRepresentative: Unit['legalRepresentative'];
  /** The 经办人 who fills in and submits the form. */
  operator: Person;
  first: Person;
  /** A second hire, of the other gender than the first when the population allows. */
  second: Person;
}

export function journeyCast(population: Population, offset = 0): JourneyCast {
  const year = Number(todayInChina().slice(0, 4));
  const leaders = new Set(population.units.map((u) => u.legalRepresentative.idNumber));
  const adults = population.people.filter((p) => {
    const born = Number(p.birthDate.slice(0, 4));
    return (
      p.scenario === 'normal' &&
      p.regionCode.startsWith('3611') &&
      born <= year - 20 &&
      born >= year - 45 &&
      !leaders.has(p.idNumber)
    );
  });
  const unit = population.units.filter((u) => u.socialInsuranceCode && u.housingFundAccount)[offset];
  // Four people per journey, so no two journeys of a run hire the same person.
  const [first, ...others] = adults.slice(3 + offset * 4, 7 + offset * 4);
  const second = others.find((p) => p.gender !== first.gender) ?? others[0];
  return {
    unit,
    legalRepresentative: unit.legalRepresentative,
    operator: adults[adults.length - 1 - offset],
    first,
    second,
  };
}

/** A photo of the front of `person`'s ID card, as a phone would take it (the synthetic generator). */
export function idCardPhotoOf(person: Person, seed: number) {
  return generateIdCardPhoto({
    seed,
    version: 1,
    person: {
      name: person.name,
      gender: person.gender,
      ethnicity: person.ethnicity,
      birthDate: person.birthDate,
      address: person.hukouAddress,
      idNumber: person.idNumber,
    },
  });
}
