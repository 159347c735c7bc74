// Picks the OCR engine from the environment. Local tesseract is the default and needs no account;
// a cloud service is used only when configured, with its credentials from the environment.
import { createBaiduOcrProvider } from './cloud/baiduProvider';
import { createTencentOcrProvider } from './cloud/tencentProvider';
import { createLocalOcrProvider } from './local/localProvider';
import type { OcrProvider } from './types';

export type OcrEnv = Record<string, string | undefined>;

const DEFAULT_TENCENT_ENDPOINT = 'https://ocr.tencentcloudapi.com';
const DEFAULT_BAIDU_ENDPOINT = 'https://aip.baidubce.com';

function required(env: OcrEnv, name: string, provider: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`OCR_PROVIDER=${provider} needs ${name} to be set`);
  return value;
}

function positiveInt(env: OcrEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

/**
 * OCR_PROVIDER: local (default) | tencent | baidu
 * local:   TESSERACT_PATH?, OCR_CONCURRENCY?
 * tencent: TENCENT_OCR_SECRET_ID, TENCENT_OCR_SECRET_KEY, TENCENT_OCR_REGION (default ap-shanghai), TENCENT_OCR_ENDPOINT?
 * baidu:   BAIDU_OCR_API_KEY, BAIDU_OCR_SECRET_KEY, BAIDU_OCR_ENDPOINT?
 * cloud:   OCR_TIMEOUT_MS (default 8000)
 */
export function createOcrProviderFromConfig(env: OcrEnv = process.env): OcrProvider {
  const provider = (env.OCR_PROVIDER ?? 'local').trim().toLowerCase() || 'local';
  const timeoutMs = positiveInt(env, 'OCR_TIMEOUT_MS') ?? 8000;
  switch (provider) {
    case 'local':
      return createLocalOcrProvider({
        tesseractCommand: env.TESSERACT_PATH || undefined,
        concurrency: positiveInt(env, 'OCR_CONCURRENCY'),
      });
    case 'tencent':
      return createTencentOcrProvider({
        secretId: required(env, 'TENCENT_OCR_SECRET_ID', provider),
        secretKey: required(env, 'TENCENT_OCR_SECRET_KEY', provider),
        region: env.TENCENT_OCR_REGION || 'ap-shanghai',
        endpoint: env.TENCENT_OCR_ENDPOINT || DEFAULT_TENCENT_ENDPOINT,
        timeoutMs,
      });
    case 'baidu':
      return createBaiduOcrProvider({
        apiKey: required(env, 'BAIDU_OCR_API_KEY', provider),
        secretKey: required(env, 'BAIDU_OCR_SECRET_KEY', provider),
        endpoint: env.BAIDU_OCR_ENDPOINT || DEFAULT_BAIDU_ENDPOINT,
        timeoutMs,
      });
    default:
      throw new Error(`Unknown OCR_PROVIDER "${provider}" (expected local, tencent or baidu)`);
  }
}
