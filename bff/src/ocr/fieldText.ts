// Turns raw text read from a card (by any engine) into the form's values: codes for gender and
// ethnicity, ISO dates, an ID number without stray characters.
import { ETHNICITIES, isRealDate, parseIdNumber } from '@hiring/shared';
import type { GenderCode } from './types';

/** Chinese text without the spaces and stray marks OCR puts between characters. */
export function cleanChinese(text: string): string {
  return text.replace(/[\s\u3000]/g, '').replace(/[|_~`'"“”‘’,，.。:：;；!！?？\-—=+*^]/g, '');
}

/** Names are Chinese characters, with · between the parts of some minority names. */
export function cleanName(text: string): string | null {
  const name = cleanChinese(text).replace(/[^\u3400-\u9fff·]/g, '');
  return name.length >= 2 ? name : null;
}

export function genderFromText(text: string): GenderCode | null {
  const hasMale = text.includes('男');
  const hasFemale = text.includes('女');
  if (hasMale === hasFemale) return null;
  return hasMale ? '1' : '2';
}

/** The card prints 汉, 蒙古 … without 族; cloud services sometimes add it. */
const ETHNICITY_NAMES = ETHNICITIES.filter((item) => Number(item.code) <= 56).map((item) => ({
  code: item.code,
  name: item.label.replace(/族$/, ''),
}));

/**
 * The GB 3304 code for an ethnicity as read: one of the 56 names exactly (with or without 族), else
 * null. A near miss is never mapped to the closest name: 民族 has to be right or left to the employer.
 */
export function ethnicityFromText(text: string): string | null {
  // A leading 族 is the end of the label 民族 beside the value: no name starts with it.
  const cleaned = cleanChinese(text)
    .replace(/[^\u3400-\u9fff]/g, '')
    .replace(/^民?族/, '')
    .replace(/族$/, '');
  return ETHNICITY_NAMES.find((item) => item.name === cleaned)?.code ?? null;
}

/** YYYY-MM-DD from the three numbers of the 出生 line, or null unless they form a real date. */
export function birthDateFromParts(year: string, month: string, day: string): string | null {
  if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day)) return null;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isRealDate(date) && Number(year) >= 1900 ? date : null;
}

/** Accepts 1990-01-02, 1990/1/2, 19900102 and 1990年1月2日. */
export function birthDateFromText(text: string): string | null {
  const compact = text.replace(/\s/g, '');
  const eight = /^(\d{4})(\d{2})(\d{2})$/.exec(compact);
  if (eight) return birthDateFromParts(eight[1], eight[2], eight[3]);
  const parts = /(\d{4})\D+(\d{1,2})\D+(\d{1,2})/.exec(compact);
  return parts ? birthDateFromParts(parts[1], parts[2], parts[3]) : null;
}

/** Only the characters an ID number can hold; a lower-case x becomes X. */
export function cleanIdNumber(text: string): string | null {
  const cleaned = text.toUpperCase().replace(/[^0-9X]/g, '');
  return cleaned.length ? cleaned : null;
}

/**
 * The ID number in the number line's read: all its characters when they form a valid number, else the
 * one group of 18 standing apart (by a gap the model read as a space) that does, as when a mark beside
 * the number is read too (533323198506154298 00); else all the characters, for the check to flag.
 */
export function idNumberFromLine(text: string): string | null {
  const whole = cleanIdNumber(text);
  if (!whole || parseIdNumber(whole)) return whole;
  const groups = text
    .split(/\s+/)
    .map(cleanIdNumber)
    .filter((group): group is string => group?.length === 18 && parseIdNumber(group) !== null);
  return groups.length === 1 ? groups[0] : whole;
}

export function cleanAddress(text: string): string | null {
  // A dash between digits is a house number's (250-5号); elsewhere it is noise or a misread 一.
  const address = cleanChinese(text.replace(/(\d)\s*[-－—]\s*(?=\d)/g, '$1\u2010')).replace(/\u2010/g, '-');
  return address.length >= 4 ? address : null;
}
