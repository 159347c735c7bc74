import { idCheckChar } from '@hiring/shared';
import { checkAddressCounty } from './addressCheck';

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
});
