// What every OCR engine answers with, whatever it runs on.
export type GenderCode = '1' | '2';

export interface IdCardFields {
  /** As read; it may fail its check character, and then it is never marked verified. */
  idNumber: string | null;
  name: string | null;
  /** '1' 男, '2' 女 (GB/T 2261.1) */
  gender: GenderCode | null;
  /** GB 3304 code, e.g. '01' 汉族 */
  ethnicity: string | null;
  /** YYYY-MM-DD as printed on the 出生 line */
  birthDate: string | null;
  address: string | null;
}

export type FieldName = keyof IdCardFields;

/** 0..1 per field; 0 when the field was not read. */
export type FieldConfidence = Record<FieldName, number>;

export interface IdCardReading {
  fields: IdCardFields;
  confidence: FieldConfidence;
}

export type ImageType = 'jpeg' | 'png' | 'webp';

export interface IdCardImage {
  data: Buffer;
  type: ImageType;
}

/**
 * An engine that reads the front (人像面) of a resident ID card. Implementations must not store or log
 * the image or what they read. They throw AppError for a photo that is not a readable card and for an
 * unavailable service.
 */
export interface OcrProvider {
  readonly name: string;
  readIdCard(image: IdCardImage): Promise<IdCardReading>;
}

/** The endpoint's answer. */
export interface IdCardOcrResult extends IdCardFields {
  confidence: FieldConfidence;
  /** True only when the ID number passes its check character and agrees with the birth date and gender read from the card. */
  verified: boolean;
}

export const FIELD_NAMES: readonly FieldName[] = [
  'idNumber',
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'address',
];
