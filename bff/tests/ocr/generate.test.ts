import { createHash } from 'node:crypto';
import { parseIdNumber } from '@hiring/shared';
import sharp from 'sharp';
import { generateIdCardBackPhoto, generateIdCardPhoto } from '../../ocr-testset/generate';
import { randomPersonV2 } from '../../ocr-testset/peopleV2';
import { createRandom } from '../../ocr-testset/random';

const BUDGET = 60_000;

describe('synthetic ID-card photos', () => {
  it(
    'gives the same photo and person for the same seed, and others for another seed',
    async () => {
      const a = await generateIdCardPhoto({ seed: 7 });
      const b = await generateIdCardPhoto({ seed: 7 });
      const c = await generateIdCardPhoto({ seed: 8 });
      expect(b.jpeg.equals(a.jpeg)).toBe(true);
      expect(b.person).toEqual(a.person);
      expect(c.person).not.toEqual(a.person);
    },
    BUDGET,
  );

  it(
    'keeps version 1 byte for byte, so figures on its seeds stay comparable',
    async () => {
      // The photo the original generator made for seed 11 (before version 2 existed).
      const { jpeg } = await generateIdCardPhoto({ seed: 11, version: 1 });
      expect(createHash('sha256').update(jpeg).digest('hex')).toBe(
        'a90ab1745200c9916db1e15a7375d06a7688eaf388654364c122cb1af188822e',
      );
    },
    BUDGET,
  );

  it('prints people whose ID numbers agree with their birth date and gender, from every province', () => {
    const provinces = new Set<string>();
    let compound = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const person = randomPersonV2(createRandom(seed));
      const parsed = parseIdNumber(person.idNumber);
      expect(parsed).toMatchObject({ birthDate: person.birthDate, gender: person.gender });
      expect(person.address.length).toBeLessThanOrEqual(33);
      provinces.add(person.address.slice(0, 2));
      if (
        /^(欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|令狐|端木|南宫|独孤|闻人|澹台|呼延)/.test(
          person.name,
        )
      )
        compound++;
    }
    expect(provinces.size).toBe(31);
    expect(compound).toBeGreaterThan(20);
  });

  it(
    'produces JPEG phone photos of both sides',
    async () => {
      const { jpeg } = await generateIdCardPhoto({ seed: 3, version: 1, degrade: { jpegQuality: 60 } });
      expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 1280, height: 960 });
      const back = await generateIdCardBackPhoto({ seed: 3 });
      expect((await sharp(back.jpeg).metadata()).format).toBe('jpeg');
      expect(back.back.issuingAuthority).toMatch(/公安局/);
    },
    BUDGET,
  );
});
