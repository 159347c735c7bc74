// What both cloud adapters make of a service's answer for the portrait side: its texts cleaned the way
// our own engine cleans its lines, and a confidence per field. A card with neither number nor name read
// is no card at all.
import {
  birthDateFromText,
  cleanAddress,
  cleanIdNumber,
  cleanName,
  ethnicityFromText,
  genderFromText,
} from '../fieldText';
import { notAnIdCard } from '../ocrErrors';
import type { FieldName, IdCardReading } from '../types';

/** Used when the service reports no confidence for a field it returned. */
const REPORTED_FIELD_CONFIDENCE = 0.9;

export type FieldTexts = Record<FieldName, string | null | undefined>;

export function readingFromTexts(
  texts: FieldTexts,
  reported: (field: FieldName) => number | undefined = () => undefined,
): IdCardReading {
  const fields: IdCardReading['fields'] = {
    idNumber: texts.idNumber ? cleanIdNumber(texts.idNumber) : null,
    name: texts.name ? cleanName(texts.name) : null,
    gender: texts.gender ? genderFromText(texts.gender) : null,
    ethnicity: texts.ethnicity ? ethnicityFromText(texts.ethnicity) : null,
    birthDate: texts.birthDate ? birthDateFromText(texts.birthDate) : null,
    address: texts.address ? cleanAddress(texts.address) : null,
  };
  if (!fields.idNumber && !fields.name) throw notAnIdCard();
  const confidence = Object.fromEntries(
    (Object.keys(fields) as FieldName[]).map((field) => [
      field,
      fields[field] ? (reported(field) ?? REPORTED_FIELD_CONFIDENCE) : 0,
    ]),
  ) as IdCardReading['confidence'];
  return { fields, confidence };
}
