import { computeSignature, signCallback, verifySignature } from '../src/signing';

describe('callback signing', () => {
  const body = '{"caseId":"YB20261126000001","status":"completed","sequence":2}';
  const fields = {
    timestamp: '1764180000000',
    nonce: 'abc123',
    agency: 'medicalSecurity',
    caseId: 'YB20261126000001',
    sequence: '2',
  };

  it('matches the documented algorithm on a fixed vector', () => {
    // hex HMAC-SHA256("secret", "1764180000000\nabc123\nmedicalSecurity\nYB20261126000001\n2\n" + body),
    // computed with openssl: the bff's verifier must produce this too.
    expect(computeSignature('secret', fields, body)).toBe(
      'c33f98e31820ab50b646fc9d3899e5a357f0c36f7289e5ef5e5447fa2ff02220',
    );
  });

  it('verifies what it signs, with header names in any case, and names the agency, case and sequence', () => {
    const headers: Record<string, string> = { ...signCallback('s3cret', 'medicalSecurity', body) };
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verifySignature('s3cret', lower, body)).toMatchObject({
      ok: true,
      agency: 'medicalSecurity',
      caseId: 'YB20261126000001',
      sequence: 2,
    });
  });

  it('accepts either key during a rotation', () => {
    const headers: Record<string, string> = { ...signCallback('old-key', 'hrss', body) };
    expect(verifySignature(['new-key', 'old-key'], headers, body)).toMatchObject({ ok: true });
    expect(verifySignature(['new-key'], headers, body)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a changed body, agency, case or sequence, a wrong key, a stale timestamp and missing headers', () => {
    const headers = { ...signCallback('s3cret', 'medicalSecurity', body) };
    expect(verifySignature('s3cret', headers, body.replace('completed', 'returned'))).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    for (const [name, value] of [
      ['X-Agency', 'hrss'],
      ['X-Agency-Case-Id', 'YB20261126000002'],
      ['X-Agency-Sequence', '3'],
    ]) {
      expect(verifySignature('s3cret', { ...headers, [name]: value }, body)).toEqual({
        ok: false,
        reason: 'bad-signature',
      });
    }
    expect(verifySignature('other', headers, body)).toEqual({ ok: false, reason: 'bad-signature' });
    const old = signCallback('s3cret', 'hrss', body, { timestamp: Date.now() - 10 * 60 * 1000 });
    expect(verifySignature('s3cret', { ...old }, body)).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature('s3cret', {}, body)).toEqual({ ok: false, reason: 'missing-headers' });
  });
});
