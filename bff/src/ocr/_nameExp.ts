// scratch experiment, not committed
import { writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import sharp from 'sharp';
import * as L from './cardLayout';
import { CARD_HEIGHT, CARD_WIDTH } from './cardLayout';
import { solveHomography, warpInto, type RawImage } from './homography';
import { decodePhoto, locateCard } from './local/locateCard';
import { toPgm, parseTsv } from './local/tesseract';
import { cleanName } from './fieldText';
import { generateIdCardPhoto } from './testset/generate';
import { createOcrProviderFromConfig } from './config';
import { checkIdCardImage } from './imageCheck';
import { toOcrResult } from './verify';

function warpBox(photo: RawImage, corners: { x: number; y: number }[], scale: number, box: L.Box): RawImage {
  const pixels = photo.width * photo.height;
  const blue = new Uint8Array(pixels);
  const c = photo.channels;
  for (let i = 0; i < pixels; i++) blue[i] = photo.data[i * c + Math.min(2, c - 1)];
  const W = Math.round(CARD_WIDTH * scale),
    H = Math.round(CARD_HEIGHT * scale);
  const h = solveHomography(
    [
      { x: 0, y: 0 },
      { x: W - 1, y: 0 },
      { x: W - 1, y: H - 1 },
      { x: 0, y: H - 1 },
    ],
    corners,
  );
  const x0 = Math.round(box.x * scale),
    y0 = Math.round(box.y * scale);
  const hh = [...h];
  hh[2] = h[0] * x0 + h[1] * y0 + h[2];
  hh[5] = h[3] * x0 + h[4] * y0 + h[5];
  hh[8] = h[6] * x0 + h[7] * y0 + h[8];
  const width = Math.round(box.width * scale),
    height = Math.round(box.height * scale);
  const target: RawImage = { data: new Uint8Array(width * height).fill(255), width, height, channels: 1 };
  warpInto({ data: blue, width: photo.width, height: photo.height, channels: 1 }, target, hh);
  return target;
}
async function whiten(img: RawImage, upper = 60): Promise<RawImage> {
  const data = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .normalise({ lower: 1, upper })
    .extractChannel(0)
    .raw()
    .toBuffer();
  return { ...img, data };
}
async function resize(
  img: RawImage,
  f: number,
  kernel: 'lanczos3' | 'cubic' | 'mitchell',
): Promise<RawImage> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .resize({ width: Math.round(img.width * f), kernel })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 1 };
}
function otsu(img: RawImage): RawImage {
  const hist = new Array(256).fill(0);
  for (const v of img.data) hist[v]++;
  const total = img.data.length;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * hist[i];
  let sb = 0,
    cb = 0,
    best = 0,
    t0 = 128;
  for (let t = 0; t < 256; t++) {
    cb += hist[t];
    if (!cb) continue;
    const ca = total - cb;
    if (!ca) break;
    sb += t * hist[t];
    const between = cb * ca * (sb / cb - (sumAll - sb) / ca) ** 2;
    if (between > best) {
      best = between;
      t0 = t;
    }
  }
  return { ...img, data: img.data.map((v) => (v > t0 ? 255 : 0)) };
}
function pad(img: RawImage, p: number): RawImage {
  const w = img.width + 2 * p,
    h = img.height + 2 * p;
  const data = new Uint8Array(w * h).fill(255);
  for (let y = 0; y < img.height; y++)
    data.set(img.data.subarray(y * img.width, (y + 1) * img.width), (y + p) * w + p);
  return { data, width: w, height: h, channels: 1 };
}
function tess(img: RawImage, args: string[]): Promise<{ text: string; conf: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('tesseract', ['-', '-', '-l', 'chi_sim', '--dpi', '300', ...args, 'tsv'], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    const out: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', () => undefined);
    child.on('close', () => {
      const w = parseTsv(Buffer.concat(out).toString('utf8'));
      resolve({
        text: w.map((x) => x.text).join(' '),
        conf: w.length ? w.reduce((s, x) => s + x.confidence, 0) / w.length : 0,
      });
    });
    child.on('error', reject);
    child.stdin.end(toPgm(img));
  });
}
async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) {
        const k = i++;
        await fn(items[k]);
      }
    }),
  );
}
async function main() {
  const [first, count] = [Number(process.argv[2]), Number(process.argv[3])];
  const withBase = process.argv[4] === 'base';
  const provider = createOcrProviderFromConfig(process.env);
  const rows: Record<string, unknown>[] = [];
  const seeds = Array.from({ length: count }, (_, i) => first + i);
  await pool(seeds, 2, async (seed) => {
    const { jpeg, person } = await generateIdCardPhoto({ seed });
    const row: Record<string, unknown> = { seed, truth: person.name };
    if (withBase) {
      try {
        row.base = toOcrResult(await provider.readIdCard(await checkIdCardImage(jpeg))).name;
      } catch {
        row.base = null;
      }
    }
    const photo = await decodePhoto(jpeg);
    const outline = await locateCard(photo);
    if (!outline) {
      rows.push(row);
      return;
    }
    const box = L.FIELD_BOXES.name;
    const s1 = await whiten(warpBox(photo, outline.corners, 1, box));
    const s2 = await whiten(warpBox(photo, outline.corners, 2, box));
    const s3 = await whiten(warpBox(photo, outline.corners, 3, box));
    const r2 = await resize(s1, 2, 'lanczos3');
    const variants: Record<string, [RawImage, string[]]> = {
      s1p7: [pad(s1, 20), ['--psm', '7']],
      s1p6: [pad(s1, 20), ['--psm', '6']],
      s2p7: [pad(s2, 40), ['--psm', '7']],
      s3p7: [pad(s3, 60), ['--psm', '7']],
      r2p7: [pad(r2, 40), ['--psm', '7']],
      s2o7: [pad(otsu(s2), 40), ['--psm', '7']],
      s1o7: [pad(otsu(s1), 20), ['--psm', '7']],
    };
    for (const [k, [img, args]] of Object.entries(variants)) {
      const r = await tess(img, args);
      row[k] = cleanName(r.text);
      row[k + '_c'] = Math.round(r.conf);
    }
    rows.push(row);
  });
  writeFileSync(`/tmp/nx/exp_${first}.json`, JSON.stringify(rows));
  const keys = Object.keys(rows[0]).filter((k) => k !== 'seed' && k !== 'truth' && !k.endsWith('_c'));
  for (const k of keys) console.log(k, rows.filter((r) => r[k] === r.truth).length, '/', rows.length);
}
main();
