import { createOcrProvider, ocrConfigFromEnv } from './config';

describe('OCR engine from configuration', () => {
  it('uses local PP-OCR with two recognitions at once when nothing is configured', () => {
    const config = ocrConfigFromEnv({});
    expect(config).toEqual({
      provider: 'local',
      concurrency: 2,
      maxWaiting: 16,
      maxWaitMs: 10_000,
      threads: 1,
      models: ['ppocrv6'],
    });
    expect(createOcrProvider(config).name).toBe('local-ppocr');
    expect(ocrConfigFromEnv({ OCR_CONCURRENCY: '3', OCR_QUEUE_WAIT_MS: '500' })).toMatchObject({
      concurrency: 3,
      maxWaitMs: 500,
    });
  });

  it('runs the recognition models named in OCR_MODELS, first to last', () => {
    expect(ocrConfigFromEnv({ OCR_MODELS: ' PPOCRv5 ' })).toMatchObject({ models: ['ppocrv5'] });
    expect(ocrConfigFromEnv({ OCR_MODELS: 'ppocrv5,ppocrv4' })).toMatchObject({
      models: ['ppocrv5', 'ppocrv4'],
    });
  });

  it('can be switched off for a process that serves no scans', async () => {
    const off = createOcrProvider(ocrConfigFromEnv({ OCR_PROVIDER: 'off' }));
    expect(off.isReady?.() ?? true).toBe(true);
    await expect(off.readIdCard({ data: Buffer.alloc(1), type: 'jpeg' })).rejects.toMatchObject({
      status: 503,
      code: 'OCR_UNAVAILABLE',
    });
  });

  it('selects a cloud service with its credentials', () => {
    const tencent = { OCR_PROVIDER: 'tencent', TENCENT_OCR_SECRET_ID: 'id', TENCENT_OCR_SECRET_KEY: 'key' };
    expect(createOcrProvider(ocrConfigFromEnv(tencent)).name).toBe('tencent');
    const baidu = { OCR_PROVIDER: 'Baidu', BAIDU_OCR_API_KEY: 'ak', BAIDU_OCR_SECRET_KEY: 'sk' };
    expect(createOcrProvider(ocrConfigFromEnv(baidu)).name).toBe('baidu');
  });

  it('refuses to start with missing credentials, an unknown engine or a bad number', () => {
    expect(() => ocrConfigFromEnv({ OCR_PROVIDER: 'tencent', TENCENT_OCR_SECRET_ID: 'id' })).toThrow(
      'TENCENT_OCR_SECRET_KEY',
    );
    expect(() => ocrConfigFromEnv({ OCR_PROVIDER: 'baidu' })).toThrow('BAIDU_OCR_API_KEY');
    expect(() => ocrConfigFromEnv({ OCR_PROVIDER: 'acme' })).toThrow('OCR_PROVIDER');
    expect(() => ocrConfigFromEnv({ OCR_CONCURRENCY: '0' })).toThrow('OCR_CONCURRENCY');
    expect(() => ocrConfigFromEnv({ OCR_MODELS: 'ppocrv5,tesseract' })).toThrow('OCR_MODELS');
    expect(() => ocrConfigFromEnv({ OCR_MODELS: 'ppocrv4,ppocrv4' })).toThrow('OCR_MODELS');
  });
});
