// The upload checks of the OCR routes, with a fake engine: what reaches an engine and what never does.
import sharp from 'sharp';
import { idCheckChar } from '@hiring/shared';
import { generateIdCardPhoto } from '../../ocr-testset/generate';
import type { IdCardImage, IdCardReading, OcrProvider } from '../../src/ocr/types';
import { createLocalOcrProvider } from '../../src/ocr/local/localProvider';
import { form, post, startOcrApp as startApp } from './httpHelpers';

/** A provider that answers like a perfect engine and remembers what it was given. */
function fakeProvider(reading: IdCardReading): OcrProvider & { seen: IdCardImage[] } {
  const seen: IdCardImage[] = [];
  return {
    name: 'fake',
    seen,
    async readIdCard(image) {
      seen.push({ ...image, data: Buffer.from(image.data) });
      return reading;
    },
  };
}

const goodReading: IdCardReading = {
  fields: {
    idNumber: `36110219900307123${idCheckChar('36110219900307123')}`,
    name: '张三',
    gender: '1',
    ethnicity: '01',
    birthDate: '1990-03-07',
    address: '江西省上饶市信州区胜利路1号',
  },
  confidence: { idNumber: 0.9, name: 0.9, gender: 0.9, ethnicity: 0.9, birthDate: 0.9, address: 0.9 },
};

