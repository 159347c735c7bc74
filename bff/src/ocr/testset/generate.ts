// The synthetic test set: `generateIdCardPhoto({ seed })` always returns the same photo for a seed.
import { createRandom } from './random';
import { randomPerson, type CardPerson } from './people';
import { renderCard } from './renderCard';
import { CLEAN, degradeCard, randomDegradation, type Degradation } from './degrade';

export type { CardPerson } from './people';
export type { Degradation } from './degrade';

export interface GenerateOptions {
  seed: number;
  /** Print this person instead of a random one. */
  person?: CardPerson;
  /**
   * true (default): a random phone-photo degradation; false: a clean, straight, well-lit shot;
   * an object: the random degradation with these settings overridden.
   */
  degrade?: boolean | Partial<Degradation>;
}

export async function generateIdCardPhoto(
  options: GenerateOptions,
): Promise<{ jpeg: Buffer; person: CardPerson; degradation: Degradation }> {
  const random = createRandom(options.seed);
  const person = options.person ?? randomPerson(random);
  const degrade = options.degrade ?? true;
  const degradation =
    degrade === false ? CLEAN : { ...randomDegradation(random), ...(degrade === true ? {} : degrade) };
  const card = await renderCard(person, random);
  const jpeg = await degradeCard(card, degradation, random);
  return { jpeg, person, degradation };
}
