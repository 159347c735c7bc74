// Turns a clean card into something that looks like a phone photo of it: the card lies on a desk at an
// angle, seen in perspective, under uneven light, slightly out of focus, with sensor noise and JPEG loss.
import sharp from 'sharp';
import { CARD_HEIGHT, CARD_WIDTH } from '../src/ocr/cardLayout';
import { solveHomography, warpInto, type Point, type RawImage } from '../src/ocr/homography';
import type { Random } from './random';

export interface Degradation {
  /** Photo size in pixels. */
  photoWidth: number;
  photoHeight: number;
  /** Card width as a share of the photo width. */
  cardScale: number;
  rotationDeg: number;
  /** How far each corner is pushed, as a share of the card width (perspective). */
  perspective: number;
  /** Gaussian blur sigma in pixels, 0 for none. */
  blurSigma: number;
  /** Standard deviation of the added noise, in 8-bit levels. */
  noise: number;
  /** Darkest share of full light at the dim side of the photo (1 = even light). */
  lightFloor: number;
  /** Overall exposure multiplier (1 = as rendered). */
  exposure: number;
  jpegQuality: number;
  /** Version 2: strength (0..1) of a specular glare spot on the card, 0 or absent for none. */
  glare?: number;
}

export const CLEAN: Degradation = {
  photoWidth: 1280,
  photoHeight: 960,
  cardScale: 0.8,
  rotationDeg: 0,
  perspective: 0,
  blurSigma: 0,
  noise: 0,
  lightFloor: 1,
  exposure: 1,
  jpegQuality: 92,
};

/** A random phone-photo degradation; the ranges are what a hand-held shot of a card looks like. */
export function randomDegradation(random: Random): Degradation {
  return {
    photoWidth: 1280,
    photoHeight: 960,
    cardScale: random.between(0.62, 0.88),
    rotationDeg: random.between(-7, 7),
    perspective: random.between(0, 0.04),
    blurSigma: random.next() < 0.3 ? 0 : random.between(0.4, 1.3),
    noise: random.between(0, 9),
    lightFloor: random.between(0.6, 1),
    exposure: random.between(0.85, 1.05),
    jpegQuality: random.int(50, 90),
  };
}

/** Version 2 ranges: steeper tilt and perspective, stronger blur, glare, darker and brighter shots. */
export function randomDegradationV2(random: Random): Degradation {
  const width = random.pick([1280, 1600, 1920]);
  return {
    photoWidth: width,
    photoHeight: (width * 3) / 4,
    cardScale: random.between(0.55, 0.9),
    rotationDeg: random.between(-15, 15),
    perspective: random.between(0, 0.07),
    blurSigma: random.next() < 0.2 ? 0 : random.between(0.5, 2.2),
    noise: random.between(0, 14),
    lightFloor: random.between(0.45, 1),
    exposure: random.between(0.8, 1.1),
    jpegQuality: random.int(40, 90),
    glare: random.next() < 0.4 ? random.between(0.3, 0.85) : 0,
  };
}

/** A soft white ellipse, as a lamp or window reflects in the card's laminate. */
async function glareLayer(d: Degradation, random: Random): Promise<Buffer> {
  const { photoWidth: w, photoHeight: h } = d;
  const cx = random.between(0.25, 0.75) * w;
  const cy = random.between(0.25, 0.75) * h;
  const rx = random.between(0.08, 0.22) * w;
  const ry = rx * random.between(0.4, 1);
  const angle = random.between(0, 180);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">` +
    `<defs><radialGradient id="g"><stop offset="0" stop-color="#fff" stop-opacity="${(d.glare ?? 0).toFixed(2)}"/>` +
    `<stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>` +
    `<ellipse cx="${cx.toFixed(0)}" cy="${cy.toFixed(0)}" rx="${rx.toFixed(0)}" ry="${ry.toFixed(0)}" fill="url(#g)" ` +
    `transform="rotate(${angle.toFixed(0)} ${cx.toFixed(0)} ${cy.toFixed(0)})"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function deskBackground(random: Random, width: number, height: number): Promise<Buffer> {
  const hue = random.int(0, 360);
  const light = random.int(14, 34);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="${random.between(0.2, 1).toFixed(2)}">` +
    `<stop offset="0" stop-color="hsl(${hue},25%,${light}%)"/>` +
    `<stop offset="1" stop-color="hsl(${(hue + 30) % 360},20%,${light + 10}%)"/></linearGradient></defs>` +
    `<rect width="${width}" height="${height}" fill="url(#g)"/></svg>`;
  return sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer();
}