describe('POST /ocr/id-card upload checks', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let provider: ReturnType<typeof fakeProvider>;
  let cardJpeg: Buffer;
  beforeAll(async () => {
    provider = fakeProvider(goodReading);
    app = await startApp({ provider });
    cardJpeg = (await generateIdCardPhoto({ seed: 21, degrade: false })).jpeg;
  });
  afterAll(() => app.close());
  beforeEach(() => provider.seen.splice(0));

  it.each(['png', 'webp'] as const)('accepts a %s photo, judged by its bytes', async (format) => {
    const data = await sharp(cardJpeg)[format]().toBuffer();
    // The declared type and the name both lie; the bytes decide.
    const res = await post(app.url, form([{ data, name: 'card.jpg', type: 'image/jpeg' }]));
    expect(res.status).toBe(200);
    expect(provider.seen.map((image) => image.type)).toEqual([format]);
  });

  it('answers in the agreed shape', async () => {
    const res = await post(app.url, form([{ data: cardJpeg, name: 'card.jpg' }]));
    expect(res.body).toEqual({
      ...goodReading.fields,
      confidence: goodReading.confidence,
      verified: true,
      needsCheck: [],
    });
  });

  it('rejects a PDF renamed .jpg before any engine sees it', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
    const res = await post(app.url, form([{ data: pdf, name: 'card.jpg', type: 'image/jpeg' }]));
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_IMAGE_TYPE');
    expect(res.body.error.message).toContain('PDF');
    expect(provider.seen).toHaveLength(0);
  });

  it('rejects other files that are not photos', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'binary');
    const res = await post(app.url, form([{ data: gif, name: 'card.png', type: 'image/png' }]));
    expect(res.status).toBe(415);
    expect(res.body.error.message).toMatch(/JPEG.*PNG.*WebP/);
  });

  it('rejects a photo over 4 MB', async () => {
    const big = Buffer.concat([cardJpeg, Buffer.alloc(4 * 1024 * 1024)]);
    const res = await post(app.url, form([{ data: big, name: 'card.jpg' }]));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('IMAGE_TOO_LARGE');
    expect(res.body.error.message).toContain('4 MB');
  });

  it('rejects a photo too small to read', async () => {
    const small = await sharp(cardJpeg).resize(320).jpeg().toBuffer();
    const res = await post(app.url, form([{ data: small, name: 'card.jpg' }]));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IMAGE_TOO_SMALL');
  });

  it('rejects a damaged photo', async () => {
    const truncated = cardJpeg.subarray(0, 2000);
    const res = await post(app.url, form([{ data: truncated, name: 'card.jpg' }]));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IMAGE_UNREADABLE');
  });

  it('asks for a photo when none is sent', async () => {
    const empty = await post(app.url, new FormData());
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('IMAGE_REQUIRED');
    const json = await post(app.url, JSON.stringify({ image: 'x' }));
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('IMAGE_REQUIRED');
  });

  it('takes one photo at a time', async () => {
    const res = await post(
      app.url,
      form([
        { data: cardJpeg, name: 'a.jpg' },
        { data: cardJpeg, name: 'b.jpg' },
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('TOO_MANY_FILES');
    expect(provider.seen).toHaveLength(0);
  });

  it('wipes the photo from memory once answered', async () => {
    let received: Buffer | undefined;
    const spy: OcrProvider = {
      name: 'spy',
      async readIdCard(image) {
        received = image.data;
        return goodReading;
      },
    };
    const spyApp = await startApp({ provider: spy });
    try {
      await post(spyApp.url, form([{ data: cardJpeg, name: 'card.jpg' }]));
      expect(received?.length).toBe(cardJpeg.length);
      expect(received!.every((byte) => byte === 0)).toBe(true);
    } finally {
      await spyApp.close();
    }
  });
});

describe('POST /ocr/id-card under load', () => {
  it('reads at most N photos at once; the rest wait a bounded time, then get 503 with Retry-After', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    // The real local provider and its queue, with a recogniser that holds every read until released.
    const provider = createLocalOcrProvider({
      concurrency: 1,
      maxWaiting: 1,
      maxWaitMs: 300,
      loadRecogniser: async () => ({
        async read(lines) {
          reads++;
          await released;
          return lines.map(() => ({ text: '', confidence: 0, charConfidences: [] }));
        },
      }),
    });
    provider.start!();
    const app = await startApp({ provider });
    try {
      const { jpeg } = await generateIdCardPhoto({ seed: 21, degrade: false });
      const first = post(app.url, form([{ data: jpeg, name: 'a.jpg' }]));
      while (reads === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const waiting = post(app.url, form([{ data: jpeg, name: 'b.jpg' }]));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const refused = await post(app.url, form([{ data: jpeg, name: 'c.jpg' }]));
      expect(refused.status).toBe(503);
      expect(refused.body.error).toEqual({ code: 'OCR_BUSY', message: expect.stringContaining('稍后') });
      expect(refused.headers.get('retry-after')).toBe('1');
      const timedOut = await waiting;
      expect(timedOut.status).toBe(503);
      expect(timedOut.headers.get('retry-after')).toBe('1');
      // Only the first photo ever reached the recogniser.
      expect(reads).toBe(1);
      release();
      // The held read finds no text on the card: not a card front, but it did get its turn.
      expect((await first).status).toBe(422);
    } finally {
      release();
      await app.close();
    }
  }, 60_000);
});

describe('POST /ocr/id-card when the engine cannot load', () => {
  it('tells the operator why, says so to readiness, and answers scans 503 OCR_UNAVAILABLE', async () => {
    const provider = createLocalOcrProvider({
      loadRecogniser: () => Promise.reject(new Error('PP-OCRv5 模型文件缺失：请运行 npm install')),
    });
    const failures: Error[] = [];
    provider.start!((error) => failures.push(error));
    while (!failures.length) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(failures[0].message).toContain('npm install');
    expect(provider.isReady!()).toBe(false);
    expect(provider.hasFailed!()).toBe(true);
    const app = await startApp({ provider });
    try {
      const { jpeg } = await generateIdCardPhoto({ seed: 21, degrade: false });
      const res = await post(app.url, form([{ data: jpeg, name: 'a.jpg' }]));
      expect(res.status).toBe(503);
      expect(res.body.error).toEqual({
        code: 'OCR_UNAVAILABLE',
        message: expect.stringContaining('手动填写'),
      });
    } finally {
      await app.close();
    }
  }, 60_000);
});
