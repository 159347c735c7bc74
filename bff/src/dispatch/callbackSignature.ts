// Verifies agency callbacks: HMAC-SHA256 with the sending agency's own key (two are accepted during a
// rotation) over `${timestamp}\n${nonce}\n${agency}\n${caseId}\n${sequence}\n${rawBody}` (the agencies'
// documented scheme, see mock/openapi.yaml), a timestamp within five minutes, and a nonce never seen before
// (stored with a unique index, so a replay fails even across bff processes). The agency is the route's, so
// a key of one agency cannot speak for another; case id and sequence must be the body's.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';

export const CALLBACK_HEADERS = {
  timestamp: 'x-agency-timestamp',
  nonce: 'x-agency-nonce',
  signature: 'x-agency-signature',
  agency: 'x-agency',
  caseId: 'x-agency-case-id',
  sequence: 'x-agency-sequence',
} as const;

export const CALLBACK_TOLERANCE_MS = 5 * 60 * 1000;

export type SignatureCheck =
  | { ok: true; nonce: string; caseId: string; sequence: number }
  | { ok: false; reason: 'missing' | 'stale' | 'bad-signature' };

export function checkSignature(
  keys: readonly string[],
  agency: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  now = Date.now(),
): SignatureCheck {
  const one = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const timestamp = one(CALLBACK_HEADERS.timestamp);
  const nonce = one(CALLBACK_HEADERS.nonce);
  const signature = one(CALLBACK_HEADERS.signature);
  const caseId = one(CALLBACK_HEADERS.caseId);
  const sequence = one(CALLBACK_HEADERS.sequence);
  if (
    !timestamp ||
    !nonce ||
    !signature ||
    !caseId ||
    !sequence ||
    one(CALLBACK_HEADERS.agency) !== agency ||
    !/^\d{1,16}$/.test(timestamp) ||
    !/^[\w-]{8,128}$/.test(nonce) ||
    !/^[\w-]{1,64}$/.test(caseId) ||
    !/^\d{1,16}$/.test(sequence)
  ) {
    return { ok: false, reason: 'missing' };
  }
  if (Math.abs(now - Number(timestamp)) > CALLBACK_TOLERANCE_MS) return { ok: false, reason: 'stale' };
  const text = `${timestamp}\n${nonce}\n${agency}\n${caseId}\n${sequence}\n${rawBody}`;
  const given = Buffer.from(signature, 'hex');
  const matches = keys.some((key) => {
    const expected = createHmac('sha256', key).update(text, 'utf8').digest();
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return { ok: false, reason: 'bad-signature' };
  return { ok: true, nonce, caseId, sequence: Number(sequence) };
}

const nonceSchema = new Schema({
  nonce: { type: String, required: true, unique: true },
  seenAt: { type: Date, required: true, index: true },
});

export function nonceModel(db: Connection): Model<{ nonce: string; seenAt: Date }> {
  return db.models.CallbackNonce ?? db.model('CallbackNonce', nonceSchema);
}

/** True the first time a nonce is seen, false for a replay. */
export async function rememberNonce(
  Nonce: Model<{ nonce: string; seenAt: Date }>,
  nonce: string,
): Promise<boolean> {
  try {
    await Nonce.create({ nonce, seenAt: new Date() });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}
