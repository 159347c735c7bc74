import type { IdCardImage } from '../types';
import { toOcrResult } from '../verify';
import token from './recordings/baidu-token.json';
import front from './recordings/baidu-front.json';
import backSide from './recordings/baidu-back-side.json';
import tokenExpired from './recordings/baidu-token-expired.json';
import qpsLimit from './recordings/baidu-qps-limit.json';
import { createBaiduOcrProvider } from './baiduProvider';

const image: IdCardImage = { data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), type: 'png' };

/** Replays recorded answers: the token request gets the token, OCR requests get `ocr` in turn. */
function replay(...ocr: unknown[]) {
  const calls: { url: string; body: string }[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, body: String(init.body ?? '') });
    const body = url.includes('/oauth/2.0/token') ? token : ocr.shift();
    return new Response(JSON.stringify(body), { status: 200 });
  };
  const provider = createBaiduOcrProvider({
    apiKey: 'ak',
    secretKey: 'sk',
    endpoint: 'https://aip.example.test/',
    fetch,
  });
  return { provider, calls };
}

describe('Baidu ID-card OCR adapter', () => {
  it('fetches a token once and sends the front side as base64', async () => {
    const { provider, calls } = replay(front, front);
    await provider.readIdCard(image);
    await provider.readIdCard(image);
    const tokenCalls = calls.filter((c) => c.url.includes('/oauth/2.0/token'));
    expect(tokenCalls).toHaveLength(1);
    expect(tokenCalls[0].url).toContain('grant_type=client_credentials&client_id=ak&client_secret=sk');
    const ocrCall = calls.find((c) => c.url.includes('/rest/2.0/ocr/v1/idcard'))!;
    expect(ocrCall.url).toContain(`access_token=${encodeURIComponent(token.access_token)}`);
    const form = new URLSearchParams(ocrCall.body);
    expect(form.get('id_card_side')).toBe('front');
    expect(form.get('image')).toBe(image.data.toString('base64'));
  });

  it('maps the recorded answer onto the form fields and verifies it', async () => {
    const { provider } = replay(front);
    const result = toOcrResult(await provider.readIdCard(image));
    expect(result).toMatchObject({
      idNumber: '361128198512043022',
      name: '欧阳丽华',
      gender: '2',
      ethnicity: '22',
      birthDate: '1985-12-04',
      address: '江西省上饶市鄱阳县饶州街道芝山路120号3栋2单元501室',
      verified: true,
    });
  });

  it('asks for the photo side when the national-emblem side was photographed', async () => {
    const { provider } = replay(backSide);
    await expect(provider.readIdCard(image)).rejects.toMatchObject({
      status: 422,
      code: 'ID_CARD_BACK_SIDE',
    });
  });

  it('renews an expired token once and retries', async () => {
    const { provider, calls } = replay(tokenExpired, front);
    const result = toOcrResult(await provider.readIdCard(image));
    expect(result.verified).toBe(true);
    expect(calls.filter((c) => c.url.includes('/oauth/2.0/token'))).toHaveLength(2);
  });

  it('tells the user to try later when the service is over its rate limit', async () => {
    const { provider } = replay(qpsLimit);
    await expect(provider.readIdCard(image)).rejects.toMatchObject({ status: 503, code: 'OCR_BUSY' });
  });
});
