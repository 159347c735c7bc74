// Callback signatures. The bff implements its own verifier from this algorithm, so it must stay exactly as
// documented in mock/README.md and mock/openapi.yaml:
//   signature = lowercase hex HMAC-SHA256(secret, `${timestamp}\n${nonce}\n${rawBody}`)
// where timestamp is Unix milliseconds as a decimal string and rawBody is the exact UTF-8 request body.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Agency-Timestamp';
export const NONCE_HEADER = 'X-Agency-Nonce';
export const SIGNATURE_HEADER = 'X-Agency-Signature';

/** How far a timestamp may be from the receiver's clock before a verifier should refuse it. */
export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;

export function computeSignature(secret: string, timestamp: string, nonce: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n${rawBody}`, 'utf8').digest('hex');
}

export interface SignedHeaders {
  [TIMESTAMP_HEADER]: string;
  [NONCE_HEADER]: string;
  [SIGNATURE_HEADER]: string;
}

export function signBody(
  secret: string,
  rawBody: string,
  options: { timestamp?: number; nonce?: string } = {},
): SignedHeaders {
  const timestamp = String(options.timestamp ?? Date.now());
  const nonce = options.nonce ?? randomBytes(16).toString('hex');
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: computeSignature(secret, timestamp, nonce, rawBody),
  };
}

export type VerifyResult =
  | { ok: true; timestamp: number; nonce: string }
  | { ok: false; reason: 'missing-headers' | 'bad-timestamp' | 'stale' | 'bad-signature' };

/**
 * Verifies a signed body. `headers` may be Node's lower-cased header object or any record; lookups are
 * case-insensitive. Replay protection (remembering nonces within the tolerance window) is the receiver's job.
 */
export function verifySignature(
  secret: string,
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
  const timestamp = get(TIMESTAMP_HEADER);
  const nonce = get(NONCE_HEADER);
  const signature = get(SIGNATURE_HEADER);
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'missing-headers' };
  if (!/^\d{1,16}$/.test(timestamp)) return { ok: false, reason: 'bad-timestamp' };
  const skew = Math.abs((options.now ?? Date.now()) - Number(timestamp));
  if (skew > (options.toleranceMs ?? DEFAULT_TOLERANCE_MS)) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(computeSignature(secret, timestamp, nonce, rawBody), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  return { ok: true, timestamp: Number(timestamp), nonce };
}
