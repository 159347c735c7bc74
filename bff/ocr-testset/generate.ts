// The synthetic test set: `generateIdCardPhoto({ seed })` always returns the same photo for a seed.
// Version 2 (the default) is harder than version 1: more fonts and weights, rare name characters,
// compound surnames, addresses from every province, glare, stronger blur and tilt. Version 1 is kept
// byte for byte, so figures measured on its seeds stay comparable.
import { createRandom, type Random } from './random';
import { randomPerson, type CardPerson } from './people';
import { randomPersonV2 } from './peopleV2';
import { DEFAULT_STYLE, randomStyle, renderCard } from './renderCard';
import { renderBack, type CardBack } from './renderBack';
import { CLEAN, degradeCard, randomDegradation, randomDegradationV2, type Degradation } from './degrade';
import { divisionOf } from '../src/ocr/divisions';

export type { CardPerson } from './people';
export type { CardBack } from './renderBack';
export type { Degradation } from './degrade';

export type GeneratorVersion = 1 | 2;
export const LATEST_VERSION: GeneratorVersion = 2;

export interface GenerateOptions {
  seed: number;
  /** 2 (default) or 1, the original generator. */
  version?: GeneratorVersion;
  /** Print this person instead of a random one. */
  person?: CardPerson;
  /**
   * true (default): a random phone-photo degradation; false: a clean, straight, well-lit shot;
   * an object: the random degradation with these settings overridden.
   */
  degrade?: boolean | Partial<Degradation>;
}

function degradationFor(options: GenerateOptions, random: Random, version: GeneratorVersion): Degradation {
  const degrade = options.degrade ?? true;
  if (degrade === false) return CLEAN;
  const drawn = version === 1 ? randomDegradation(random) : randomDegradationV2(random);
  return { ...drawn, ...(degrade === true ? {} : degrade) };
}

export async function generateIdCardPhoto(
  options: GenerateOptions,
): Promise<{ jpeg: Buffer; person: CardPerson; degradation: Degradation }> {
  const version = options.version ?? LATEST_VERSION;
  const random = createRandom(options.seed);
  const person = options.person ?? (version === 1 ? randomPerson(random) : randomPersonV2(random));
  const style = version === 1 ? DEFAULT_STYLE : randomStyle(random);
  const degradation = degradationFor(options, random, version);
  const card = await renderCard(person, random, style);
  const jpeg = await degradeCard(card, degradation, random);
  return { jpeg, person, degradation };
}

const pad = (n: number) => String(n).padStart(2, '0');
const addYears = (iso: string, years: number) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;

/** A back side for `person` (or a random holder): issued by their county's police, valid as the law sets by age. */
export function randomBack(random: Random, person: CardPerson, today = new Date()): CardBack {
  const division = divisionOf(person.idNumber.slice(0, 6));
  const city = division?.city ?? division?.province ?? '上饶市';
  const county = division?.county ?? '信州区';
  const issuingAuthority = /区$/.test(county) ? `${city}公安局${county}分局` : `${county}公安局`;
  const birthYear = Number(person.birthDate.slice(0, 4));
  const thisYear = today.getUTCFullYear();
  // Issued some time between the 16th birthday and now; some cards have run out.
  const issuedYear = random.int(Math.min(thisYear, birthYear + 16), thisYear);
  const validFrom = `${issuedYear}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`;
  const age = issuedYear - birthYear;
  const years = age < 16 ? 5 : age <= 25 ? 10 : age <= 45 ? 20 : null;
  return { issuingAuthority, validFrom, validUntil: years ? addYears(validFrom, years) : null };
}

export async function generateIdCardBackPhoto(
  options: Omit<GenerateOptions, 'version'> & { back?: CardBack; today?: Date },
): Promise<{ jpeg: Buffer; back: CardBack; person: CardPerson; degradation: Degradation }> {
  const random = createRandom(options.seed ^ 0x5eed);
  const person = options.person ?? randomPersonV2(random);
  const back = options.back ?? randomBack(random, person, options.today);
  const style = randomStyle(random);
  const degradation = degradationFor(options, random, 2);
  const jpeg = await degradeCard(await renderBack(back, random, style), degradation, random);
  return { jpeg, back, person, degradation };
}
