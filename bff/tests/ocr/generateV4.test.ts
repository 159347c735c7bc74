import { ETHNICITIES, parseIdNumber } from '@hiring/shared';
import sharp from 'sharp';
import { MAX_ADDRESS_V4, randomPersonV4 } from '../../ocr-testset/peopleV4';
import { renderPhotoV4 } from '../../ocr-testset/photoV4';
import { createRandom } from '../../ocr-testset/random';

// Rendering shells out to poppler and works on a few megapixels: generous on a busy 2-core machine.
const BUDGET = 90_000;

describe('version 4 ID-card photos (blind-judging set)', () => {
  it(
    'gives the same bytes and holder for the same seed, and another photo for another seed',
    async () => {
      const a = await renderPhotoV4(4242);
      const b = await renderPhotoV4(4242);
      const c = await renderPhotoV4(4243);
      expect(b.jpeg.equals(a.jpeg)).toBe(true);
      expect(b.person).toEqual(a.person);
      expect(b.scene).toEqual(a.scene);
      expect(c.person).not.toEqual(a.person);
      const meta = await sharp(a.jpeg).metadata();
      expect(meta.format).toBe('jpeg');
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeGreaterThanOrEqual(1190);
    },
    BUDGET,
  );

  it(
    'draws holders whose numbers agree with birth date and gender, with the variety of real cards',
    () => {
      const codes = new Set(ETHNICITIES.map((e) => e.code));
      const provinces = new Set<string>();
      const ethnicities = new Set<string>();
      let compound = 0;
      let dotted = 0;
      let jiangxi = 0;
      const forms = { 组: 0, 栋: 0, 单元: 0, 室: 0, 村: 0, 社区: 0 };
      for (let seed = 1; seed <= 800; seed++) {
        const person = randomPersonV4(createRandom(seed));
        expect(parseIdNumber(person.idNumber)).toMatchObject({
          birthDate: person.birthDate,
          gender: person.gender,
        });
        expect(codes.has(person.ethnicity)).toBe(true);
        expect(person.address.length).toBeLessThanOrEqual(MAX_ADDRESS_V4);
        expect(person.name).toMatch(/^[\u3400-\u9fff·]{2,12}$/);
        provinces.add(person.address.slice(0, 2));
        ethnicities.add(person.ethnicity);
        if (
          /^(欧阳|司马|上官|诸葛|尉迟|公孙|长孙|宇文|夏侯|端木|独孤|南宫|百里|呼延|轩辕|闻人)/.test(
            person.name,
          )
        )
          compound++;
        if (person.name.includes('·')) dotted++;
        if (person.address.startsWith('江西省')) jiangxi++;
        for (const k of Object.keys(forms) as (keyof typeof forms)[])
          if (person.address.includes(k)) forms[k]++;
      }
      expect(provinces.size).toBeGreaterThanOrEqual(28);
      expect(ethnicities.size).toBeGreaterThanOrEqual(10);
      expect(compound).toBeGreaterThan(8);
      expect(dotted).toBeGreaterThan(3);
      expect(jiangxi).toBeGreaterThan(80);
      for (const count of Object.values(forms)) expect(count).toBeGreaterThan(20);
    },
    BUDGET,
  );
});
