// The one place that decides whether a reading may be marked verified, whichever engine produced it.
import { parseIdNumber } from '@hiring/shared';
import type { IdCardBackOcrResult, IdCardBackReading, IdCardOcrResult, IdCardReading } from './types';

/**
 * Verified means three independent reads agree: the ID number passes its check character, and the
 * birth date and gender it encodes match the 出生 and 性别 printed on the card. One misread digit
 * almost never survives all three, so a wrong number is not presented as verified.
 */
export function toOcrResult(reading: IdCardReading): IdCardOcrResult {
  const { fields } = reading;
  const confidence = { ...reading.confidence };
  const parsed = fields.idNumber ? parseIdNumber(fields.idNumber) : null;
  const verified =
    parsed !== null && parsed.birthDate === fields.birthDate && parsed.gender === fields.gender;
  // A number that fails its own check is certainly wrong somewhere; say so in its confidence.
  if (fields.idNumber && !parsed) confidence.idNumber = Math.min(confidence.idNumber, 0.3);
  return {
    ...fields,
    idNumber: fields.idNumber?.toUpperCase() ?? null,
    confidence,
    verified,
    needsCheck: reading.needsCheck ?? [],
  };
}

/** The back side's answer: whether the card has expired, on the China calendar date of `now`. */
export function toBackResult(reading: IdCardBackReading, now = new Date()): IdCardBackOcrResult {
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const { validUntil, longTerm } = reading.fields;
  // The card is valid through its last printed day.
  const expired = !longTerm && validUntil !== null && validUntil < today;
  return { ...reading.fields, expired, confidence: reading.confidence, needsCheck: reading.needsCheck ?? [] };
}
