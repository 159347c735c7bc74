import { idCheckChar } from '@hiring/shared';
import type { IdCardReading } from './types';
import { toOcrResult } from './verify';

const first17 = '36110219900307123';
const validNumber = `${first17}${idCheckChar(first17)}`;

function reading(fields: Partial<IdCardReading['fields']>): IdCardReading {
  return {
    fields: {
      idNumber: validNumber,
      name: '李明',
      gender: '1',
      ethnicity: '01',
      birthDate: '1990-03-07',
      address: '江西省上饶市信州区胜利路88号',
      ...fields,
    },
    confidence: { idNumber: 0.9, name: 0.9, gender: 0.9, ethnicity: 0.9, birthDate: 0.9, address: 0.9 },
  };
}

describe('verification of a reading', () => {
  it('verifies a number that passes its check and matches the printed birth date and gender', () => {
    expect(toOcrResult(reading({})).verified).toBe(true);
  });

  it('never verifies a number with a wrong check character, and lowers its confidence', () => {
    const wrong = `${first17}${idCheckChar(first17) === '0' ? '1' : '0'}`;
    const result = toOcrResult(reading({ idNumber: wrong }));
    expect(result.verified).toBe(false);
    expect(result.idNumber).toBe(wrong);
    expect(result.confidence.idNumber).toBeLessThanOrEqual(0.3);
  });

  it('never verifies when the number disagrees with the printed birth date or gender', () => {
    expect(toOcrResult(reading({ birthDate: '1990-03-08' })).verified).toBe(false);
    expect(toOcrResult(reading({ gender: '2' })).verified).toBe(false);
    expect(toOcrResult(reading({ birthDate: null })).verified).toBe(false);
    expect(toOcrResult(reading({ gender: null })).verified).toBe(false);
  });

  it('never verifies a number that is too short', () => {
    expect(toOcrResult(reading({ idNumber: validNumber.slice(0, 17) })).verified).toBe(false);
  });

  it('returns a lower-case x check character in upper case', () => {
    const withX = '11010519491231002';
    const number = `${withX}${idCheckChar(withX)}`;
    expect(number.endsWith('X')).toBe(true);
    const result = toOcrResult(
      reading({ idNumber: number.toLowerCase(), birthDate: '1949-12-31', gender: '2' }),
    );
    expect(result).toMatchObject({ idNumber: number, verified: true });
  });
});
