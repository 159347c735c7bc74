// A synthetic, deterministic population for the government data stand-ins and for tests elsewhere.
// Every ID number and USCC has a valid check character; nobody in it is a real person or company.
import { idCheckChar, usccCheckChar, type MarketUnitRecord } from '@hiring/shared';
import { createRng, pick, pickWeighted, randomInt, type Rng } from '../rng';
import {
  FEMALE_GIVEN,
  MALE_GIVEN,
  STREETS,
  SURNAMES,
  TOWN_SUFFIXES,
  UNIT_BRANDS,
  UNIT_FORMS,
  UNIT_TRADES,
  VILLAGE_WORDS,
} from './names';
import { ETHNICITY_WEIGHTS, REGIONS, UNIT_REGIONS, type Region } from './regions';

/**
 * Agencies return some people deterministically, keyed by the sequence digits (positions 15-17) of
 * their ID number, so tests can pick a person and know the outcome:
 * - 990-999 `previousInsuranceActive`: still insured by a previous employer (停保未办) → 人社 社保 and 医保 return;
 * - 980-989 `housingFundNotSealed`: the previous employer has not sealed (封存) the 公积金 account → 公积金 returns;
 * - 001-979 `normal`.
 */
export type Scenario = 'normal' | 'previousInsuranceActive' | 'housingFundNotSealed';

export function scenarioOf(idNumber: string): Scenario {
  const sequence = Number(idNumber.slice(14, 17));
  if (sequence >= 990) return 'previousInsuranceActive';
  if (sequence >= 980) return 'housingFundNotSealed';
  return 'normal';
}

export interface Person {
  idNumber: string;
  name: string;
  /** '1' 男, '2' 女, always agreeing with the ID number. */
  gender: '1' | '2';
  /** GB 3304 code. */
  ethnicity: string;
  birthDate: string;
  regionCode: string;
  /** 户口性质 code '1'-'6'. */
  hukouType: string;
  hukouAddress: string;
  /** Synthetic mobile number for filling forms (the 公安 source does not serve it). */
  phone: string;
  /** 通讯地址 for filling forms. */
  address: string;
  scenario: Scenario;
}

/**
 * A unit as 市场监管 serves it. Its 法定代表人 is always a person of the population (born 1965-1980, so
 * never one of the 20-45-year-olds tests hire through `workingAgePeople`), so 公安 verifies them.
 */
export type Unit = MarketUnitRecord;

export interface Population {
  seed: string;
  people: readonly Person[];
  /** Units whose USCC check character is valid. */
  units: readonly Unit[];
  /** A few units with early codes whose check character fails GB 32100 (legal: warn, don't block). */
  legacyUnits: readonly Unit[];
  personById(idNumber: string): Person | undefined;
  unitByUscc(uscc: string): Unit | undefined;
  /** The first `count` people of a scenario, in generation order (stable for a seed). */
  peopleWith(scenario: Scenario, count: number): Person[];
}

export const DEFAULT_SEED = 'shangrao-hiring';

export interface PopulationSizes {
  people?: number;
  units?: number;
}

const cache = new Map<string, Population>();

