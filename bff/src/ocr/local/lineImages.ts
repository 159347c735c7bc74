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

/** The box holding a line's ink (columns as trimToInk counts them, rows with ink), or null when blank. */
export function inkExtent(
  image: RawImage,
  inkLevel = 110,
): { left: number; right: number; top: number; bottom: number } | null {
  const { data, width, height } = image;
  let left = -1;
  let right = -1;
  for (let x = 0; x < width; x++) {
    let ink = 0;
    for (let y = 0; y < height; y++) if (data[y * width + x] < inkLevel) ink++;
    if (ink >= 2 && ink < 0.9 * height) {
      if (left < 0) left = x;
      right = x + 1;
    }
  }
  if (left < 0) return null;
  // Paper between characters is narrower than a third of the line's height (margins included).
  [left, right] = throughFaintInk(image, left, right, inkLevel, height / 3);
  let top = -1;
  let bottom = -1;
  const threshold = Math.max(2, (right - left) * 0.005);
  for (let y = 0; y < height; y++) {
    let ink = 0;
    for (let x = left; x < right; x++) if (data[y * width + x] < inkLevel) ink++;
    if (ink >= threshold) {
      if (top < 0) top = y;
      bottom = y + 1;
    }
  }
  return { left, right, top, bottom };
}

/** Lighter than ink, darker than the paper and the faded pattern: the thin ends of a blurred stroke. */
const FAINT_INK = 170;
/**
 * A faint stroke end is a thin horizontal stroke: it darkens a small share of a column's height, where
 * a shadow or a grey end of the crop darkens most of it.
 */
const FAINT_MAX_SHARE = 0.4;
/** How much darker than the paper a faint stroke end is at least. */
const FAINT_BELOW_PAPER = 45;

/** The brightness of most of the line's paper: the upper quartile of its pixels. */
function paperLevel(image: RawImage): number {
  const histogram = new Uint32Array(256);
  for (const value of image.data) histogram[value]++;
  let below = 0;
  for (let level = 0; level < 256; level++) {
    below += histogram[level];
    if (below >= 0.75 * image.data.length) return level;
  }
  return 255;
}

/**
 * Columns holding a stroke darker than `level`: at least two touching pixels (a stroke has width; the
 * grain of a grey photo is single specks), counting as trimToRuns does (an edge from top to bottom is not).
 */
function inkedColumn(image: RawImage, x: number, level: number, maxShare = 0.9): boolean {
  const { data, width, height } = image;
  let ink = 0;
  let run = 0;
  let longest = 0;
  for (let y = 0; y < height; y++) {
    if (data[y * width + x] < level) {
      ink++;
      longest = Math.max(longest, ++run);
    } else run = 0;
  }
  return longest >= 2 && ink < maxShare * height;
}

/**
 * Columns `from`..`to` widened through the faint ink touching them. A thin horizontal stroke blurred
 * in the photo (一 at a line's start or end, the tail of 乚) is lighter than ink: cut at the ink, the
 * recogniser never sees it and no gap betrays it.
 */
function throughFaintInk(
  image: RawImage,
  from: number,
  to: number,
  inkLevel: number,
  maxGap: number,
): [number, number] {
  // Faint is measured against the line's own paper: where whitening left the paper grey (a noisy or
  // shaded end of a crop), its texture is as dark as a faint stroke and is no part of the line.
  const level = Math.max(inkLevel, Math.min(FAINT_INK, paperLevel(image) - FAINT_BELOW_PAPER));
  // Never further than about one character: a faint mark farther off is not part of the line's ends.
  const reach = image.height;
  let left = from;
  for (let x = from - 1, gap = 0; x >= 0 && from - x <= reach && gap <= maxGap; x--) {
    if (inkedColumn(image, x, level, FAINT_MAX_SHARE)) {
      left = x;
      gap = 0;
    } else gap++;
  }
  let right = to;
  for (let x = to, gap = 0; x < image.width && x - to < reach && gap <= maxGap; x++) {
    if (inkedColumn(image, x, level, FAINT_MAX_SHARE)) {
      right = x + 1;
      gap = 0;
    } else gap++;
  }
  // Faint marks running into the region's edge belong to what the region cuts (the faded end of the
  // label beside a value), not to the line's own first or last stroke.
  return [left === 0 ? from : left, right === image.width ? to : right];
}

/**
 * Ink this close to a side of the region searched touches it: a character there is cut. (Ink a few
 * pixels short of the side is a whole character that ends there, as an address line ends at the
 * portrait.)
 */
const EDGE_TOUCH = 3;

/** A line cut out for the recogniser; `clipped` when its ink ran into the edge of the region searched. */
export type LineImage = RawImage & {
  clipped?: boolean;
  /** The column of the region it was cut from where the cut starts (before it: paper added). */
  left?: number;
};

