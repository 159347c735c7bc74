// Cuts the fields out of a straightened card and stacks them into one image per tesseract language, so
// each request starts two tesseract processes instead of one per field (starting one and loading its
// model costs more than reading a line). Every word that comes back is assigned to the strip it lies in.
import sharp from 'sharp';
import type { Box } from '../cardLayout';
import type { RawImage } from '../homography';
import { otsuThreshold } from './locateCard';
import type { TesseractWord } from './tesseract';

const GAP = 28;

export function cropBox(image: RawImage, box: Box, scale: number): RawImage {
  const x0 = Math.max(0, Math.round(box.x * scale));
  const y0 = Math.max(0, Math.round(box.y * scale));
  const width = Math.min(image.width - x0, Math.round(box.width * scale));
  const height = Math.min(image.height - y0, Math.round(box.height * scale));
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const start = (y0 + y) * image.width + x0;
    data.set(image.data.subarray(start, start + width), y * width);
  }
  return { data, width, height, channels: 1 };
}

/**
 * Stretches a field's contrast so its paper becomes white and its ink black. Done per field because
 * light across a hand-held card is uneven, but over one field it is nearly flat. Ink covers well under
 * 40 % of any field box, so the 60th percentile is paper (60 read names and dates better than 80 or 95).
 */
export async function whitenPaper(image: RawImage): Promise<RawImage> {
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
    .normalise({ lower: 1, upper: 60 })
    .extractChannel(0)
    .raw()
    .toBuffer();
  return { ...image, data };
}

/** Images side by side on white, top-aligned: separate boxes become one line of words. */
export function joinHorizontally(parts: RawImage[], gap: number): RawImage {
  const width = parts.reduce((sum, p) => sum + p.width, gap * (parts.length - 1));
  const height = Math.max(...parts.map((p) => p.height));
  const data = new Uint8Array(width * height).fill(255);
  let left = 0;
  for (const part of parts) {
    for (let y = 0; y < part.height; y++) {
      data.set(part.data.subarray(y * part.width, (y + 1) * part.width), y * width + left);
    }
    left += part.width + gap;
  }
  return { data, width, height, channels: 1 };
}

export interface Strip<K extends string> {
  key: K;
  top: number;
  bottom: number;
}

export function stack<K extends string>(
  parts: { key: K; image: RawImage }[],
): { image: RawImage; strips: Strip<K>[] } {
  const width = Math.max(...parts.map((p) => p.image.width)) + 2 * GAP;
  const height = parts.reduce((sum, p) => sum + p.image.height + GAP, GAP);
  const data = new Uint8Array(width * height).fill(255);
  const strips: Strip<K>[] = [];
  let top = GAP;
  for (const { key, image } of parts) {
    for (let y = 0; y < image.height; y++) {
      data.set(image.data.subarray(y * image.width, (y + 1) * image.width), (top + y) * width + GAP);
    }
    strips.push({ key, top, bottom: top + image.height });
    top += image.height + GAP;
  }
  return { image: { data, width, height, channels: 1 }, strips };
}

export interface StripText {
  text: string;
  /** Mean word confidence, 0..1; 0 when nothing was read. */
  confidence: number;
}

/** The words of each strip in reading order, joined, with their mean confidence. */
export function wordsByStrip<K extends string>(
  words: TesseractWord[],
  strips: Strip<K>[],
  order: 'tesseract' | 'leftToRight' = 'tesseract',
): Record<K, StripText> {
  const grouped = new Map<K, TesseractWord[]>(strips.map((s) => [s.key, []]));
  for (const word of words) {
    const centre = word.top + word.height / 2;
    const strip = strips.find((s) => centre >= s.top && centre < s.bottom);
    if (strip) grouped.get(strip.key)!.push(word);
  }
  const result = {} as Record<K, StripText>;
  for (const [key, list] of grouped) {
    // In block mode tesseract answers in reading order, line by line, which the address relies on;
    // sparse mode does not, but its strips are single lines.
    if (order === 'leftToRight') list.sort((a, b) => a.left - b.left);
    const confidence = list.length ? list.reduce((sum, w) => sum + w.confidence, 0) / list.length / 100 : 0;
    result[key] = { text: list.map((w) => w.text).join(' '), confidence };
  }
  return result;
}

/** Black ink on white: every pixel above the field's Otsu threshold becomes paper. */
export function binarise(image: RawImage): RawImage {
  const threshold = otsuThreshold(image.data);
  return { ...image, data: image.data.map((value) => (value > threshold ? 255 : 0)) };
}

/**
 * A line of full-width characters cut at every `pitch` pixels and set apart by `gap`: the recogniser then
 * sees each character on its own, which keeps it from merging a stray mark into its neighbour. The line
 * runs from the first to the last column holding ink (at least two dark pixels), starting at `from`.
 */
export function spaceOutCharacters(image: RawImage, pitch: number, gap: number, from = 0): RawImage {
  const { data, width, height } = image;
  let first = -1;
  let last = -1;
  for (let x = Math.max(0, Math.round(from)); x < width; x++) {
    let ink = 0;
    for (let y = 0; y < height; y++) if (data[y * width + x] < 128) ink++;
    if (ink >= 2) {
      if (first < 0) first = x;
      last = x;
    }
  }
  if (first < 0) return image;
  const count = Math.max(1, Math.round((last + 1 - first) / pitch));
  const step = (last + 1 - first) / count;
  const cells = Array.from({ length: count }, (_, i) =>
    cropColumns(image, first + step * i - 1, first + step * (i + 1) + 1),
  );
  return joinHorizontally(cells, gap);
}

function cropColumns(image: RawImage, from: number, to: number): RawImage {
  const x0 = Math.max(0, Math.round(from));
  const width = Math.max(1, Math.min(image.width, Math.round(to)) - x0);
  const data = new Uint8Array(width * image.height);
  for (let y = 0; y < image.height; y++) {
    data.set(image.data.subarray(y * image.width + x0, y * image.width + x0 + width), y * width);
  }
  return { data, width, height: image.height, channels: 1 };
}

/** Greys pushed towards black (gamma 2), which brings out thin or faded strokes. */
export function darken(image: RawImage): RawImage {
  return { ...image, data: image.data.map((value) => Math.round((value * value) / 255)) };
}

/** Strokes one pixel bolder: each pixel becomes the darkest of itself and its right and lower neighbours. */
export function embolden(image: RawImage): RawImage {
  const { data, width, height } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const below = y + 1 < height ? y + 1 : y;
    for (let x = 0; x < width; x++) {
      const right = x + 1 < width ? x + 1 : x;
      out[y * width + x] = Math.min(
        data[y * width + x],
        data[y * width + right],
        data[below * width + x],
        data[below * width + right],
      );
    }
  }
  return { ...image, data: out };
}
