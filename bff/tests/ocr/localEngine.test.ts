// The PP-OCR engine end to end over HTTP: start-up, the front and back of generated cards, refusals.
// One engine for the file (it loads once, like in the bff); each read takes well under a second on an
// idle machine, the budgets allow for a busy one.
import sharp from 'sharp';
import { generateIdCardBackPhoto, generateIdCardPhoto } from '../../ocr-testset/generate';
import { renderPhotoV4 } from '../../ocr-testset/photoV4';
import { createLocalOcrProvider } from '../../src/ocr/local/localProvider';
import { decodePhoto, locateCard } from '../../src/ocr/local/locateCard';
import type { OcrProvider } from '../../src/ocr/types';
import { photo, post, startOcrApp } from './httpHelpers';

const READ_BUDGET = 60_000;

/** Posts a photo to `url` and expects it refused (422) with `code`, its message holding `hint`. */
async function expectRefused(url: string, jpeg: Buffer, code: string, hint = '', name?: string) {
  const res = await post(url, photo(jpeg, name));
  expect(res.status).toBe(422);
  expect(res.body.error).toEqual({ code, message: expect.stringContaining(hint) });
}

/** Why the engine could not load (its models not installed: `npm install` or `npm run setup`). */
let loadFailure: Error | undefined;

