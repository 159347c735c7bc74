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

/** A field left empty (or kept but doubtful) because the engine is not sure of it, with why, in Chinese. */
export interface FieldCheck {
  field: FieldName | BackFieldName;
  reason: string;
}

export interface IdCardReading {
  fields: IdCardFields;
  confidence: FieldConfidence;
  /** Fields the employer should look at; absent or empty when every field was read with confidence. */
  needsCheck?: FieldCheck[];
}

/** The back (国徽面): who issued the card and for how long it is valid. */
export interface IdCardBackFields {
  issuingAuthority: string | null;
  /** YYYY-MM-DD */
  validFrom: string | null;
  /** YYYY-MM-DD, or null for a card valid 长期 (or when unread) */
  validUntil: string | null;
  /** 长期: the card never expires. */
  longTerm: boolean;
}

export type BackFieldName = 'issuingAuthority' | 'validity';

export interface IdCardBackReading {
  fields: IdCardBackFields;
  confidence: Record<BackFieldName, number>;
  needsCheck?: FieldCheck[];
}

/** The back side's answer. */
export interface IdCardBackOcrResult extends IdCardBackFields {
  /** The validity period has ended (China time): the hire is shown a warning. */
  expired: boolean;
  confidence: Record<BackFieldName, number>;
  needsCheck: FieldCheck[];
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
  /** The back side (国徽面); engines without it answer that only the front can be read. */
  readIdCardBack?(image: IdCardImage): Promise<IdCardBackReading>;
  /**
   * Starts loading in the background; readiness waits for it. Engines with nothing to load omit it.
   * `onFailure` hears why loading failed (model files missing, say).
   */
  start?(onFailure?: (error: Error) => void): void;
  /** True once the engine can read; an engine without `start` is always ready. */
  isReady?(): boolean;
  /** True when loading failed for good: scans answer OCR_UNAVAILABLE and readiness says so. */
  hasFailed?(): boolean;
}

/** The endpoint's answer. */
export interface IdCardOcrResult extends IdCardFields {
  confidence: FieldConfidence;
  /** True only when the ID number passes its check character and agrees with the birth date and gender read from the card. */
  verified: boolean;
  /** Fields to check by eye, each with its reason: empty fields the engine was unsure of, disagreements. */
  needsCheck: FieldCheck[];
}

export const FIELD_NAMES: readonly FieldName[] = [
  'idNumber',
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'address',
];
