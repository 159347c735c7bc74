import fc from 'fast-check';
import { checkDocumentNumber, documentTypesForHukou, maskDocumentNumber } from '../src/documents';
import { idCheckChar, parseIdNumber } from '../src/idNumber';
import { isMainlandMobile, maskMobile } from '../src/phone';
import { usccCheckChar, validateUscc } from '../src/uscc';
import { residentId, uscc } from './fixtures';

describe('resident ID numbers', () => {
  it('accepts the GB 11643 example and reads birth date and gender from it', () => {
    expect(parseIdNumber('11010519491231002X')).toEqual({
      birthDate: '1949-12-31',
      gender: '2',
      regionCode: '110105',
    });
  });

  it('accepts a lower-case x check character', () => {
    expect(parseIdNumber('11010519491231002x')).not.toBeNull();
  });

  it('rejects any single changed digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const id = residentId('1990-05-17', '321');
        const changed = (Number(id[position]) + delta) % 10;
        const typo = id.slice(0, position) + changed + id.slice(position + 1);
        return parseIdNumber(typo) === null;
      }),
    );
  });

  it('reads birth date and gender from any valid number and refuses every other check character', () => {
    const birthDates = fc
      .date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-6]\d{5}$/),
        birthDates,
        fc.stringMatching(/^\d{3}$/),
        fc.constantFrom(...'0123456789X'),
        (region, birth, sequence, other) => {
          const first17 = `${region}${birth.replace(/-/g, '')}${sequence}`;
          const check = idCheckChar(first17) as string;
          expect(parseIdNumber(first17 + check)).toEqual({
            birthDate: birth,
            gender: Number(sequence[2]) % 2 === 1 ? '1' : '2',
            regionCode: region,
          });
          if (other !== check) expect(parseIdNumber(first17 + other)).toBeNull();
        },
      ),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => parseIdNumber(value) === null || typeof value === 'string'),
    );
  });

  it('rejects impossible birth dates even with a correct check character', () => {
    const first17 = '36110219900230123';
    expect(parseIdNumber(first17 + idCheckChar(first17))).toBeNull();
  });

  it('does not take a Hong Kong/Macao/Taiwan residence permit for a resident ID', () => {
    const permit = residentId('1990-01-01', '123', '810000');
    expect(checkDocumentNumber('resident', permit).valid).toBe(false);
    expect(checkDocumentNumber('hmtResidence', permit)).toMatchObject({
      valid: true,
      birthDate: '1990-01-01',
      gender: '1',
    });
  });
});

describe('other documents', () => {
  it.each([
    ['hmtPermit', 'H12345678', true],
    ['hmtPermit', 'M1234567801', true],
    ['hmtPermit', '12345678', true],
    ['hmtPermit', 'X12345678', false],
    ['foreignPermanent', 'USA123456789012', true],
    ['passport', 'E12345678', true],
    ['passport', 'E1', false],
  ] as const)('%s %s → %s', (type, number, valid) => {
    expect(checkDocumentNumber(type, number).valid).toBe(valid);
  });

  it('checks the check character of the 2023 permanent residence card', () => {
    const first17 = '93310004019900101';
    expect(checkDocumentNumber('foreignPermanent', first17 + idCheckChar(first17)).valid).toBe(true);
    expect(
      checkDocumentNumber('foreignPermanent', first17 + (idCheckChar(first17) === '0' ? '1' : '0')).valid,
    ).toBe(false);
  });

  it('pairs ⑦港澳台 and ⑧外籍 with their own documents and everyone else with the resident ID', () => {
    expect(documentTypesForHukou('7')).toEqual(['hmtResidence', 'hmtPermit']);
    expect(documentTypesForHukou('8')).toEqual(['foreignPermanent', 'passport']);
    expect(documentTypesForHukou('3')).toEqual(['resident']);
  });

  it('masks numbers for display', () => {
    expect(maskDocumentNumber('361102199503151234')).toBe('361*************34');
    expect(maskMobile('+86 139-0000-1111')).toBe('139****1111');
  });
});

describe('mobile numbers', () => {
  it.each(['13900001111', '+86 139 0000 1111', '199-0000-1111'])('accepts %s', (phone) =>
    expect(isMainlandMobile(phone)).toBe(true),
  );
  it.each(['12900001111', '1390000111', '079188888888'])('rejects %s', (phone) =>
    expect(isMainlandMobile(phone)).toBe(false),
  );
});

describe('unified social credit codes', () => {
  it('accepts a code with a correct check character', () => {
    expect(validateUscc(uscc())).toEqual({ valid: true, checkDigitOk: true });
  });

  it('keeps a code with a wrong check character valid but says which character was expected', () => {
    const good = uscc();
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(validateUscc(wrong)).toEqual({ valid: true, checkDigitOk: false, expected: good[17] });
  });

  const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const first17 = fc
    .array(fc.constantFrom(...USCC_CHARS), { minLength: 17, maxLength: 17 })
    .map((c) => c.join(''));

  it('accepts any code with its check character and flags, but keeps, any other check character', () => {
    fc.assert(
      fc.property(first17, fc.constantFrom(...USCC_CHARS), (body, other) => {
        const check = usccCheckChar(body) as string;
        expect(validateUscc(body + check)).toEqual({ valid: true, checkDigitOk: true });
        if (other !== check) {
          expect(validateUscc(body + other)).toEqual({ valid: true, checkDigitOk: false, expected: check });
        }
      }),
    );
  });

  it('detects any single changed character (31 is prime and no weight is a multiple of it)', () => {
    fc.assert(
      fc.property(
        first17,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 30 }),
        (body, at, shift) => {
          const code = body + usccCheckChar(body);
          const changed = USCC_CHARS[(USCC_CHARS.indexOf(code[at]) + shift) % 31];
          const typo = code.slice(0, at) + changed + code.slice(at + 1);
          expect(validateUscc(typo).checkDigitOk).toBe(false);
        },
      ),
    );
  });

  it('rejects anything that is not 18 characters of the code set, whatever it is', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const valid = typeof value === 'string' && /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value);
        return validateUscc(value).valid === valid;
      }),
    );
  });

  it('rejects letters outside the code set', () => {
    expect(validateUscc('91361100MA35ABCDIO').valid).toBe(false);
  });
});