async function untilReady(provider: OcrProvider) {
  provider.start!((error) => (loadFailure = error));
  while (!provider.isReady!()) {
    if (loadFailure) throw loadFailure;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the local PP-OCR engine', () => {
  const provider = createLocalOcrProvider({ concurrency: 1 });
  let app: Awaited<ReturnType<typeof startOcrApp>>;
  const now = new Date('2026-06-01T04:00:00Z');
  beforeAll(async () => {
    app = await startOcrApp({ provider, now: () => now });
  });
  afterAll(() => app.close());

  it(
    'loads in the background: until it is ready a scan is told to retry, then it reads',
    async () => {
      expect(provider.isReady!()).toBe(false);
      const { jpeg, person } = await generateIdCardPhoto({ seed: 2 });
      const early = await post(app.url, photo(jpeg));
      expect(early.status).toBe(503);
      expect(early.body.error.code).toBe('OCR_STARTING');
      expect(Number(early.headers.get('retry-after'))).toBeGreaterThan(0);

      await untilReady(provider);
      const res = await post(app.url, photo(jpeg));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body).toMatchObject({ ...person, verified: true, needsCheck: [] });
    },
    READ_BUDGET,
  );

  it.each([
    [3, 2],
    [11, 1],
  ] as const)(
    'reads a phone photo of a card (seed %i, generator v%i) into verified fields',
    async (seed, version) => {
      await untilReady(provider);
      const { jpeg, person } = await generateIdCardPhoto({ seed, version });
      const res = await post(app.url, photo(jpeg));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ...person, verified: true });
      for (const value of Object.values(res.body.confidence as Record<string, number>)) {
        expect(value).toBeGreaterThan(0.5);
        expect(value).toBeLessThanOrEqual(1);
      }
    },
    READ_BUDGET,
  );

  // Fed at its own width (about 120 × 48), the name's line lost its middle character, read surely
  // (黎琪 at 1.00); PaddleOCR pads every line to 320 × 48, as the model was trained.
  it(
    'reads every character of a short name (v2 seed 52: 黎静琪)',
    async () => {
      await untilReady(provider);
      const { jpeg, person } = await generateIdCardPhoto({ seed: 52, version: 2 });
      const res = await post(app.url, photo(jpeg));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: '黎静琪', idNumber: person.idNumber, verified: true });
    },
    READ_BUDGET,
  );

  // The card outlined a little off: the name's line took in the label (姓名童贵诺, every character 1.00).
  it(
    'reads a name without the label 姓名 its line took in (v4 seed 2 000 142: 童贵诺)',
    async () => {
      await untilReady(provider);
      const { jpeg, person } = await renderPhotoV4(2_000_142);
      const res = await post(app.url, photo(jpeg));
      expect(res.status).toBe(200);
      expect(person.name).toBe('童贵诺');
      expect(res.body).toMatchObject({ name: '童贵诺', idNumber: person.idNumber, verified: true });
    },
    2 * READ_BUDGET,
  );

  // Read along the first outline (the ruled paper's lines taken for the card's top and left sides)
  // the name, 民族 and the address came back empty; along the card's own outline, every field.
  it(
    'reads every field of a card first outlined along the ruled paper beneath it (v4 seed 2 000 219: 宋有华)',
    async () => {
      await untilReady(provider);
      const { jpeg, person } = await renderPhotoV4(2_000_219);
      const res = await post(app.url, photo(jpeg));
      expect(res.status).toBe(200);
      expect(person.name).toBe('宋有华');
      expect(res.body).toMatchObject({ ...person, verified: true, needsCheck: [] });
    },
    2 * READ_BUDGET,
  );

  // No outline at all is found (card and paper equally pale, a shadow across both): the card is placed
  // by its printing, the line that reads as a valid number and the lines above it.
  it(
    'reads every field of a pale card on ruled white paper whose outline cannot be found (v4 seed 2 000 102: 何晞若)',
    async () => {
      await untilReady(provider);
      const { jpeg, person } = await renderPhotoV4(2_000_102);
      expect(await locateCard(await decodePhoto(jpeg))).toBeNull();
      const res = await post(app.url, photo(jpeg));
      expect(res.status).toBe(200);
      expect(person.name).toBe('何晞若');
      expect(res.body).toMatchObject({ ...person, verified: true, needsCheck: [] });
    },
    2 * READ_BUDGET,
  );

  it.each([
    [2_000_001, 'a first line running up to the portrait'],
    [2_000_019, 'lines left slanted by a thumb over a corner, running together'],
    [2_000_023, 'a first line printed higher than the layout'],
  ])(
    'reads the whole address of a card laid out otherwise (v4 seed %i: %s)',
    async (seed) => {
      await untilReady(provider);
      const { jpeg, person } = await renderPhotoV4(seed);
      const res = await post(app.url, photo(jpeg));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: person.name,
        idNumber: person.idNumber,
        address: person.address,
      });
    },
    // Rendering a v4 photo shells out to poppler and works on a few megapixels.
    2 * READ_BUDGET,
  );

  it(
    'never marks a number failing its check character as verified, and says why',
    async () => {
      await untilReady(provider);
      const { person } = await generateIdCardPhoto({ seed: 3 });
      const last = person.idNumber[17] === '0' ? '1' : '0';
      const misprinted = { ...person, idNumber: person.idNumber.slice(0, 17) + last };
      const { jpeg } = await generateIdCardPhoto({ seed: 3, person: misprinted, degrade: false });
      const res = await post(app.url, photo(jpeg));
      expect(res.status).toBe(200);
      expect(res.body.verified).toBe(false);
      expect(res.body.needsCheck).toContainEqual({
        field: 'idNumber',
        reason: expect.stringContaining('校验'),
      });
    },
    READ_BUDGET,
  );

  it(
    'reads the back: issuing authority and validity, and flags a card that has run out',
    async () => {
      await untilReady(provider);
      const back = {
        issuingAuthority: '上饶市公安局信州分局',
        validFrom: '2006-03-07',
        validUntil: '2026-03-07',
      };
      const expired = await generateIdCardBackPhoto({ seed: 4, back });
      const res = await post(app.backUrl, photo(expired.jpeg));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ...back, longTerm: false, expired: true, needsCheck: [] });

      const lifelong = { issuingAuthority: '婺源县公安局', validFrom: '2012-11-20', validUntil: null };
      const valid = await generateIdCardBackPhoto({ seed: 5, back: lifelong });
      const res2 = await post(app.backUrl, photo(valid.jpeg));
      expect(res2.body).toMatchObject({ ...lifelong, longTerm: true, expired: false });
    },
    READ_BUDGET,
  );

  it(
    'asks to turn the card over when the wrong side is sent',
    async () => {
      await untilReady(provider);
      const back = await generateIdCardBackPhoto({ seed: 6 });
      await expectRefused(app.url, back.jpeg, 'ID_CARD_BACK_SIDE', '国徽面');
      const front = await generateIdCardPhoto({ seed: 6 });
      await expectRefused(app.backUrl, front.jpeg, 'ID_CARD_FRONT_SIDE', '人像面');
    },
    READ_BUDGET,
  );

  it(
    'refuses a photo that shows no card, and one of a white page with text on it',
    async () => {
      await untilReady(provider);
      const noise = Buffer.alloc(900 * 700 * 3);
      for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) % 251;
      const desk = await sharp(noise, { raw: { width: 900, height: 700, channels: 3 } })
        .jpeg()
        .toBuffer();
      await expectRefused(app.url, desk, 'NOT_ID_CARD', '身份证', 'desk.jpg');

      const page = await sharp({ create: { width: 1280, height: 960, channels: 3, background: '#303030' } })
        .composite([
          {
            input: Buffer.from(
              `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="560"><rect width="900" height="560" fill="#f4f4f0"/>` +
                `<text x="60" y="200" font-family="Noto Sans CJK SC" font-size="40">会议纪要：第三季度工作安排</text></svg>`,
            ),
            top: 200,
            left: 190,
          },
        ])
        .jpeg()
        .toBuffer();
      await expectRefused(app.url, page, 'NOT_ID_CARD', '身份证', 'page.jpg');
    },
    READ_BUDGET,
  );

  it(
    'asks for more light when the photo is too dark',
    async () => {
      const { jpeg } = await generateIdCardPhoto({ seed: 14, degrade: { exposure: 0.25 } });
      await expectRefused(app.url, jpeg, 'IMAGE_TOO_DARK', '太暗', 'dark.jpg');
    },
    READ_BUDGET,
  );
});
