// Identity documents accepted on the form: the mainland resident ID, and for ⑦港澳台 / ⑧外籍 hires the
// documents they hold instead (docs/domain.md §2, column 1).
import type { GenderCode, IdType } from './codes';
import type { IsoDate } from './dates';
import { idCheckChar, parseIdNumber } from './idNumber';

export interface DocumentCheck {
  valid: boolean;
  /** Normalized number (upper case, no spaces) when valid. */
  number?: string;
  /** Known only for documents that encode it; otherwise the form must ask for it. */
  birthDate?: IsoDate;
  gender?: GenderCode;
}

/** Residence permits for Hong Kong, Macao and Taiwan residents use the ID layout with these prefixes. */
const HMT_RESIDENCE_PREFIXES = ['810000', '820000', '830000'];

/** As agency systems store it: no spaces, upper-case letters (a typed x check character becomes X). */
export function normalizeDocumentNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function checkDocumentNumber(type: IdType, raw: unknown): DocumentCheck {
  if (typeof raw !== 'string') return { valid: false };
  const number = normalizeDocumentNumber(raw);
  switch (type) {
    case 'resident': {
      const parsed = parseIdNumber(number);
      if (!parsed || HMT_RESIDENCE_PREFIXES.includes(parsed.regionCode)) return { valid: false };
      return { valid: true, number, birthDate: parsed.birthDate, gender: parsed.gender };
    }
    case 'hmtResidence': {
      const parsed = parseIdNumber(number);
      if (!parsed || !HMT_RESIDENCE_PREFIXES.includes(parsed.regionCode)) return { valid: false };
      return { valid: true, number, birthDate: parsed.birthDate, gender: parsed.gender };
    }
    case 'hmtPermit':
      // 港澳居民来往内地通行证: H/M + 8 digits (+2 issue digits); 台湾居民来往大陆通行证: 8 digits.
      return /^([HM]\d{8}(\d{2})?|\d{8})$/.test(number) ? { valid: true, number } : { valid: false };
    case 'foreignPermanent':
      // 2023 card: 18 characters starting with 9 and the ID check character; older card: 3 letters + 12 digits.
      if (/^9\d{16}[\dX]$/.test(number)) {
        return idCheckChar(number.slice(0, 17)) === number[17] ? { valid: true, number } : { valid: false };
      }
      return /^[A-Z]{3}\d{12}$/.test(number) ? { valid: true, number } : { valid: false };
    case 'passport':
      return /^[A-Z0-9]{5,17}$/.test(number) ? { valid: true, number } : { valid: false };
  }
}

/** Which documents fit each 户口性质: ⑦港澳台 and ⑧外籍 have no mainland resident ID. */
export function documentTypesForHukou(hukouType: string): readonly IdType[] {
  if (hukouType === '7') return ['hmtResidence', 'hmtPermit'];
  if (hukouType === '8') return ['foreignPermanent', 'passport'];
  return ['resident'];
}

/** Masks a document number for display and logs: keeps the first 3 and last 2 characters. */
export function maskDocumentNumber(number: string): string {
  if (number.length <= 5) return '*'.repeat(number.length);
  return `${number.slice(0, 3)}${'*'.repeat(number.length - 5)}${number.slice(-2)}`;
}
