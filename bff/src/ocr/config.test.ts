import { createOcrProviderFromConfig } from './config';

describe('OCR engine from configuration', () => {
  it('uses local tesseract when nothing is configured', () => {
    expect(createOcrProviderFromConfig({}).name).toBe('local-tesseract');
  });

  it('selects a cloud service with its credentials', () => {
    expect(
      createOcrProviderFromConfig({
        OCR_PROVIDER: 'tencent',
        TENCENT_OCR_SECRET_ID: 'id',
        TENCENT_OCR_SECRET_KEY: 'key',
      }).name,
    ).toBe('tencent');
    expect(
      createOcrProviderFromConfig({
        OCR_PROVIDER: 'Baidu',
        BAIDU_OCR_API_KEY: 'ak',
        BAIDU_OCR_SECRET_KEY: 'sk',
      }).name,
    ).toBe('baidu');
  });

  it('refuses to start with missing credentials or an unknown engine', () => {
    expect(() =>
      createOcrProviderFromConfig({ OCR_PROVIDER: 'tencent', TENCENT_OCR_SECRET_ID: 'id' }),
    ).toThrow('TENCENT_OCR_SECRET_KEY');
    expect(() => createOcrProviderFromConfig({ OCR_PROVIDER: 'baidu' })).toThrow('BAIDU_OCR_API_KEY');
    expect(() => createOcrProviderFromConfig({ OCR_PROVIDER: 'acme' })).toThrow('Unknown OCR_PROVIDER');
    expect(() => createOcrProviderFromConfig({ OCR_CONCURRENCY: '0' })).toThrow('OCR_CONCURRENCY');
  });
});
