// Cuts one printed line out of a straightened card, with its paper made white and its ink black, and
// trimmed to the columns that hold ink: the recogniser's time grows with the line's width.
import sharp from 'sharp';
import type { Box } from '../cardLayout';
import type { RawImage } from '../homography';

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
 * Stretches a line's contrast so its paper becomes white and its ink black. Done per line because
 * light across a hand-held card is uneven, but over one line it is nearly flat.
 */
export async function whitenPaper(image: RawImage): Promise<RawImage> {
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
    .normalise({ lower: 1, upper: 60 })
    .extractChannel(0)
    .raw()
    .toBuffer();
  return { ...image, data };
}

/** Columns from the first to the last holding ink, with `margin` pixels of paper; null when blank. */
export function trimToInk(image: RawImage, margin: number, inkLevel = 110, minInk = 2): RawImage | null {
  const { data, width, height } = image;
  let first = -1;
  let last = -1;
  for (let x = 0; x < width; x++) {
    let ink = 0;
    for (let y = 0; y < height; y++) if (data[y * width + x] < inkLevel) ink++;
    // A column dark from top to bottom is an edge (the portrait, the card's border), not a character.
    if (ink >= minInk && ink < 0.9 * height) {
      if (first < 0) first = x;
      last = x;
    }
  }
  if (first < 0 || last - first < height / 4) return null;
  const x0 = Math.max(0, first - margin);
  const x1 = Math.min(width, last + 1 + margin);
  const out = new Uint8Array((x1 - x0) * height);
  for (let y = 0; y < height; y++) out.set(data.subarray(y * width + x0, y * width + x1), y * (x1 - x0));
  return { data: out, width: x1 - x0, height, channels: 1 };
}

export interface RowBand {
  top: number;
  bottom: number;
}

/**
 * The bands of rows that hold a line of text, top to bottom: rows with ink in more than a sliver of
 * the width, runs closer than `maxGap` merged, runs shorter than `minHeight` dropped. Used to find
 * where a line really sits when the print is shifted or the card outline was fitted a little off.
 */
export function textRows(image: RawImage, minHeight: number, maxGap = 4, inkLevel = 110): RowBand[] {
  const { data, width, height } = image;
  const threshold = Math.max(2, width * 0.005);
  const inked: boolean[] = [];
  for (let y = 0; y < height; y++) {
    let ink = 0;
    for (let x = 0; x < width; x++) if (data[y * width + x] < inkLevel) ink++;
    inked.push(ink >= threshold);
  }
  const bands: RowBand[] = [];
  for (let y = 0; y < height; y++) {
    if (!inked[y]) continue;
    const last = bands[bands.length - 1];
    if (last && y - last.bottom <= maxGap) last.bottom = y + 1;
    else bands.push({ top: y, bottom: y + 1 });
  }
  return bands.filter((b) => b.bottom - b.top >= minHeight);
}

/** Rows `top`..`bottom` of an image. */
export function cropRows(image: RawImage, top: number, bottom: number): RawImage {
  const y0 = Math.max(0, top);
  const y1 = Math.min(image.height, bottom);
  return { ...image, data: image.data.slice(y0 * image.width, y1 * image.width), height: y1 - y0 };
}
