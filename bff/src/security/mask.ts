// Masking of personal data in responses that do not need the full value (lists, timelines, receipts).
import { maskDocumentNumber, maskMobile } from '@hiring/shared';

export const maskIdNumber = (value: unknown): string | undefined =>
  typeof value === 'string' && value ? maskDocumentNumber(value) : undefined;

export const maskPhone = (value: unknown): string | undefined =>
  typeof value === 'string' && value ? maskMobile(value) : undefined;

/** Keeps the first character of a name: 张** — enough for an operator to recognise the row. */
export const maskName = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || !value) return undefined;
  // Per character, not per UTF-16 unit: a rare surname such as 𠮷 is one character of two units.
  const chars = [...value];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
};
