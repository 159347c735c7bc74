import { parseIdNumber, validateUscc, ETHNICITIES } from '@hiring/shared';
import { population, scenarioOf } from '../src/population/generate';

describe('synthetic population', () => {
  const pop = population();

  it('has 10,000 people and 500 units with valid, unique check digits', () => {
    expect(pop.people).toHaveLength(10_000);
    expect(pop.units).toHaveLength(500);
    expect(new Set(pop.people.map((p) => p.idNumber)).size).toBe(10_000);
    const wrong = pop.people.filter((person) => {
      const parsed = parseIdNumber(person.idNumber);
      return (
        !parsed ||
        parsed.gender !== person.gender ||
        parsed.birthDate !== person.birthDate ||
        !ETHNICITIES.some((e) => e.code === person.ethnicity) ||
        person.scenario !== scenarioOf(person.idNumber)
      );
    });
    expect(wrong).toEqual([]);
    for (const unit of pop.units)
      expect(validateUscc(unit.uscc)).toEqual({ valid: true, checkDigitOk: true });
    for (const unit of pop.legacyUnits)
      expect(validateUscc(unit.uscc)).toMatchObject({ valid: true, checkDigitOk: false });
  });

  it('is deterministic for a seed and different for another', () => {
    const again = population('shangrao-hiring', { people: 10_000, units: 500 });
    expect(again.people[1234]).toEqual(pop.people[1234]);
    const other = population('other-seed', { people: 50, units: 5 });
    expect(other.people[0].idNumber).not.toBe(pop.people[0].idNumber);
  });

  it('is mostly from 上饶, born 1965-2008, mostly 汉, with units with and without agency codes', () => {
    const shangrao = pop.people.filter((p) => /^(3611|3623)/.test(p.idNumber)).length;
    expect(shangrao / pop.people.length).toBeGreaterThan(0.7);
    expect(pop.people.every((p) => p.birthDate >= '1965-01-01' && p.birthDate <= '2008-12-31')).toBe(true);
    const han = pop.people.filter((p) => p.ethnicity === '01').length / pop.people.length;
    expect(han).toBeGreaterThan(0.85);
    expect(han).toBeLessThan(0.97);
    expect(pop.units.some((u) => u.socialInsuranceCode === null)).toBe(true);
    expect(pop.units.some((u) => u.socialInsuranceCode !== null)).toBe(true);
    expect(pop.units.some((u) => u.housingFundAccount === null)).toBe(true);
    expect(pop.peopleWith('previousInsuranceActive', 5)).toHaveLength(5);
    expect(pop.peopleWith('housingFundNotSealed', 5)).toHaveLength(5);
  });
});
