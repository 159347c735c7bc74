// Age rules for a hire (docs/domain.md §3): under 16 may not be hired (劳动法 §15), 16-18 are 未成年工, and
// someone past statutory retirement age is flagged for review rather than refused.
import type { GenderCode } from './codes';
import type { IsoDate } from './dates';
import { retirementDate } from './retirement';
import type { RetirementFigure } from './ruleConfig';

/** Full years of age on `on`; someone born on 29 February has a birthday on 1 March in common years. */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

export type AgeAssessment =
  | { kind: 'underage'; age: number }
  | { kind: 'minor'; age: number }
  | { kind: 'adult'; age: number }
  | { kind: 'pastRetirement'; age: number; retirementDate: IsoDate };

export interface AgeLimits {
  minimumHiring: number;
  adult: number;
}

/**
 * How the hire's age on `hireDate` affects the application. The form does not say whether a woman is a
 * cadre or a worker, so the earlier (worker) retirement age is used: this only flags for review.
 */
export function assessAge(
  birthDate: IsoDate,
  gender: GenderCode | undefined,
  hireDate: IsoDate,
  limits: AgeLimits = { minimumHiring: 16, adult: 18 },
  retirement?: RetirementFigure,
): AgeAssessment {
  const age = ageOn(birthDate, hireDate);
  if (age < limits.minimumHiring) return { kind: 'underage', age };
  if (age < limits.adult) return { kind: 'minor', age };
  // Retirement depends on gender; the age bans do not and must show before 性别 is chosen.
  if (!gender) return { kind: 'adult', age };
  const retiresOn = retirementDate(birthDate, gender === '1' ? 'male' : 'femaleWorker', retirement);
  if (hireDate >= retiresOn) return { kind: 'pastRetirement', age, retirementDate: retiresOn };
  return { kind: 'adult', age };
}
