import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import sharp from 'sharp';
import { idCheckChar } from '@hiring/shared';
import { AppError } from '../http/errors';
import { createOcrRouter } from './router';
import { createLocalOcrProvider } from './local/localProvider';
import { generateIdCardPhoto } from './testset/generate';
import type { IdCardImage, IdCardReading, OcrProvider } from './types';

// The tests run the route in a real Koa app over HTTP, with an error middleware that renders AppError
// the way the bff does.
async function startApp(provider: OcrProvider) {
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.status = error.status;
      ctx.body = { error: { code: error.code, message: error.message } };
    }
  });
  app.use(createOcrRouter({ provider }).routes());
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ocr/id-card`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function form(files: { data: Buffer; name: string; type?: string; field?: string }[]): FormData {
  const body = new FormData();
  for (const file of files) {
    body.append(
      file.field ?? 'image',
      new Blob([new Uint8Array(file.data)], { type: file.type ?? 'image/jpeg' }),
      file.name,
    );
  }
  return body;
}

async function post(url: string, body: FormData | string) {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: typeof body === 'string' ? { 'Content-Type': 'application/json' } : undefined,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, any>,
  };
}

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

describe('POST /ocr/id-card with the local tesseract engine', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp(createLocalOcrProvider({ concurrency: 1 }));
  });
  afterAll(() => app.close());

  it.each([11, 12])(
    'reads a phone photo of a card (seed %i) into verified fields',
    async (seed) => {
      const { jpeg, person } = await generateIdCardPhoto({ seed });
      const res = await post(app.url, form([{ data: jpeg, name: 'card.jpg' }]));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body).toMatchObject({
        idNumber: person.idNumber,
        name: person.name,
        gender: person.gender,
        ethnicity: person.ethnicity,
        birthDate: person.birthDate,
        verified: true,
      });
      for (const value of Object.values(res.body.confidence as Record<string, number>)) {
        expect(value).toBeGreaterThan(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect(res.body.confidence.idNumber).toBeGreaterThan(0.6);
    },
    30_000,
  );

  it('never marks a card whose printed number fails its check character as verified', async () => {
    const { person } = await generateIdCardPhoto({ seed: 13 });
    const last = person.idNumber[17] === '0' ? '1' : '0';
    const misprinted = { ...person, idNumber: person.idNumber.slice(0, 17) + last };
    const { jpeg } = await generateIdCardPhoto({ seed: 13, person: misprinted, degrade: false });
    const res = await post(app.url, form([{ data: jpeg, name: 'card.jpg' }]));
    expect(res.status).toBe(200);
    expect(res.body.verified).toBe(false);
  }, 30_000);

  it('says so when the photo shows no ID card', async () => {
    const noise = Buffer.alloc(900 * 700 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) % 251;
    const photo = await sharp(noise, { raw: { width: 900, height: 700, channels: 3 } })
      .jpeg()
      .toBuffer();
    const res = await post(app.url, form([{ data: photo, name: 'desk.jpg' }]));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('NOT_ID_CARD');
    expect(res.body.error.message).toContain('身份证');
  }, 30_000);

  it('asks for more light when the photo is too dark', async () => {
    const { jpeg } = await generateIdCardPhoto({ seed: 14, degrade: { exposure: 0.25 } });
    const res = await post(app.url, form([{ data: jpeg, name: 'dark.jpg' }]));
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({ code: 'IMAGE_TOO_DARK', message: expect.stringContaining('太暗') });
  }, 30_000);
});

describe('POST /ocr/id-card upload checks', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let provider: ReturnType<typeof fakeProvider>;
  let cardJpeg: Buffer;
  beforeAll(async () => {
    provider = fakeProvider(goodReading);
    app = await startApp(provider);
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
    expect(res.body).toEqual({ ...goodReading.fields, confidence: goodReading.confidence, verified: true });
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
    const spyApp = await startApp(spy);
    try {
      await post(spyApp.url, form([{ data: cardJpeg, name: 'card.jpg' }]));
      expect(received?.length).toBe(cardJpeg.length);
      expect(received!.every((byte) => byte === 0)).toBe(true);
    } finally {
      await spyApp.close();
    }
  });
});
