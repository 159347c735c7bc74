// Baidu AI Cloud ID-card OCR (rest/2.0/ocr/v1/idcard) with an OAuth client-credentials token.
import {
  backSideOfCard,
  imageBlurred,
  imageOverExposed,
  imageTooDark,
  imageTooSmall,
  imageUnreadable,
  notAnIdCard,
  ocrBusy,
  ocrUnavailable,
} from '../ocrErrors';
import type { FieldName, IdCardReading, OcrProvider } from '../types';
import { readingFromTexts } from './cloudReading';
import { postForJson, type CloudHttpOptions } from './http';

export interface BaiduOptions extends CloudHttpOptions {
  apiKey: string;
  secretKey: string;
  /** Service base URL (scheme and host). */
  endpoint: string;
  now?: () => number;
}

/** The service's name of each portrait-side field. */
const KEYS: Record<FieldName, string> = {
  idNumber: '公民身份号码',
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生',
  address: '住址',
};

interface BaiduWord {
  words?: string;
  probability?: { average?: number; min?: number };
}

interface BaiduResponse {
  error_code?: number;
  error_msg?: string;
  image_status?: string;
  words_result?: Record<string, BaiduWord | undefined>;
}

interface TokenResponse {
  access_token?: string;
  expires_in?: number;
  error?: string;
}

/** Token errors: the cached token was revoked or has expired early. */
const TOKEN_ERRORS = new Set([110, 111]);

function errorForCode(code: number) {
  if (code === 17 || code === 18 || code === 19) return ocrBusy();
  if (code === 216201) return imageUnreadable();
  if (code === 216202) return imageTooSmall();
  if (code === 216633 || code === 216634 || code === 282102) return notAnIdCard();
  return ocrUnavailable();
}

function errorForStatus(status: string) {
  switch (status) {
    case 'reversed_side':
      return backSideOfCard();
    case 'blurred':
      return imageBlurred();
    case 'over_exposure':
      return imageOverExposed();
    case 'over_dark':
      return imageTooDark();
    default:
      // non_idcard, other_type_card, unknown
      return notAnIdCard();
  }
}

export function toReading(body: BaiduResponse): IdCardReading {
  if (body.error_code) throw errorForCode(body.error_code);
  if (body.image_status && body.image_status !== 'normal') throw errorForStatus(body.image_status);
  const words = body.words_result ?? {};
  const word = (field: FieldName) => words[KEYS[field]];
  return readingFromTexts(
    {
      idNumber: word('idNumber')?.words?.trim(),
      name: word('name')?.words?.trim(),
      gender: word('gender')?.words?.trim(),
      ethnicity: word('ethnicity')?.words?.trim(),
      birthDate: word('birthDate')?.words?.trim(),
      address: word('address')?.words?.trim(),
    },
    (field) => word(field)?.probability?.min,
  );
}

export function createBaiduOcrProvider(options: BaiduOptions): OcrProvider {
  const base = options.endpoint.replace(/\/+$/, '');
  const now = options.now ?? (() => Date.now());
  let token: { value: string; expiresAt: number } | null = null;

  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > now()) return token.value;
    const query = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: options.apiKey,
      client_secret: options.secretKey,
    });
    const body = (await postForJson(
      `${base}/oauth/2.0/token?${query}`,
      { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: '' },
      options,
    )) as TokenResponse;
    if (!body.access_token) throw ocrUnavailable();
    // Renew a minute early so a token never expires between check and use.
    token = { value: body.access_token, expiresAt: now() + ((body.expires_in ?? 2_592_000) - 60) * 1000 };
    return token.value;
  }

  async function recognise(image: Buffer): Promise<BaiduResponse> {
    const form = new URLSearchParams({ id_card_side: 'front', image: image.toString('base64') });
    return (await postForJson(
      `${base}/rest/2.0/ocr/v1/idcard?access_token=${encodeURIComponent(await accessToken())}`,
      { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() },
      options,
    )) as BaiduResponse;
  }

  return {
    name: 'baidu',
    async readIdCard(image) {
      let body = await recognise(image.data);
      if (body.error_code && TOKEN_ERRORS.has(body.error_code)) {
        token = null;
        body = await recognise(image.data);
      }
      return toReading(body);
    },
  };
}
