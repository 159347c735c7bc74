import { idCheckChar } from '@hiring/shared';
import {
  checkAddressCounty,
  confirmedPrefixLength,
  looksLikeMisreadCounty,
  looksLikeMisreadTown,
} from './addressCheck';

const idFor = (division: string) => {
  const first17 = `${division}19900307123`;
  return first17 + idCheckChar(first17);
};

describe('the county of a read address, checked against the ID number', () => {
  const yiyang = idFor('361126'); // 江西省上饶市弋阳县

  it('sets right a county one character away from the one the number names', () => {
    expect(checkAddressCounty('江西省上饶市代阳县弋江镇胜利路1号', yiyang)).toEqual({
      address: '江西省上饶市弋阳县弋江镇胜利路1号',
      corrected: true,
    });
  });

  it('leaves a county two characters away exactly as read', () => {
    expect(checkAddressCounty('江西省上饶市代相县弋江镇胜利路1号', yiyang)).toEqual({
      address: '江西省上饶市代相县弋江镇胜利路1号',
      corrected: false,
    });
  });

  it('never turns a real neighbouring county into the number’s one (the holder moved)', () => {
    // 东湖区 (360102) and 西湖区 are both in 南昌, one character apart.
    const address = '江西省南昌市西湖区公园街道1号';
    expect(checkAddressCounty(address, idFor('360102'))).toEqual({ address, corrected: false });
  });

  it('changes nothing else: the rest of the address, or a number whose code it does not know', () => {
    const address = '江西省上饶市弋阳县戈江镇胜利路1号';
    expect(checkAddressCounty(address, yiyang)).toEqual({ address, corrected: false });
    expect(checkAddressCounty('江西省上饶市代阳县', idFor('369999'))).toEqual({
      address: '江西省上饶市代阳县',
      corrected: false,
    });
  });

  it('sets right a prefecture one character away from the one the number names, then finds its county', () => {
    const dushan = idFor('522726'); // 贵州省黔南布依族苗族自治州独山县
    expect(checkAddressCounty('贵州省黔南布体族苗族自治州独山县玉水镇光明居委会', dushan)).toEqual({
      address: '贵州省黔南布依族苗族自治州独山县玉水镇光明居委会',
      corrected: true,
    });
    // Two characters off, or a real prefecture of another province (the holder moved): as read.
    const twoOff = '贵州省黔南布体族苗旗自治州独山县玉水镇';
    expect(checkAddressCounty(twoOff, dushan)).toEqual({ address: twoOff, corrected: false });
    const moved = '江西省上饶市弋阳县弋江镇胜利路1号';
    expect(checkAddressCounty(moved, dushan)).toEqual({ address: moved, corrected: false });
  });
});

describe('the characters of a read address the division table confirms', () => {
  const yiyang = idFor('361126');

  it('counts province, prefecture, county and one of the county’s own towns read exactly', () => {
    expect(confirmedPrefixLength('江西省上饶市弋阳县弋江镇胜利路1号', yiyang)).toBe(
      '江西省上饶市弋阳县弋江镇'.length,
    );
    // 弋阳 has no 戈江镇: the town is not confirmed, and never corrected either.
    expect(confirmedPrefixLength('江西省上饶市弋阳县戈江镇胜利路1号', yiyang)).toBe(
      '江西省上饶市弋阳县'.length,
    );
    expect(checkAddressCounty('江西省上饶市弋阳县戈江镇胜利路1号', yiyang).corrected).toBe(false);
    expect(confirmedPrefixLength('江西省南昌市西湖区公园街道1号', yiyang)).toBe('江西省'.length);
  });
});

describe('a county that does not exist where it is printed', () => {
  it('is doubted when one character away from a real county of that prefecture, and only then', () => {
    expect(looksLikeMisreadCounty('湖北省十堰市勋西县香口乡和平居委会十三组95号')).toBe(true);
    expect(looksLikeMisreadCounty('湖北省十堰市郧西县香口乡和平居委会十三组95号')).toBe(false);
    // A prefecture one character from a county directly under the province (荆门市 / 天门市) is no county.
    expect(looksLikeMisreadCounty('湖北省荆门市东宝区龙泉街道1号')).toBe(false);
    expect(looksLikeMisreadCounty('北京市朝阳区建国路1号')).toBe(false);
    expect(looksLikeMisreadCounty('北京市朝阴区建国路1号')).toBe(true);
    expect(looksLikeMisreadCounty('江西省上饶市代相县弋江镇胜利路1号')).toBe(false);
  });
});

describe('a town that is not in the county the number names', () => {
  // 640423: 宁夏回族自治区固原市隆德县, which has 陈靳乡 and 城关镇.
  const longde = '640423199001010011';
  it("is doubted when one character of its name away from one of the county's towns, never corrected", () => {
    expect(looksLikeMisreadTown('宁夏回族自治区固原市隆德县陈新乡学府路634号', longde)).toBe(true);
    expect(looksLikeMisreadTown('宁夏回族自治区固原市隆德县陈靳乡学府路634号', longde)).toBe(false);
    expect(checkAddressCounty('宁夏回族自治区固原市隆德县陈新乡学府路634号', longde).address).toBe(
      '宁夏回族自治区固原市隆德县陈新乡学府路634号',
    );
  });
  it('is not doubted for a renamed town (乡 became 镇), a street, or a county the holder moved from', () => {
    expect(looksLikeMisreadTown('宁夏回族自治区固原市隆德县陈靳镇学府路634号', longde)).toBe(false);
    expect(looksLikeMisreadTown('宁夏回族自治区固原市隆德县学府路634号', longde)).toBe(false);
    expect(looksLikeMisreadTown('宁夏回族自治区固原市西吉县陈新乡学府路634号', longde)).toBe(false);
  });
});
