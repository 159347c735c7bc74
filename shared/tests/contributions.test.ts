import fc from 'fast-check';
import {
  computeHousingFund,
  housingFundAmounts,
  housingFundBase,
  monthlyAmount,
  socialInsuranceBase,
  yuanToFen,
} from '../src/contributions';
import { DEFAULT_RULE_CONFIGS, resolveRuleConfig } from '../src/ruleConfig';
import { beyondReference } from '../src/contributions';

const config = resolveRuleConfig('2025-06-10');

describe('housing fund monthly amounts (computed, never typed)', () => {
  it('rounds each side half up to whole 元 and adds them', () => {
    expect(housingFundAmounts(2345, 7, 5)).toEqual({ unit: 164, personal: 117, total: 281 }); // 164.15, 117.25
    expect(housingFundAmounts(2350, 7, 7)).toEqual({ unit: 165, personal: 165, total: 330 }); // 164.5 each
  });

  it('rounds each side before adding, so the total can differ from rounding the sum', () => {
    // 1010 × 5% = 50.5 → 51 per side; unrounded sum 101 would round to 101, the form says 102.
    expect(housingFundAmounts(1010, 5, 5).total).toBe(102);
  });

  it('is exact for bases with fen and percentages with decimals', () => {
    expect(monthlyAmount(1850.5, 5)).toBe(93); // 92.525
    expect(monthlyAmount(3000, 7.5)).toBe(225);
  });

  it('always rounds to the nearest 元, ties up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000, max: 5_000_000 }),
        fc.integer({ min: 500, max: 1200 }),
        (fen, bp) => {
          const amount = monthlyAmount(fen / 100, bp / 100);
          const exactMillionths = fen * bp;
          const diff = amount * 1_000_000 - exactMillionths; // rounding error in millionths of a 元
          return diff > -500_000 && diff <= 500_000;
        },
      ),
    );
  });

  it('computeHousingFund: each side rounded half up, total the sum of the rounded sides', () => {
    expect(computeHousingFund(2345, 7, 5)).toEqual({ unit: 164, personal: 117, total: 281 });
    fc.assert(
      fc.property(
        fc.integer({ min: 100_000, max: 5_000_000 }),
        fc.integer({ min: 500, max: 1200 }),
        fc.integer({ min: 500, max: 1200 }),
        (fen, unitBp, personalBp) => {
          const { unit, personal, total } = computeHousingFund(fen / 100, unitBp / 100, personalBp / 100);
          // exact half-up rounding in integers: floor((fen × bp + 500000) / 1000000)
          const halfUp = (bp: number) => Math.floor((fen * bp + 500_000) / 1_000_000);
          return unit === halfUp(unitBp) && personal === halfUp(personalBp) && total === unit + personal;
        },
      ),
    );
  });

  it('refuses amounts with more than two decimals', () => {
    expect(yuanToFen(10.005)).toBeNull();
    expect(() => monthlyAmount(10.005, 5)).toThrow();
  });
});

describe('contribution bases held within their limits', () => {
  const official = { ...config, socialInsuranceBase: { floor: 4000, cap: 20000, placeholder: false } };

  it('raises a wage below an official social insurance floor to the floor and says so', () => {
    expect(socialInsuranceBase(3999, official)).toMatchObject({
      base: 4000,
      clampedTo: 'floor',
      reference: [],
    });
    expect(socialInsuranceBase(4000, official)).toMatchObject({ base: 4000, clampedTo: null });
    expect(socialInsuranceBase(20001, official)).toMatchObject({ base: 20000, clampedTo: 'cap' });
  });

  it('never changes a declared wage by a placeholder floor or cap (参考值)', () => {
    expect(config.socialInsuranceBase.placeholder).toBe(true);
    const low = socialInsuranceBase(2000, config);
    expect(low).toMatchObject({ base: 2000, declared: 2000, clampedTo: null, reference: ['floor', 'cap'] });
    expect(beyondReference(low)).toBe('floor');
    expect(socialInsuranceBase(30000, config)).toMatchObject({ base: 30000, clampedTo: null });
    // The housing fund: the minimum wage floor is official and applies; the placeholder cap does not.
    expect(housingFundBase(30000, config, '361102')).toMatchObject({ base: 30000, reference: ['cap'] });
  });

  it('uses the county minimum wage as the housing fund floor: 信州区 zone 2, 玉山县 zone 3', () => {
    expect(housingFundBase(1000, config, '361102').base).toBe(1730);
    expect(housingFundBase(1000, config, '361123').base).toBe(1610);
  });

  it('ships the placeholder figures marked as such', () => {
    expect(DEFAULT_RULE_CONFIGS[0].socialInsuranceBase.placeholder).toBe(true);
    expect(DEFAULT_RULE_CONFIGS[0].housingFund.baseCapPlaceholder).toBe(true);
  });
});
