// Unified social credit codes (GB 32100-2015).
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null when they use characters outside the code set. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARS.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * USCC_WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return USCC_CHARS[check === 31 ? 0 : check];
}

export type UsccResult =
  /** Well-formed with a correct check character. */
  | { valid: true; checkDigitOk: true }
  /** Well-formed, but the check character does not match: some early codes are like this (warn, don't block). */
  | { valid: true; checkDigitOk: false; expected: string }
  | { valid: false; checkDigitOk: false };

export function validateUscc(code: unknown): UsccResult {
  if (typeof code !== 'string' || !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) {
    return { valid: false, checkDigitOk: false };
  }
  const expected = usccCheckChar(code.slice(0, 17)) as string;
  return code[17] === expected
    ? { valid: true, checkDigitOk: true }
    : { valid: true, checkDigitOk: false, expected };
}
