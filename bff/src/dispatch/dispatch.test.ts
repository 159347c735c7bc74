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
  const sign = (key: string, timestamp: number, nonce: string, agency: string, body: string) =>
    createHmac('sha256', key).update(`${timestamp}\n${nonce}\n${agency}\nC1\n2\n${body}`).digest('hex');

  it('accepts a fresh body signed by the agency with one of its keys and refuses any change to it', () => {
    const now = Date.now();
    const body = '{"caseId":"C1","status":"completed","sequence":2}';
    const headers = {
      'x-agency-timestamp': String(now),
      'x-agency-nonce': 'abcdef012345',
      'x-agency': 'hrss',
      'x-agency-case-id': 'C1',
      'x-agency-sequence': '2',
      'x-agency-signature': sign(secret, now, 'abcdef012345', 'hrss', body),
    };
    const ok = { ok: true, nonce: 'abcdef012345', caseId: 'C1', sequence: 2 };
    expect(checkSignature([secret], 'hrss', headers, body, now)).toEqual(ok);
    expect(checkSignature(['new-key-of-sixteen+', secret], 'hrss', headers, body, now)).toEqual(ok);
    const bad = { ok: false, reason: 'bad-signature' };
    expect(checkSignature([secret], 'hrss', headers, body.replace('completed', 'returned'), now)).toEqual(
      bad,
    );
    expect(checkSignature(['another-secret-16+'], 'hrss', headers, body, now)).toEqual(bad);
    expect(checkSignature([secret], 'hrss', { ...headers, 'x-agency-sequence': '3' }, body, now)).toEqual(
      bad,
    );
    // Signed as 人社, posted as 医保: refused before the key is even tried.
    expect(checkSignature([secret], 'medicalSecurity', headers, body, now)).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(checkSignature([secret], 'hrss', headers, body, now + 6 * 60000)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(checkSignature([secret], 'hrss', { ...headers, 'x-agency-nonce': undefined }, body, now)).toEqual({
      ok: false,
      reason: 'missing',
    });
  });
});
