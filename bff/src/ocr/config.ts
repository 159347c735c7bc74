// The OCR part of the bff's configuration (read by loadConfig with everything else) and the engine it
// selects. Local PP-OCR is the default and needs no account; a cloud service is used only when
// configured, with its credentials from the environment.
import { createBaiduOcrProvider } from './cloud/baiduProvider';
import { createTencentOcrProvider } from './cloud/tencentProvider';
import { createLocalOcrProvider, DEFAULT_MODELS } from './local/localProvider';
import { PPOCR_MODELS, type PpocrModel } from './local/ppocrRecogniser';
import { ocrUnavailable } from './ocrErrors';
import type { OcrProvider } from './types';

export type OcrEnv = Record<string, string | undefined>;

export type OcrConfig =
  /** No engine in this process (e.g. a dispatch-only worker): scans answer 503, nothing is loaded. */
  | { provider: 'off' }
  | {
      provider: 'local';
      /** Recognitions at once (OCR_CONCURRENCY, default 2). */
      concurrency: number;
      /** Requests waiting for a turn (OCR_QUEUE_MAX, default 16). */
      maxWaiting: number;
      /** How long one may wait before a 503 (OCR_QUEUE_WAIT_MS, default 10000). */
      maxWaitMs: number;
      /** ONNX Runtime threads per recognition (OCR_THREADS, default 1). */
      threads: number;
      /** The recognition models, first to last (OCR_MODELS, default ppocrv6). */
      models: PpocrModel[];
    }
  | {
      provider: 'tencent';
      secretId: string;
      secretKey: string;
      region: string;
      endpoint: string;
      timeoutMs: number;
    }
  | { provider: 'baidu'; apiKey: string; secretKey: string; endpoint: string; timeoutMs: number };

const DEFAULT_TENCENT_ENDPOINT = 'https://ocr.tencentcloudapi.com';
const DEFAULT_BAIDU_ENDPOINT = 'https://aip.baidubce.com';

export class OcrConfigError extends Error {}

function required(env: OcrEnv, name: string, provider: string): string {
  const value = env[name]?.trim();
  if (!value) throw new OcrConfigError(`OCR_PROVIDER=${provider} 需要设置 ${name}`);
  return value;
}

function positiveInt(env: OcrEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new OcrConfigError(`${name} 必须是正整数`);
  return value;
}

function recognitionModels(env: OcrEnv): PpocrModel[] {
  const raw = env.OCR_MODELS?.trim();
  if (!raw) return [...DEFAULT_MODELS];
  const models = raw.split(',').map((m) => m.trim().toLowerCase());
  const unknown = models.find((m) => !(PPOCR_MODELS as readonly string[]).includes(m));
  if (unknown !== undefined || new Set(models).size !== models.length)
    throw new OcrConfigError(
      `OCR_MODELS「${raw}」无效（可选 ${PPOCR_MODELS.join('、')}，用逗号分隔，不可重复）`,
    );
  return models as PpocrModel[];
}

/**
 * OCR_PROVIDER: local (default) | tencent | baidu | off
 * local:   OCR_CONCURRENCY (2), OCR_QUEUE_MAX (16), OCR_QUEUE_WAIT_MS (10000), OCR_THREADS (1),
 *          OCR_MODELS (ppocrv6; a list: the first reads every line, the next look again at a doubtful one)
 * tencent: TENCENT_OCR_SECRET_ID, TENCENT_OCR_SECRET_KEY, TENCENT_OCR_REGION (ap-shanghai), TENCENT_OCR_ENDPOINT?
 * baidu:   BAIDU_OCR_API_KEY, BAIDU_OCR_SECRET_KEY, BAIDU_OCR_ENDPOINT?
 * cloud:   OCR_TIMEOUT_MS (8000)
 * Throws OcrConfigError with a Chinese message for a bad setting.
 */
export function ocrConfigFromEnv(env: OcrEnv): OcrConfig {
  const provider = (env.OCR_PROVIDER ?? 'local').trim().toLowerCase() || 'local';
  const timeoutMs = positiveInt(env, 'OCR_TIMEOUT_MS', 8000);
  switch (provider) {
    case 'local':
      return {
        provider,
        concurrency: positiveInt(env, 'OCR_CONCURRENCY', 2),
        maxWaiting: positiveInt(env, 'OCR_QUEUE_MAX', 16),
        maxWaitMs: positiveInt(env, 'OCR_QUEUE_WAIT_MS', 10_000),
        threads: positiveInt(env, 'OCR_THREADS', 1),
        models: recognitionModels(env),
      };
    case 'off':
      return { provider };
    case 'tencent':
      return {
        provider,
        secretId: required(env, 'TENCENT_OCR_SECRET_ID', provider),
        secretKey: required(env, 'TENCENT_OCR_SECRET_KEY', provider),
        region: env.TENCENT_OCR_REGION || 'ap-shanghai',
        endpoint: env.TENCENT_OCR_ENDPOINT || DEFAULT_TENCENT_ENDPOINT,
        timeoutMs,
      };
    case 'baidu':
      return {
        provider,
        apiKey: required(env, 'BAIDU_OCR_API_KEY', provider),
        secretKey: required(env, 'BAIDU_OCR_SECRET_KEY', provider),
        endpoint: env.BAIDU_OCR_ENDPOINT || DEFAULT_BAIDU_ENDPOINT,
        timeoutMs,
      };
    default:
      throw new OcrConfigError(`未知的 OCR_PROVIDER「${provider}」（可选 local、tencent、baidu、off）`);
  }
}

export function createOcrProvider(config: OcrConfig): OcrProvider {
  switch (config.provider) {
    case 'off':
      return {
        name: 'off',
        readIdCard: () => Promise.reject(ocrUnavailable()),
      };
    case 'local':
      return createLocalOcrProvider(config);
    case 'tencent':
      return createTencentOcrProvider(config);
    case 'baidu':
      return createBaiduOcrProvider(config);
  }
}

const providers = new Map<string, OcrProvider>();

/**
 * One engine per process and configuration: every app built in this process (the server, or each
 * test's) shares the loaded model instead of loading its own.
 */
export function sharedOcrProvider(config: OcrConfig): OcrProvider {
  const key = JSON.stringify(config);
  let provider = providers.get(key);
  if (!provider) {
    provider = createOcrProvider(config);
    providers.set(key, provider);
  }
  return provider;
}
