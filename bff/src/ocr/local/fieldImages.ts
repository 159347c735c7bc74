// Cuts the fields out of a straightened card and stacks them into one image per tesseract language, so
// each request starts two tesseract processes instead of one per field (starting one and loading its
// model costs more than reading a line). Every word that comes back is assigned to the strip it lies in.
import sharp from 'sharp';
import type { Box } from '../cardLayout';
import type { RawImage } from '../homography';
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
