// Encryption of personal data at rest (AES-256-GCM), and keyed hashes to find a record by a personal value
// (who holds an ID number) without storing or decrypting it.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface FieldCipher {
  /** Encrypts any JSON value into an opaque string `v1:<base64(iv|tag|ciphertext)>`. */
  encrypt(value: unknown): string;
  decrypt<T = unknown>(sealed: string): T;
  /** HMAC-SHA256 of a normalised value (trimmed, upper-cased), for equality lookups and unique keys. */
  lookupHash(value: string): string;
}

export class DecryptionError extends Error {
  constructor() {
    super('encrypted field could not be decrypted (wrong key or tampered data)');
    this.name = 'DecryptionError';
  }
}

export function createFieldCipher(dataKey: Buffer): FieldCipher {
  if (dataKey.length !== 32) throw new Error('data key must be 32 bytes');
  // Its own key, derived from the data key, so no hash can be used to attack the encryption (one secret to
  // configure, DATA_KEY; rotating it re-keys the hashes as well).
  const hashKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'lookup-hash-v1', 32));
  return {
    lookupHash(value) {
      return createHmac('sha256', hashKey).update(value.trim().toUpperCase()).digest('hex');
    },
    encrypt(value) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt<T>(sealed: string): T {
      if (typeof sealed !== 'string' || !sealed.startsWith(`${VERSION}:`)) throw new DecryptionError();
      const raw = Buffer.from(sealed.slice(VERSION.length + 1), 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', dataKey, raw.subarray(0, IV_BYTES));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
        return JSON.parse(text.toString('utf8')) as T;
      } catch {
        throw new DecryptionError();
      }
    },
  };
}
