import { codeFromParams } from './lookupCode';

describe('the code the lookup page opens with', () => {
  const link = 'https://h5.example/#/pages/lookup/index?code=ZP361120261201123456';

  it('comes from ?code= (H5, the receipt button)', () => {
    expect(codeFromParams({ code: 'ZP361120261201123456' })).toBe('ZP361120261201123456');
    expect(codeFromParams({ code: 'zp361120261201123456' })).toBe('ZP361120261201123456');
  });

  it('comes from the scanned link in WeChat (?q=) and Alipay (?qrCode=)', () => {
    expect(codeFromParams({ q: encodeURIComponent(link) })).toBe('ZP361120261201123456');
    expect(codeFromParams({ qrCode: encodeURIComponent(link) })).toBe('ZP361120261201123456');
  });

  it('is empty when there is none or the link is broken', () => {
    expect(codeFromParams({})).toBe('');
    expect(codeFromParams({ q: '%E0%A4%A' })).toBe('');
  });
});
