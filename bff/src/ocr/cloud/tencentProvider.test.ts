import type { IdCardImage } from '../types';
import { toOcrResult } from '../verify';
import front from './recordings/tencent-front.json';
import noCard from './recordings/tencent-no-card.json';
import blurred from './recordings/tencent-blurred.json';
import authFailure from './recordings/tencent-auth-failure.json';
import { createTencentOcrProvider, tc3Authorization } from './tencentProvider';

const image: IdCardImage = { data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), type: 'jpeg' };

function replay(body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  const provider = createTencentOcrProvider({
    secretId: 'AKIDexample',
    secretKey: 'secret',
    region: 'ap-shanghai',
    endpoint: 'https://ocr.example.test',
    fetch,
    now: () => 1_700_000_000,
  });
  return { provider, calls };
}

describe('Tencent Cloud IDCardOCR adapter', () => {
  it('sends the photo as base64 for the front side, signed with TC3-HMAC-SHA256', async () => {
    const { provider, calls } = replay(front);
    await provider.readIdCard(image);
    expect(calls).toHaveLength(1);
    const { url, init } = calls[0];
    expect(url).toBe('https://ocr.example.test');
    const headers = init.headers as Record<string, string>;
    expect(headers['X-TC-Action']).toBe('IDCardOCR');
    expect(headers['X-TC-Version']).toBe('2018-11-19');
    expect(headers['X-TC-Region']).toBe('ap-shanghai');
    expect(headers['X-TC-Timestamp']).toBe('1700000000');
    expect(headers.Authorization).toMatch(
      /^TC3-HMAC-SHA256 Credential=AKIDexample\/2023-11-14\/ocr\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/,
    );
    expect(JSON.parse(init.body as string)).toEqual({
      ImageBase64: image.data.toString('base64'),
      CardSide: 'FRONT',
    });
  });

  it('signs the exact payload: any change to the body changes the signature', () => {
    const base = { secretId: 'id', secretKey: 'key', host: 'ocr.example.test', timestamp: 1_700_000_000 };
    const a = tc3Authorization({ ...base, payload: '{"a":1}' });
    expect(tc3Authorization({ ...base, payload: '{"a":1}' })).toBe(a);
    expect(tc3Authorization({ ...base, payload: '{"a":2}' })).not.toBe(a);
    expect(tc3Authorization({ ...base, secretKey: 'other', payload: '{"a":1}' })).not.toBe(a);
  });

  it('maps the recorded answer onto the form fields and verifies it', async () => {
    const { provider } = replay(front);
    const result = toOcrResult(await provider.readIdCard(image));
    expect(result).toMatchObject({
      idNumber: '361102199003071237',
      name: '李明',
      gender: '1',
      ethnicity: '01',
      birthDate: '1990-03-07',
      address: '江西省上饶市信州区胜利路88号',
      verified: true,
    });
  });

  it.each([
    [noCard, 422, 'NOT_ID_CARD'],
    [blurred, 422, 'IMAGE_BLURRED'],
    [authFailure, 503, 'OCR_UNAVAILABLE'],
  ])('turns a service error into a message for the user (%#)', async (body, status, code) => {
    const { provider } = replay(body);
    await expect(provider.readIdCard(image)).rejects.toMatchObject({ status, code });
  });

  it('reports the service as unavailable when it cannot be reached', async () => {
    const provider = createTencentOcrProvider({
      secretId: 'id',
      secretKey: 'key',
      region: 'ap-shanghai',
      endpoint: 'https://ocr.example.test',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(provider.readIdCard(image)).rejects.toMatchObject({ status: 503, code: 'OCR_UNAVAILABLE' });
  });
});
