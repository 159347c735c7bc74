// Tencent Cloud IDCardOCR (API 3.0, version 2018-11-19), signed with TC3-HMAC-SHA256.
import { createHash, createHmac } from 'node:crypto';
import {
  backSideOfCard,
  imageBlurred,
  imageTooLarge,
  imageTooSmall,
  imageUnreadable,
  notAnIdCard,
  ocrBusy,
  ocrUnavailable,
} from '../ocrErrors';
import type { IdCardReading, OcrProvider } from '../types';
import { readingFromTexts } from './cloudReading';
import { postForJson, type CloudHttpOptions } from './http';

export interface TencentOptions extends CloudHttpOptions {
  secretId: string;
  secretKey: string;
  region: string;
  /** Service URL, e.g. https://ocr.<region endpoint>; configurable so a proxy or private endpoint can be used. */
  endpoint: string;
  /** Seconds since the epoch; injectable so a signature can be checked in tests. */
  now?: () => number;
}

const ACTION = 'IDCardOCR';
const VERSION = '2018-11-19';
const SERVICE = 'ocr';
const CONTENT_TYPE = 'application/json; charset=utf-8';

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** The Authorization header of Tencent Cloud's TC3-HMAC-SHA256 scheme. */
export function tc3Authorization(params: {
  secretId: string;
  secretKey: string;
  host: string;
  payload: string;
  timestamp: number;
}): string {
  const date = new Date(params.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${CONTENT_TYPE}\nhost:${params.host}\n`,
    'content-type;host',
    sha256(params.payload),
  ].join('\n');
  const scope = `${date}/${SERVICE}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(params.timestamp), scope, sha256(canonicalRequest)].join(
    '\n',
  );
  const signingKey = hmac(hmac(hmac(`TC3${params.secretKey}`, date), SERVICE), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${params.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

interface TencentResponse {
  Response?: {
    Error?: { Code?: string; Message?: string };
    Name?: string;
    Sex?: string;
    Nation?: string;
    Birth?: string;
    Address?: string;
    IdNum?: string;
    Authority?: string;
    ValidDate?: string;
  };
}

function errorFor(code: string) {
  if (/IdCardInfoIllegal|ImageNoIdCard|OcrFailed|ImageNoText|NoIdCard/.test(code)) return notAnIdCard();
  if (/CardSideError/.test(code)) return backSideOfCard();
  if (/ImageBlur/.test(code)) return imageBlurred();
  if (/ImageDecodeFailed|DownLoadError/.test(code)) return imageUnreadable();
  if (/ImageSizeTooLarge/.test(code)) return imageTooLarge();
  if (/ImageSizeTooSmall|TooSmall/.test(code)) return imageTooSmall();
  if (/RequestLimitExceeded|LimitExceeded/.test(code)) return ocrBusy();
  return ocrUnavailable();
}

export function toReading(body: TencentResponse): IdCardReading {
  const result = body.Response;
  if (!result) throw ocrUnavailable();
  if (result.Error?.Code) throw errorFor(result.Error.Code);
  // A back side (国徽面) answers with Authority and ValidDate and no personal fields.
  if (!result.IdNum && !result.Name && (result.Authority || result.ValidDate)) throw backSideOfCard();
  return readingFromTexts({
    idNumber: result.IdNum,
    name: result.Name,
    gender: result.Sex,
    ethnicity: result.Nation,
    birthDate: result.Birth,
    address: result.Address,
  });
}

export function createTencentOcrProvider(options: TencentOptions): OcrProvider {
  const host = new URL(options.endpoint).host;
  return {
    name: 'tencent',
    async readIdCard(image) {
      const payload = JSON.stringify({ ImageBase64: image.data.toString('base64'), CardSide: 'FRONT' });
      const timestamp = Math.floor(options.now?.() ?? Date.now() / 1000);
      const body = await postForJson(
        options.endpoint,
        {
          headers: {
            Authorization: tc3Authorization({ ...options, host, payload, timestamp }),
            'Content-Type': CONTENT_TYPE,
            Host: host,
            'X-TC-Action': ACTION,
            'X-TC-Version': VERSION,
            'X-TC-Timestamp': String(timestamp),
            'X-TC-Region': options.region,
          },
          body: payload,
        },
        options,
      );
      return toReading(body as TencentResponse);
    },
  };
}
