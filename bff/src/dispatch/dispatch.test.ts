// Pure parts of dispatch: backoff and callback signatures (the forward-only path is shared's progressPath).
import { createHmac } from 'node:crypto';
import { backoffDelay } from './dispatcher';
import { checkSignature } from './callbackSignature';

describe('backoffDelay', () => {
  it('doubles up to the cap and keeps at least half of the ceiling, with jitter in the other half', () => {
    expect(backoffDelay(1, 1000, 60000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 60000, () => 0)).toBe(4000);
    expect(backoffDelay(4, 1000, 60000, () => 1)).toBe(8000);
    expect(backoffDelay(30, 1000, 60000, () => 1)).toBe(60000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(5, 1000, 60000)));
    expect(spread.size).toBeGreaterThan(10);
  });
});

describe('checkSignature', () => {
  const secret = 'a-secret-of-sixteen+';
  const sign = (timestamp: number, nonce: string, body: string) =>
    createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n${body}`).digest('hex');

  it('accepts a fresh, correctly signed body and refuses any change to it', () => {
    const now = Date.now();
    const body = '{"status":"completed"}';
    const headers = {
      'x-agency-timestamp': String(now),
      'x-agency-nonce': 'abcdef012345',
      'x-agency-signature': sign(now, 'abcdef012345', body),
    };
    expect(checkSignature(secret, headers, body, now)).toEqual({ ok: true, nonce: 'abcdef012345' });
    expect(checkSignature(secret, headers, body.replace('completed', 'returned'), now)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(checkSignature('another-secret-16+', headers, body, now)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(checkSignature(secret, headers, body, now + 6 * 60000)).toEqual({ ok: false, reason: 'stale' });
    expect(checkSignature(secret, { ...headers, 'x-agency-nonce': undefined }, body, now)).toEqual({
      ok: false,
      reason: 'missing',
    });
  });
});
