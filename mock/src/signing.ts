// Callback signatures. The bff implements its own verifier from this algorithm, so it must stay exactly as
// documented in mock/README.md and mock/openapi.yaml:
//   signature = lowercase hex HMAC-SHA256(key, `${timestamp}\n${nonce}\n${agency}\n${caseId}\n${sequence}\n${rawBody}`)
// where timestamp is Unix milliseconds as a decimal string, agency is the sender's id (hrss,
// medicalSecurity, housingFund), caseId and sequence are the case the callback is about and its sequence
// number (sent as headers too, and equal to the body's), and rawBody is the exact UTF-8 request body. Each
// agency signs with a key of its own, so one agency's key cannot speak for another, nor for another case.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Agency-Timestamp';
export const NONCE_HEADER = 'X-Agency-Nonce';
export const SIGNATURE_HEADER = 'X-Agency-Signature';
export const AGENCY_HEADER = 'X-Agency';
export const CASE_ID_HEADER = 'X-Agency-Case-Id';
export const SEQUENCE_HEADER = 'X-Agency-Sequence';

/** How far a timestamp may be from the receiver's clock before a verifier should refuse it. */
export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;

/** What a signature binds besides the body. */
export interface SignedFields {
  timestamp: string;
  nonce: string;
  agency: string;
  caseId: string;
  sequence: string;
}

export function signingText(fields: SignedFields, rawBody: string): string {
  const { timestamp, nonce, agency, caseId, sequence } = fields;
  return `${timestamp}\n${nonce}\n${agency}\n${caseId}\n${sequence}\n${rawBody}`;
}

export function computeSignature(key: string, fields: SignedFields, rawBody: string): string {
  return createHmac('sha256', key).update(signingText(fields, rawBody), 'utf8').digest('hex');
}

export interface SignedHeaders {
  [TIMESTAMP_HEADER]: string;
  [NONCE_HEADER]: string;
  [SIGNATURE_HEADER]: string;
  [AGENCY_HEADER]: string;
  [CASE_ID_HEADER]: string;
  [SEQUENCE_HEADER]: string;
}

/**
 * Signs a callback body as `agency`. The case id and sequence are read from the body unless given (a test
 * may sign a body whose fields disagree with the headers).
 */
export function signCallback(
  key: string,
  agency: string,
  rawBody: string,
  options: { timestamp?: number | string; nonce?: string; caseId?: string; sequence?: number | string } = {},
): SignedHeaders {
  let fromBody: { caseId?: unknown; sequence?: unknown } = {};
  try {
    fromBody = JSON.parse(rawBody) ?? {};
  } catch {
    /* not JSON: sign what the options say */
  }
  const fields: SignedFields = {
    timestamp: String(options.timestamp ?? Date.now()),
    nonce: options.nonce ?? randomBytes(16).toString('hex'),
    agency,
    caseId: String(options.caseId ?? fromBody.caseId ?? ''),
    sequence: String(options.sequence ?? fromBody.sequence ?? ''),
  };
  return {
    [TIMESTAMP_HEADER]: fields.timestamp,
    [NONCE_HEADER]: fields.nonce,
    [AGENCY_HEADER]: fields.agency,
    [CASE_ID_HEADER]: fields.caseId,
    [SEQUENCE_HEADER]: fields.sequence,
    [SIGNATURE_HEADER]: computeSignature(key, fields, rawBody),
  };
}

export type VerifyResult =
  | { ok: true; timestamp: number; nonce: string; agency: string; caseId: string; sequence: number }
  | { ok: false; reason: 'missing-headers' | 'bad-timestamp' | 'stale' | 'bad-signature' };

/**
 * Verifies a signed body against any of `keys` (two during a key rotation). `headers` may be Node's
 * lower-cased header object or any record; lookups are case-insensitive. Replay protection (remembering
 * nonces within the tolerance window) and checking that the body names the same case and sequence are the
 * receiver's job.
 */
export function verifySignature(
  keys: string | readonly string[],
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  options: { now?: number; toleranceMs?: number } = {},
): VerifyResult {
  const get = (name: string): string | undefined => {
    const wanted = name.toLowerCase();
    for (const [key, value] of Object.entries(headers)) {
      if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
    }
    return undefined;
  };
  const fields = {
    timestamp: get(TIMESTAMP_HEADER),
    nonce: get(NONCE_HEADER),
    agency: get(AGENCY_HEADER),
    caseId: get(CASE_ID_HEADER),
    sequence: get(SEQUENCE_HEADER),
  };
  const signature = get(SIGNATURE_HEADER);
  if (Object.values(fields).some((v) => !v) || !signature) return { ok: false, reason: 'missing-headers' };
  const signed = fields as SignedFields;
  if (!/^\d{1,16}$/.test(signed.timestamp) || !/^\d{1,16}$/.test(signed.sequence))
    return { ok: false, reason: 'bad-timestamp' };
  const skew = Math.abs((options.now ?? Date.now()) - Number(signed.timestamp));
  if (skew > (options.toleranceMs ?? DEFAULT_TOLERANCE_MS)) return { ok: false, reason: 'stale' };
  const given = Buffer.from(signature, 'hex');
  const matches = (typeof keys === 'string' ? [keys] : keys).some((key) => {
    const expected = Buffer.from(computeSignature(key, signed, rawBody), 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return { ok: false, reason: 'bad-signature' };
  return {
    ok: true,
    timestamp: Number(signed.timestamp),
    nonce: signed.nonce,
    agency: signed.agency,
    caseId: signed.caseId,
    sequence: Number(signed.sequence),
  };
}