/**
 * The part of a line that belongs to a field: runs of inked columns (gaps narrower than `gap` pixels
 * joined) that reach into columns `keepFrom`..`keepTo`, with `margin` pixels of paper; runs wholly
 * outside (a label beside the value, the portrait's edge) are dropped. Null when nothing is kept.
 */
export function trimToRuns(
  image: RawImage,
  keepFrom: number,
  keepTo: number,
  margin: number,
  gap: number,
  inkLevel = 110,
): LineImage | null {
  const { data, width, height } = image;
  const inks: number[] = [];
  // The longest unbroken stretch of ink down each column, and how many stretches (of 2 pixels or
  // more) it has.
  const longest: number[] = [];
  const stretches: number[] = [];
  for (let x = 0; x < width; x++) {
    let ink = 0;
    let run = 0;
    let most = 0;
    let count = 0;
    for (let y = 0; y < height; y++)
      if (data[y * width + x] < inkLevel) {
        ink++;
        if (++run === 2) count++;
        most = Math.max(most, run);
      } else run = 0;
    inks.push(ink);
    longest.push(most);
    stretches.push(count);
  }
  // A column dark from top to bottom is an edge (the portrait, the card's border), not a character.
  const edge = (x: number) => inks[x] >= 0.9 * height;
  // Right of the field's start, a solid shape (the portrait's shoulders or hair: columns dark far down,
  // side by side for wider than a character, where a character has a few stroke widths of them) ends
  // the line, with the inked columns that run into it (its rim).
  const solid = (x: number) => edge(x) || longest[x] >= 0.4 * height;
  const shapeWidth = height;
  let wall = width;
  // A shape's rim is one stretch of ink down each column; a column of two or more there is a
  // character joined to the shape, which cannot be told from it.
  let joinedToShape = false;
  for (let x = Math.max(0, keepFrom), stretch = 0; x < width; x++) {
    stretch = solid(x) ? stretch + 1 : 0;
    // A shape the region's edge cuts may show less of its width.
    if (stretch >= shapeWidth || (x === width - 1 && stretch >= shapeWidth / 3)) {
      wall = x - stretch + 1;
      while (wall > 0 && inks[wall - 1] >= 2) {
        wall--;
        if (stretches[wall] >= 2) joinedToShape = true;
      }
      break;
    }
  }
  const runs: { from: number; to: number }[] = [];
  for (let x = 0; x < wall; x++) {
    if (inks[x] < 2 || edge(x)) continue;
    const last = runs[runs.length - 1];
    if (last && x - last.to <= gap) last.to = x + 1;
    else runs.push({ from: x, to: x + 1 });
  }
  const kept = runs.filter((r) => r.to > keepFrom && r.from < keepTo);
  if (!kept.length) return null;
  const ends = throughFaintInk(image, kept[0].from, kept[kept.length - 1].to, inkLevel, gap);
  const first = ends[0];
  const last = Math.min(ends[1], wall);
  if (last - first < height / 4) return null;
  // Paper all round, even where the ink comes near the region's edge: the recogniser drops a first
  // character it sees no paper before.
  const x0 = first - margin;
  const x1 = last + margin;
  const out = new Uint8Array((x1 - x0) * height).fill(255);
  const [from, to] = [Math.max(0, x0), Math.min(width, x1)];
  for (let y = 0; y < height; y++)
    out.set(data.subarray(y * width + from, y * width + to), y * (x1 - x0) + (from - x0));
  // Ink up to the region's edge: the line goes on beyond what was cut out, or a character was cut.
  const clipped = first < EDGE_TOUCH || last > Math.min(width, wall) - EDGE_TOUCH || joinedToShape;
  return { data: out, width: x1 - x0, height, channels: 1, clipped, left: x0 };
}

export interface RowBand {
  top: number;
  bottom: number;
  /** Where the line above ends and the line below starts: their ink is not this line's. */
  aboveEnds?: number;
  belowStarts?: number;
}

/** How many pixels of each row are ink. */
function inkPerRow(image: RawImage, inkLevel: number): number[] {
  const { data, width, height } = image;
  const counts: number[] = [];
  for (let y = 0; y < height; y++) {
    let ink = 0;
    for (let x = 0; x < width; x++) if (data[y * width + x] < inkLevel) ink++;
    counts.push(ink);
  }
  return counts;
}

/**
 * The bands of rows that hold a line of text, top to bottom: rows with ink in more than a sliver of
 * the width, runs closer than `maxGap` merged, runs shorter than `minHeight` dropped. Used to find
 * where a line really sits when the print is shifted or the card outline was fitted a little off.
 */
export function textRows(image: RawImage, minHeight: number, maxGap = 4, inkLevel = 110): RowBand[] {
  const threshold = Math.max(2, image.width * 0.005);
  const inked = inkPerRow(image, inkLevel).map((ink) => ink >= threshold);
  const bands: RowBand[] = [];
  for (let y = 0; y < image.height; y++) {
    if (!inked[y]) continue;
    const last = bands[bands.length - 1];
    if (last && y - last.bottom <= maxGap) last.bottom = y + 1;
    else bands.push({ top: y, bottom: y + 1 });
  }
  return bands.filter((b) => b.bottom - b.top >= minHeight);
}

