// Each line of a card is decoded among the characters its field can hold: PP-OCRv6 also knows
// traditional forms, kana and Latin letters, which a mainland card's name or number never holds.
import sharp from 'sharp';
import { LINE_ALPHABETS as A, prepareLineAlphabets } from '../../src/ocr/local/lineAlphabets';
import { loadLineRecogniser, modelFiles } from '../../src/ocr/local/ppocrRecogniser';

const BUDGET = 60_000;

/** One line of black text on white paper, as the engine cuts it out (grey, about 48 px tall). */
async function lineOf(text: string) {
  const width = 40 + 44 * [...text].length;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="48">
    <rect width="100%" height="100%" fill="#fff"/>
    <text x="20" y="36" font-family="Noto Sans CJK SC" font-size="36" fill="#000">${text}</text></svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height, channels: 1 };
}

describe('line alphabets', () => {
  beforeAll(() => prepareLineAlphabets(), BUDGET);

  it('keep simplified characters, the variants names use and place names; refuse traditional forms', () => {
    for (const ch of '静环璟昇麴乾堃燊垚') expect([ch, A.name.allows(ch)]).toEqual([ch, true]);
    for (const ch of '靜環後發臺のAa1') expect([ch, A.name.allows(ch)]).toEqual([ch, false]);
    expect(A.name.allows('·')).toBe(true);
    // 於 is a traditional form elsewhere, but GB/T 2260 prints it in a place name.
    expect(A.address.allows('於')).toBe(true);
    for (const ch of '0A号-（') expect(A.address.allows(ch)).toBe(true);
    expect([...'0123456789X'].every((ch) => A.idNumber.allows(ch))).toBe(true);
    expect(A.idNumber.allows('x') || A.idNumber.allows('号')).toBe(false);
    expect([...'年月日'].every((ch) => A.birth.allows(ch)) && !A.birth.allows('目')).toBe(true);
    expect(A.ethnicity.allows('维') && !A.ethnicity.allows('李')).toBe(true);
  });

  it(
    'restrict what the recogniser reads to the field: a name read as a number line yields no characters',
    async () => {
      const recogniser = await loadLineRecogniser(modelFiles('ppocrv6'));
      const line = await lineOf('李静环');
      const [free] = await recogniser.read([line]);
      expect(free.text).toBe('李静环');
      const [asNumber] = await recogniser.read([line], A.idNumber);
      expect(asNumber.text).toMatch(/^[0-9X ]*$/);
      const [asName] = await recogniser.read([line], A.name);
      expect(asName.text).toBe('李静环');
      expect(asName.charConfidences).toEqual(free.charConfidences);
    },
    BUDGET,
  );
});
