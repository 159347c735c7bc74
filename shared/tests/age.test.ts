import { ageOn, assessAge } from '../src/age';
import { formatAgeMonths, retirementAgeMonths, retirementDate } from '../src/retirement';
import type { RetirementCategory } from '../src/ruleConfig';

describe('statutory retirement age (gradual raise from 2025)', () => {
  // By category, birth month → retirement age.
  const RETIREMENT_AGES = {
    male: {
      '1964-12': '60岁',
      '1965-01': '60岁1个月',
      '1965-05': '60岁2个月',
      '1976-08': '62岁11个月',
      '1976-09': '63岁',
      '1990-01': '63岁',
    },
    femaleCadre: { '1969-12': '55岁', '1970-01': '55岁1个月' },
    femaleWorker: { '1974-12': '50岁', '1975-01': '50岁1个月', '1975-03': '50岁2个月', '1984-12': '55岁' },
  } as const;

  const cases = Object.entries(RETIREMENT_AGES).flatMap(([category, ages]) =>
    Object.entries(ages).map(
      ([birth, expected]) => [birth, category as RetirementCategory, expected] as const,
    ),
  );

  it.each(cases)('born %s (%s) retires at %s', (birth, category, expected) => {
    expect(formatAgeMonths(retirementAgeMonths(birth, category))).toBe(expected);
  });

  it('gives the date: a man born 1965-01-15 retires on 2025-02-15', () => {
    expect(retirementDate('1965-01-15', 'male')).toBe('2025-02-15');
  });
});

describe('age on the hiring date', () => {
  it('counts a birthday on the day itself', () => {
    expect(ageOn('2009-06-10', '2025-06-09')).toBe(15);
    expect(ageOn('2009-06-10', '2025-06-10')).toBe(16);
  });

  it('gives someone born on 29 February their birthday on 1 March in a common year', () => {
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
  });

  it('forbids hiring under 16, flags 16-17 as 未成年工, and flags people past retirement age', () => {
    expect(assessAge('2009-06-11', '1', '2025-06-10').kind).toBe('underage');
    expect(assessAge('2009-06-10', '1', '2025-06-10').kind).toBe('minor');
    expect(assessAge('2007-06-10', '1', '2025-06-10').kind).toBe('adult');
    expect(assessAge('1965-01-15', '1', '2025-02-14').kind).toBe('adult');
    expect(assessAge('1965-01-15', '1', '2025-02-15')).toEqual({
      kind: 'pastRetirement',
      age: 60,
      retirementDate: '2025-02-15',
    });
  });

  it('uses the earlier women-worker age for women, since the form cannot tell cadres apart', () => {
    expect(assessAge('1975-01-15', '2', '2025-03-01').kind).toBe('pastRetirement');
  });
});