function cardCorners(d: Degradation, random: Random): Point[] {
  const width = d.photoWidth * d.cardScale;
  const height = (width * CARD_HEIGHT) / CARD_WIDTH;
  const angle = (d.rotationDeg * Math.PI) / 180;
  const cx = d.photoWidth / 2 + random.between(-0.06, 0.06) * d.photoWidth;
  const cy = d.photoHeight / 2 + random.between(-0.05, 0.05) * d.photoHeight;
  const corners = [
    { x: -width / 2, y: -height / 2 },
    { x: width / 2, y: -height / 2 },
    { x: width / 2, y: height / 2 },
    { x: -width / 2, y: height / 2 },
  ];
  return corners.map(({ x, y }) => ({
    x: cx + x * Math.cos(angle) - y * Math.sin(angle) + random.between(-1, 1) * d.perspective * width,
    y: cy + x * Math.sin(angle) + y * Math.cos(angle) + random.between(-1, 1) * d.perspective * width,
  }));
}

/** Light falls off linearly across the photo in a random direction, down to `lightFloor`. */
async function unevenLight(d: Degradation, random: Random): Promise<Buffer> {
  const { photoWidth: w, photoHeight: h } = d;
  const angle = random.between(0, 2 * Math.PI);
  const x2 = (0.5 + 0.5 * Math.cos(angle)).toFixed(2);
  const y2 = (0.5 + 0.5 * Math.sin(angle)).toFixed(2);
  const x1 = (0.5 - 0.5 * Math.cos(angle)).toFixed(2);
  const y1 = (0.5 - 0.5 * Math.sin(angle)).toFixed(2);
  const bright = Math.round(255 * Math.min(1, d.exposure));
  const dim = Math.round(255 * d.lightFloor * Math.min(1, d.exposure));
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">` +
    `<defs><linearGradient id="l" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">` +
    `<stop offset="0" stop-color="rgb(${bright},${bright},${bright})"/>` +
    `<stop offset="1" stop-color="rgb(${dim},${dim},${dim})"/></linearGradient></defs>` +
    `<rect width="${w}" height="${h}" fill="url(#l)"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * Sensor noise. Per-pixel Math calls are slow inside Jest's sandbox, so gaussian samples come from a
 * precomputed table picked by an integer xorshift; the clamped view does the 0-255 clipping.
 */
function addNoise(pixels: Buffer, sigma: number, random: Random): void {
  const table = new Float32Array(4096);
  for (let i = 0; i < table.length; i++) table[i] = random.gaussian() * sigma;
  const clamped = new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length);
  let state = random.int(1, 0x7fffffff);
  for (let i = 0; i < clamped.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    clamped[i] = clamped[i] + table[state & 4095];
  }
}

export async function degradeCard(card: RawImage, d: Degradation, random: Random): Promise<Buffer> {
  const { photoWidth: w, photoHeight: h } = d;
  const background = await deskBackground(random, w, h);

  const layer: RawImage = { data: new Uint8Array(w * h * 4), width: w, height: h, channels: 4 };
  const rect = [
    { x: 0, y: 0 },
    { x: card.width - 1, y: 0 },
    { x: card.width - 1, y: card.height - 1 },
    { x: 0, y: card.height - 1 },
  ];
  warpInto(card, layer, solveHomography(cardCorners(d, random), rect));

  const raw = { width: w, height: h, channels: 4 as const };
  const lit = await sharp(background, { raw })
    .composite([
      { input: Buffer.from(layer.data.buffer), raw },
      { input: await unevenLight(d, random), blend: 'multiply' },
      ...(d.glare ? [{ input: await glareLayer(d, random), blend: 'screen' as const }] : []),
    ])
    .removeAlpha()
    .raw()
    .toBuffer();

  const noisy = Buffer.from(lit);
  if (d.noise > 0) addNoise(noisy, d.noise, random);

  let photo = sharp(noisy, { raw: { width: w, height: h, channels: 3 } });
  if (d.blurSigma >= 0.3) photo = photo.blur(d.blurSigma);
  return photo.jpeg({ quality: d.jpegQuality }).toBuffer();
}