/** The population for a seed: 10,000 people and 500 units by default. Cached, so calling it is cheap. */
export function population(seed: string | number = DEFAULT_SEED, sizes: PopulationSizes = {}): Population {
  const peopleCount = sizes.people ?? 10_000;
  const unitCount = sizes.units ?? 500;
  const cacheKey = `${seed}|${peopleCount}|${unitCount}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const rng = createRng(`population:${seed}`);
  const people = generatePeople(rng, peopleCount);
  const usedUsccs = new Set<string>();
  const usedNames = new Set<string>();
  const units = Array.from({ length: unitCount }, () => generateUnit(rng, usedUsccs, usedNames, true));
  const legacyUnits = Array.from({ length: 3 }, () => generateUnit(rng, usedUsccs, usedNames, false));
  appointLegalRepresentatives(createRng(`legal-representatives:${seed}`), people, [...units, ...legacyUnits]);
  const byId = new Map(people.map((person) => [person.idNumber, person]));
  const byUscc = new Map([...units, ...legacyUnits].map((unit) => [unit.uscc, unit]));
  const result: Population = {
    seed: String(seed),
    people,
    units,
    legacyUnits,
    personById: (idNumber) => byId.get(idNumber.toUpperCase()),
    unitByUscc: (uscc) => byUscc.get(uscc.toUpperCase()),
    peopleWith: (scenario, count) => people.filter((person) => person.scenario === scenario).slice(0, count),
  };
  cache.set(cacheKey, result);
  return result;
}

/**
 * Gives each unit a legal representative from the population, drawn from its own random stream so the
 * units and people themselves are the same as before legal representatives had ID numbers. Distinct people
 * while there are enough of them (one person may lead several companies in life, but tests are clearer so).
 */
function appointLegalRepresentatives(rng: Rng, people: readonly Person[], units: Unit[]): void {
  const older = people.filter((p) => p.scenario === 'normal' && p.birthDate < '1981');
  const pool = older.length ? older : people.filter((p) => p.birthDate < '2000');
  const order = [...pool];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  units.forEach((unit, i) => {
    const person = order[i % order.length];
    unit.legalRepresentative = { name: person.name, idNumber: person.idNumber };
  });
}

function generatePeople(rng: Rng, count: number): Person[] {
  const people: Person[] = [];
  const used = new Set<string>();
  while (people.length < count) {
    const birthYear = randomInt(rng, 1965, 2008);
    const region = pickRegion(rng, birthYear);
    const birthDate = randomDate(rng, birthYear);
    const gender: '1' | '2' = rng() < 0.52 ? '1' : '2';
    const roll = rng();
    const scenario: Scenario =
      roll < 0.02 ? 'previousInsuranceActive' : roll < 0.04 ? 'housingFundNotSealed' : 'normal';
    const [low, high] =
      scenario === 'previousInsuranceActive'
        ? [99, 99]
        : scenario === 'housingFundNotSealed'
          ? [98, 98]
          : [0, 97];
    // The 17th digit carries the gender: odd for men, even for women.
    const genderDigit = 2 * randomInt(rng, 0, 4) + (gender === '1' ? 1 : 0);
    const sequence = `${String(randomInt(rng, low, high)).padStart(2, '0')}${genderDigit}`;
    if (sequence === '000') continue;
    const first17 = `${region.code}${birthDate.replace(/-/g, '')}${sequence}`;
    const idNumber = first17 + idCheckChar(first17);
    if (used.has(idNumber)) continue;
    used.add(idNumber);
    const hukouAddress = address(rng, region.prefix, region.kind !== 'shangraoUrban');
    people.push({
      idNumber,
      name: personName(rng, gender),
      gender,
      ethnicity: pickWeighted(rng, ETHNICITY_WEIGHTS),
      birthDate,
      regionCode: region.code,
      hukouType: hukouType(rng, region),
      hukouAddress,
      phone: `1${pick(rng, ['3', '5', '7', '8', '9'])}${String(randomInt(rng, 0, 999_999_999)).padStart(9, '0')}`,
      address: rng() < 0.6 ? hukouAddress : address(rng, '江西省上饶市信州区', false),
      scenario,
    });
  }
  return people;
}

function pickRegion(rng: Rng, birthYear: number): Region {
  const eligible = REGIONS.filter(
    ([region]) =>
      (region.bornBefore === undefined || birthYear < region.bornBefore) &&
      (region.bornFrom === undefined || birthYear >= region.bornFrom),
  );
  return pickWeighted(rng, eligible);
}

function randomDate(rng: Rng, year: number): string {
  const month = randomInt(rng, 1, 12);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = randomInt(rng, 1, days);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function personName(rng: Rng, gender: '1' | '2'): string {
  const given = gender === '1' ? MALE_GIVEN : FEMALE_GIVEN;
  const first = pick(rng, given);
  return pickWeighted(rng, SURNAMES) + (rng() < 0.3 ? first : first + pick(rng, given));
}

function address(rng: Rng, prefix: string, rural: boolean): string {
  if (rural && rng() < 0.6) {
    const village = pick(rng, VILLAGE_WORDS);
    return `${prefix}${village}${pick(rng, TOWN_SUFFIXES)}${pick(rng, VILLAGE_WORDS)}村${randomInt(rng, 1, 12)}组${randomInt(rng, 1, 80)}号`;
  }
  return `${prefix}${pick(rng, STREETS)}${randomInt(rng, 1, 399)}号`;
}

function hukouType(rng: Rng, region: Region): string {
  const agricultural = rng() < 0.45;
  const base = { shangraoUrban: 1, shangraoCounty: 3, jiangxi: 3, otherProvince: 5 }[region.kind];
  return String(base + (agricultural ? 1 : 0));
}

/** GB 11714 organisation code: 8 digits and a check character. */
function organisationCode(rng: Rng): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const body = Array.from({ length: 8 }, () => randomInt(rng, 0, 9));
  const sum = body.reduce((total, digit, i) => total + digit * weights[i], 0);
  const check = 11 - (sum % 11);
  return body.join('') + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

function generateUnit(rng: Rng, usedUsccs: Set<string>, usedNames: Set<string>, validCheck: boolean): Unit {
  for (;;) {
    const [regionCode, prefix] = pickWeighted(
      rng,
      UNIT_REGIONS.map(([code, addressPrefix, weight]) => [[code, addressPrefix] as const, weight] as const),
    );
    const first17 = `91${regionCode}${organisationCode(rng)}`;
    const check = usccCheckChar(first17) as string;
    const uscc = first17 + (validCheck ? check : check === '0' ? '1' : '0');
    const name = `上饶市${pick(rng, UNIT_BRANDS)}${pick(rng, UNIT_BRANDS)}${pick(rng, UNIT_TRADES)}${pick(rng, UNIT_FORMS)}`;
    if (usedUsccs.has(uscc) || usedNames.has(name)) continue;
    usedUsccs.add(uscc);
    usedNames.add(name);
    return {
      uscc,
      name,
      address: address(rng, prefix, false),
      // Drawn and replaced by appointLegalRepresentatives: drawing keeps the unit stream unchanged.
      legalRepresentative: { name: personName(rng, rng() < 0.7 ? '1' : '2'), idNumber: '' },
      socialInsuranceCode:
        rng() < 0.6 ? `3611${String(randomInt(rng, 0, 99_999_999)).padStart(8, '0')}` : null,
      housingFundAccount:
        rng() < 0.45 ? `11${String(randomInt(rng, 0, 9_999_999_999)).padStart(10, '0')}` : null,
    };
  }
}
