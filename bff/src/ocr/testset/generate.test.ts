import { parseIdNumber } from '@hiring/shared';
import sharp from 'sharp';
import { generateIdCardPhoto } from './generate';

describe('synthetic ID-card photos', () => {
  it('gives the same photo and person for the same seed, and others for another seed', async () => {
    const a = await generateIdCardPhoto({ seed: 7 });
    const b = await generateIdCardPhoto({ seed: 7 });
    const c = await generateIdCardPhoto({ seed: 8 });
    expect(b.jpeg.equals(a.jpeg)).toBe(true);
    expect(b.person).toEqual(a.person);
    expect(c.person).not.toEqual(a.person);
  });

  it('prints people whose ID numbers agree with their birth date and gender', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { person } = await generateIdCardPhoto({ seed, degrade: false });
      const parsed = parseIdNumber(person.idNumber);
      expect(parsed).toMatchObject({ birthDate: person.birthDate, gender: person.gender });
      expect(person.address.length).toBeLessThanOrEqual(33);
    }
  });

  it('produces a JPEG phone photo', async () => {
    const { jpeg } = await generateIdCardPhoto({ seed: 3, degrade: { jpegQuality: 60 } });
    const metadata = await sharp(jpeg).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 1280, height: 960 });
  });
});
