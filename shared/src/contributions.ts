// Contribution bases and amounts. Money is handled in whole fen (分) so that base × ratio is exact; a
// floating-point product such as 2345 × 0.07 would otherwise round the wrong way.
import type { RuleConfig } from './ruleConfig';
import { minimumWageFor } from './ruleConfig';

/** 元 with at most two decimals → fen, or null for anything else. */
export function yuanToFen(yuan: number): number | null {
  if (!Number.isFinite(yuan) || yuan < 0) return null;
  const fen = Math.round(yuan * 100);
  return Math.abs(fen - yuan * 100) < 1e-6 ? fen : null;
}

export function fenToYuan(fen: number): number {
  return fen / 100;
}

export type ClampSide = 'floor' | 'cap';

export interface ClampedBase {
  /** The base used, 元. */
  base: number;
  /** What was declared, 元. */
  declared: number;
  clampedTo: ClampSide | null;
  floor: number;
  cap: number;
  /**
   * The bounds that are placeholders (参考值): shown for reference, never applied, so the declared value
   * stands on that side.
   */
  reference: ClampSide[];
}

function clamp(declared: number, floor: number, cap: number, reference: ClampSide[]): ClampedBase {
  const result = { declared, floor, cap, reference };
  if (declared < floor && !reference.includes('floor')) return { ...result, base: floor, clampedTo: 'floor' };
  if (declared > cap && !reference.includes('cap')) return { ...result, base: cap, clampedTo: 'cap' };
  return { ...result, base: declared, clampedTo: null };
}

/** Where a declared value lies beyond a bound that is only a 参考值: worth telling, never applied. */
export function beyondReference(base: ClampedBase): ClampSide | null {
  if (base.reference.includes('floor') && base.declared < base.floor) return 'floor';
  if (base.reference.includes('cap') && base.declared > base.cap) return 'cap';
  return null;
}

/** Column 9 (申报工资) becomes the social insurance base, held within the configured floor and cap. */
export function socialInsuranceBase(wage: number, config: RuleConfig): ClampedBase {
  const { floor, cap, placeholder } = config.socialInsuranceBase;
  return clamp(wage, floor, cap, placeholder ? ['floor', 'cap'] : []);
}

/** The housing fund base, held between the county minimum wage and the configured cap. */
export function housingFundBase(declaredBase: number, config: RuleConfig, countyCode?: string): ClampedBase {
  const reference: ClampSide[] = [];
  if (config.minimumWage.placeholder) reference.push('floor');
  if (config.housingFund.baseCapPlaceholder) reference.push('cap');
  return clamp(
    declaredBase,
    minimumWageFor(config, countyCode).amount,
    config.housingFund.baseCap,
    reference,
  );
}

export interface HousingFundAmounts {
  unit: number;
  personal: number;
  total: number;
}

/** base (元) × percent, rounded half up to whole 元. Exact: fen × basis points counts millionths of a 元. */
export function monthlyAmount(base: number, percent: number): number {
  const fen = yuanToFen(base);
  // A percent with up to two decimals is a whole number of basis points, just as 元 are of fen.
  const basisPoints = yuanToFen(percent);
  if (fen === null || basisPoints === null) throw new RangeError('缴存基数或比例格式不正确');
  const millionthsOfYuan = fen * basisPoints;
  return Math.floor((millionthsOfYuan + 500_000) / 1_000_000);
}

/** 月缴存额: computed, never typed. Each side is rounded separately and the total is their sum. */
export function housingFundAmounts(
  base: number,
  unitPercent: number,
  personalPercent: number,
): HousingFundAmounts {
  const unit = monthlyAmount(base, unitPercent);
  const personal = monthlyAmount(base, personalPercent);
  return { unit, personal, total: unit + personal };
}

/**
 * The name for the 月缴存额: base (元) × each ratio (percent), each side rounded half up to the
 * whole 元, total = unit + personal. Same exact fen arithmetic as housingFundAmounts; no clamping.
 */
export function computeHousingFund(
  base: number,
  unitRatio: number,
  personalRatio: number,
): HousingFundAmounts {
  return housingFundAmounts(base, unitRatio, personalRatio);
}