/**
 * `bands` with each band that holds two lines run together (lines printed close, a little blur) cut
 * at its faintest row, again and again while a part is taller than `maxHeight`: the cut row must lie
 * at least `minHeight` from either end and carry under a third of the band's usual ink per row, so a
 * single tall line (a bold face) is left whole.
 */
export function splitJoinedBands(
  image: RawImage,
  bands: RowBand[],
  minHeight: number,
  maxHeight: number,
  inkLevel = 110,
): RowBand[] {
  const counts = inkPerRow(image, inkLevel);
  const split = (band: RowBand): RowBand[] => {
    if (band.bottom - band.top <= maxHeight) return [band];
    const rows = counts.slice(band.top, band.bottom).sort((a, b) => a - b);
    const usual = rows[Math.floor(rows.length / 2)];
    let at = -1;
    for (let y = band.top + minHeight; y < band.bottom - minHeight; y++)
      if (at < 0 || counts[y] < counts[at]) at = y;
    if (at < 0 || counts[at] >= usual / 3) return [band];
    return [...split({ ...band, bottom: at }), ...split({ ...band, top: at + 1 })];
  };
  return bands.flatMap(split);
}

/**
 * The slope (rows per column, within ±`maxSlope`) along which the lines of text in `image` run: the
 * shear under which the rows' ink is most concentrated (the sum of squared ink per row is largest).
 * Lines come out slanted from a card outline fitted a little off, or bent by the lens.
 */
export function lineSlope(image: RawImage, maxSlope = 0.06, step = 0.002, inkLevel = 110): number {
  const { data, width, height } = image;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (data[y * width + x] < inkLevel) {
        xs.push(x - width / 2);
        ys.push(y);
      }
  const pad = Math.ceil((maxSlope * width) / 2) + 1;
  const rows = new Float64Array(height + 2 * pad);
  let best = { slope: 0, score: -1 };
  for (let i = -Math.round(maxSlope / step); i <= Math.round(maxSlope / step); i++) {
    const slope = i * step;
    rows.fill(0);
    for (let k = 0; k < xs.length; k++) rows[Math.round(ys[k] - slope * xs[k]) + pad]++;
    let score = 0;
    for (const r of rows) score += r * r;
    // A tie keeps the smaller shear: level text needs none.
    if (score > best.score || (score === best.score && Math.abs(slope) < Math.abs(best.slope)))
      best = { slope, score };
  }
  return best.slope;
}

/** `image` (one channel) sheared by `slope` about column `about`, so lines along it run level. */
export function levelled(image: RawImage, slope: number, about = image.width / 2): RawImage {
  if (slope === 0) return image;
  const { data, width, height } = image;
  const out = new Uint8Array(width * height).fill(255);
  for (let x = 0; x < width; x++) {
    const shift = Math.round(slope * (x - about));
    for (let y = 0; y < height; y++) {
      const from = y + shift;
      if (from >= 0 && from < height) out[y * width + x] = data[from * width + x];
    }
  }
  return { ...image, data: out };
}

/** `image` (one channel) with paper added left and right, equally, up to `aspect` × its height wide. */
export function onPaper<T extends RawImage>(image: T, aspect: number): T {
  const width = Math.max(image.width, Math.round(aspect * image.height));
  if (width === image.width) return image;
  const left = Math.floor((width - image.width) / 2);
  const data = new Uint8Array(width * image.height).fill(255);
  for (let y = 0; y < image.height; y++)
    data.set(image.data.subarray(y * image.width, (y + 1) * image.width), y * width + left);
  return { ...image, data, width };
}

/** Paints columns `from`..`to` of a one-channel image as paper, in place. */
export function blankColumns(image: RawImage, from: number, to: number): void {
  const [x0, x1] = [Math.max(0, Math.round(from)), Math.min(image.width, Math.round(to))];
  if (x1 > x0)
    for (let y = 0; y < image.height; y++) image.data.fill(255, y * image.width + x0, y * image.width + x1);
}

/** Paints rows `from`..`to` of a one-channel image as paper, in place. */
export function blankRows(image: RawImage, from: number, to: number): void {
  const [y0, y1] = [Math.max(0, from), Math.min(image.height, to)];
  if (y1 > y0) image.data.fill(255, y0 * image.width, y1 * image.width);
}

/** Rows `top`..`bottom` of an image. */
export function cropRows(image: RawImage, top: number, bottom: number): RawImage {
  const y0 = Math.max(0, top);
  const y1 = Math.min(image.height, bottom);
  return { ...image, data: image.data.slice(y0 * image.width, y1 * image.width), height: y1 - y0 };
}
