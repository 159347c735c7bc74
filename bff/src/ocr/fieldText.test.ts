import { birthDateFromText, cleanIdNumber, cleanName, ethnicityFromText, genderFromText } from './fieldText';

describe('field text from OCR', () => {
  it('maps ethnicity names, with or without 族, to GB 3304 codes', () => {
    expect(ethnicityFromText('汉')).toBe('01');
    expect(ethnicityFromText('维吾尔族')).toBe('05');
    expect(ethnicityFromText('柯 尔 克 孜')).toBe('29');
  });

  it('offers none of the 56 names for a near miss: 民族 is read exactly or left to the employer', () => {
    expect(ethnicityFromText('柯尔克孙')).toBeNull();
    expect(ethnicityFromText('伟佬')).toBeNull();
    expect(ethnicityFromText('')).toBeNull();
  });

  it('reads gender only when exactly one of 男 and 女 is present', () => {
    expect(genderFromText('男')).toBe('1');
    expect(genderFromText(' 女 ')).toBe('2');
    expect(genderFromText('男女')).toBeNull();
    expect(genderFromText('")')).toBeNull();
  });

  it('accepts the birth date formats engines answer with and rejects impossible dates', () => {
    expect(birthDateFromText('1990 年 3 月 7 日')).toBe('1990-03-07');
    expect(birthDateFromText('1990/3/7')).toBe('1990-03-07');
    expect(birthDateFromText('19900307')).toBe('1990-03-07');
    expect(birthDateFromText('1990年2月30日')).toBeNull();
    expect(birthDateFromText('1990年工月7日')).toBeNull();
  });

  it('keeps only characters an ID number or a name can hold', () => {
    expect(cleanIdNumber(' 3611 0219x ')).toBe('36110219X');
    expect(cleanName('欧 阳 丽 华 |')).toBe('欧阳丽华');
    expect(cleanName('买买提·艾力')).toBe('买买提·艾力');
    expect(cleanName('1')).toBeNull();
  });
});
