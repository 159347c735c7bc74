// Runs only the card finder over a range of seeds: found or not, how far each corner is off (v3 and v4,
// whose renderers know where the card lies), and how long finding took. For tuning seeds only.
//   npx tsx bff/ocr-testset/locateSweep.ts --version 3 --first 1 --count 100 [--dump DIR]
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { decodePhoto, locateCard } from '../src/ocr/local/locateCard';
import { generateIdCardPhoto, type GeneratorVersion } from './generate';
import { openIndependentRenderer } from './independentRenderer';

async function main() {
  const { values } = parseArgs({
    options: {
      version: { type: 'string', default: '3' },
      first: { type: 'string', default: '1' },
      count: { type: 'string', default: '100' },
      dump: { type: 'string' },
      worst: { type: 'string', default: '6' },
    },
  });
  const independent = await openIndependentRenderer(Number(values.version));
  const first = Number(values.first);
  if (values.version === '4' && first + Number(values.count) > 1_000_000 && first <= 1_000_200)
    throw new Error('v4 seeds 1_000_001–1_000_200 are the blind set: not for tuning');
  let missed = 0;
  const times: number[] = [];
  const errors: number[] = [];
  for (let seed = first; seed < first + Number(values.count); seed++) {
    const photo = independent
      ? await independent.render(seed)
      : {
          ...(await generateIdCardPhoto({ seed, version: Number(values.version) as GeneratorVersion })),
          corners: null,
        };
    const raw = await decodePhoto(photo.jpeg);
    const t0 = performance.now();
    const outline = await locateCard(raw);
    const ms = performance.now() - t0;
    times.push(ms);
    let line = `seed ${seed}: ${ms.toFixed(0)} ms`;
    let worst = 0;
    if (!outline) {
      missed++;
      line += ' NOT FOUND';
    } else if (photo.corners) {
      // Photo pixels may be scaled down by decodePhoto.
      const meta = await sharp(photo.jpeg).metadata();
      const k = raw.width / (meta.width ?? raw.width);
      const off = outline.corners.map(
        (c, i) => Math.hypot(c.x - photo.corners![i].x * k, c.y - photo.corners![i].y * k) / k,
      );
      worst = Math.max(...off);
      const scene = 'scene' in photo ? (photo.scene as Record<string, unknown>) : {};
      line += ` off ${off.map((o) => o.toFixed(0)).join(' ')} (card ${(photo.corners[1].x - photo.corners[0].x).toFixed(0)} px wide)`;
      if (values.version === '4')
        line += ` thumb ${scene.thumb} key ${scene.keyX},${scene.keyY} k1 ${scene.k1}`;
      errors.push(
        worst / Math.hypot(photo.corners[1].x - photo.corners[0].x, photo.corners[1].y - photo.corners[0].y),
      );
    }
    console.log(line);
    if (
      values.dump &&
      (!outline ||
        worst / ((photo.corners?.[1].x ?? 1000) - (photo.corners?.[0].x ?? 0)) > Number(values.worst) / 100)
    ) {
      const meta = await sharp(photo.jpeg).metadata();
      const out = 900 / (meta.width ?? raw.width);
      const pts = (cs: { x: number; y: number }[], k: number) =>
        cs.map((c) => `${(c.x * k * out).toFixed(1)},${(c.y * k * out).toFixed(1)}`).join(' ');
      const k = (meta.width ?? raw.width) / raw.width;
      const small = await sharp(photo.jpeg).resize({ width: 900 }).toBuffer({ resolveWithObject: true });
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${small.info.width}" height="${small.info.height}">
        ${photo.corners ? `<polygon points="${pts(photo.corners, 1)}" fill="none" stroke="#0f0" stroke-width="1"/>` : ''}
        ${outline ? `<polygon points="${pts(outline.corners, k)}" fill="none" stroke="#f00" stroke-width="1"/>` : ''}</svg>`;
      await sharp(small.data)
        .composite([{ input: Buffer.from(svg) }])
        .png()
        .toFile(`${values.dump}/v${values.version}-seed-${seed}.png`);
    }
  }
  await independent?.close();
  times.sort((a, b) => a - b);
  errors.sort((a, b) => a - b);
  const at = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
  console.log(
    `${times.length} photos, ${missed} not found; locate p50 ${at(times, 0.5)?.toFixed(0)} ms p95 ${at(times, 0.95)?.toFixed(0)} ms max ${times.at(-1)?.toFixed(0)} ms`,
  );
  if (errors.length)
    console.log(
      `worst corner off, share of card width: p50 ${(100 * at(errors, 0.5)).toFixed(1)} % p90 ${(100 * at(errors, 0.9)).toFixed(1)} % max ${(100 * errors.at(-1)!).toFixed(1)} %; over 3 %: ${errors.filter((e) => e > 0.03).length}`,
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
