import { computeSignature, signBody, verifySignature } from '../src/signing';

describe('callback signing', () => {
  const body = '{"caseId":"YB20261126000001","status":"completed","sequence":2}';

  it('matches the documented algorithm on a fixed vector', () => {
    // hex HMAC-SHA256("secret", "1764180000000\nabc123\n" + body): the bff's verifier must produce this too.
    expect(computeSignature('secret', '1764180000000', 'abc123', body)).toBe(
      '9a751a3cfa62d510f7fc23d13122c6dfbecdf04c8275fd2bddb38e73c08154e7',
    );
  });

  it('verifies what it signs, with header names in any case', () => {
    const headers = signBody('s3cret', body);
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verifySignature('s3cret', lower, body)).toMatchObject({ ok: true });
  });

  it('rejects a changed body, a wrong secret, a stale timestamp and missing headers', () => {
    const headers = { ...signBody('s3cret', body) };
    expect(verifySignature('s3cret', headers, body.replace('completed', 'returned'))).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifySignature('other', headers, body)).toEqual({ ok: false, reason: 'bad-signature' });
    const old = signBody('s3cret', body, { timestamp: Date.now() - 10 * 60 * 1000 });
    expect(verifySignature('s3cret', { ...old }, body)).toEqual({ ok: false, reason: 'stale' });
    expect(verifySignature('s3cret', {}, body)).toEqual({ ok: false, reason: 'missing-headers' });
  });
});
