// Mainland resident ID numbers (GB 11643-1999): 17 digits and a check character.
import { isRealDate } from './dates';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

export interface ParsedIdNumber {
  /** YYYY-MM-DD */
  birthDate: string;
  /** '1' 男, '2' 女 (GB/T 2261.1) */
  gender: '1' | '2';
  /** The six-digit administrative division code. */
  regionCode: string;
}

/** The check character for the first 17 digits, or null when they are not 17 digits. */
export function idCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/**
 * Parses an 18-character resident ID number. Returns null unless the format, the birth date and the
 * check character are all valid. A lower-case x is accepted as the check character.
 */
export function parseIdNumber(id: unknown): ParsedIdNumber | null {
  if (typeof id !== 'string' || id.length !== 18) return null;
  const normalized = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(normalized)) return null;
  if (idCheckChar(normalized.slice(0, 17)) !== normalized[17]) return null;
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (!isRealDate(birthDate) || Number(normalized.slice(6, 10)) < 1900) return null;
  return {
    birthDate,
    gender: Number(normalized[16]) % 2 === 1 ? '1' : '2',
    regionCode: normalized.slice(0, 6),
  };
}
