// State the stand-ins share within one startMocks(): the population, and the unit codes agencies assign on a
// unit's first registration (so 市场监管 lookups afterwards show that the unit now has them).
import type { Population, Unit } from '../population/generate';

export interface World {
  population: Population;
  assignedUnitCodes: Map<string, { socialInsuranceCode?: string; housingFundAccount?: string }>;
  seed: string;
}

export function currentUnit(world: World, uscc: string): Unit | undefined {
  const unit = world.population.unitByUscc(uscc);
  if (!unit) return undefined;
  const assigned = world.assignedUnitCodes.get(unit.uscc);
  return {
    ...unit,
    socialInsuranceCode: unit.socialInsuranceCode ?? assigned?.socialInsuranceCode ?? null,
    housingFundAccount: unit.housingFundAccount ?? assigned?.housingFundAccount ?? null,
  };
}
