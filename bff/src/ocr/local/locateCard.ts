// Finds the card in a photo and straightens it. A card is the largest bright region against the desk
// behind it; its corners are the extreme points of that region along the two diagonals, which holds
// for any tilt a hand-held shot has (well under 45°).
import sharp from 'sharp';
import { timeSlicer, yieldToEventLoop } from '../../http/eventLoop';
import { CARD_HEIGHT, CARD_WIDTH } from '../cardLayout';
import { edgeMapOf, outlinesByEdges, outlineSupport, type EdgeMap } from './cardEdges';
import { solveHomography, warpInto, type Point, type RawImage } from '../homography';

const DETECT_WIDTH = 640;
/** The card must cover at least this share of the photo to be read reliably. */
const MIN_CARD_SHARE = 0.12;
/** Width/height of the outline; a card is 1.585, allow for perspective and sloppy corners. */
const MIN_ASPECT = 1.2;
const MAX_ASPECT = 2.05;

export function otsuThreshold(pixels: Uint8Array): number {
  const histogram = new Array<number>(256).fill(0);
  for (const value of pixels) histogram[value]++;
  const total = pixels.length;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * histogram[i];
  let sumBelow = 0;
  let countBelow = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    countBelow += histogram[t];
    if (countBelow === 0) continue;
    const countAbove = total - countBelow;
    if (countAbove === 0) break;
    sumBelow += t * histogram[t];
    const meanBelow = sumBelow / countBelow;
    const meanAbove = (sumAll - sumBelow) / countAbove;
    const between = countBelow * countAbove * (meanBelow - meanAbove) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/** Pixel indices of the largest 4-connected region of `mask`. */
function largestRegion(mask: Uint8Array, width: number, height: number): number[] {
  const seen = new Uint8Array(mask.length);
  let largest: number[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    const region: number[] = [];
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      region.push(i);
      const x = i % width;
      const neighbours = [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width];
      for (const n of neighbours) {
        if (n < 0 || n >= mask.length || !mask[n] || seen[n]) continue;
        seen[n] = 1;
        stack.push(n);
      }
    }
    if (region.length > largest.length) largest = region;
  }
  void height;
  return largest;
}

interface Line {
  /** Points satisfy y = a·x + b (horizontal edges) or x = a·y + b (vertical edges). */
  a: number;
  b: number;
  /** Root-mean-square distance of the fitted points from the line, across it. */
  spread: number;
}

function fitLine(points: { u: number; v: number }[]): Line | null {
  if (points.length < 5) return null;
  const n = points.length;
  const su = points.reduce((s, p) => s + p.u, 0);
  const sv = points.reduce((s, p) => s + p.v, 0);
  const suu = points.reduce((s, p) => s + p.u * p.u, 0);
  const suv = points.reduce((s, p) => s + p.u * p.v, 0);
  const denominator = n * suu - su * su;
  if (Math.abs(denominator) < 1e-9) return null;
  const a = (n * suv - su * sv) / denominator;
  const b = (sv - a * su) / n;
  const squares = points.reduce((s, p) => s + (p.v - a * p.u - b) ** 2, 0);
  return { a, b, spread: Math.sqrt(squares / n) };
}

/**
 * The diagonal extremes land on the card's rounded corners, a little inside the true outline. Fitting
 * a line to the middle of each edge and intersecting neighbouring edges recovers the sharp corners
 * the layout is measured from.
 */
function refineCorners(
  rough: Point[],
  inRegion: Uint8Array,
  w: number,
  h: number,
): { corners: Point[]; spread: number } | null {
  const [tl, tr, br, bl] = rough;
  const at = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && inRegion[y * w + x] === 1;
  const middle = (from: number, to: number) => {
    const lo = Math.ceil(Math.min(from, to) + 0.2 * Math.abs(to - from));
    const hi = Math.floor(Math.max(from, to) - 0.2 * Math.abs(to - from));
    return { lo, hi };
  };
  /**
   * The line along one edge, in (u, v): u runs along it (x for the top and bottom, y for the sides),
   * v across it; from each point between the rough corners, walk from outside the card (v rising when
   * `inward` is 1, falling when -1) to the first card pixel.
   */
  const edge = (from: Point, to: Point, horizontal: boolean, inward: 1 | -1) => {
    const uv = (p: Point) => (horizontal ? { u: p.x, v: p.y } : { u: p.y, v: p.x });
    const inCard = (u: number, v: number) => (horizontal ? at(u, v) : at(v, u));
    const [start, end] = [uv(from), uv(to)];
    const points: { u: number; v: number }[] = [];
    const { lo, hi } = middle(start.u, end.u);
    for (let u = lo; u <= hi; u++) {
      const guess = Math.round(start.v + ((end.v - start.v) * (u - start.u)) / (end.u - start.u || 1));
      for (let step = -12; step <= 12; step++) {
        const v = guess + inward * step;
        if (inCard(u, v)) {
          points.push({ u, v });
          break;
        }
      }
    }
    return fitLine(points);
  };
  const top = edge(tl, tr, true, 1);
  const bottom = edge(bl, br, true, -1);
  const left = edge(tl, bl, false, 1);
  const right = edge(tr, br, false, -1);
  if (!top || !bottom || !left || !right) return null;
  // y = a1·x + b1 and x = a2·y + b2 meet at x = (a2·b1 + b2) / (1 − a1·a2).
  const meet = (horizontal: Line, vertical: Line): Point => {
    const x = (vertical.a * horizontal.b + vertical.b) / (1 - horizontal.a * vertical.a);
    return { x, y: horizontal.a * x + horizontal.b };
  };
  const corners = [meet(top, left), meet(top, right), meet(bottom, right), meet(bottom, left)];
  // A refinement that wanders far from the rough outline has fitted something else; keep the rough one.
  const drift = Math.max(...corners.map((c, i) => Math.hypot(c.x - rough[i].x, c.y - rough[i].y)));
  if (drift >= 0.08 * w) return null;
  return { corners, spread: Math.max(top.spread, bottom.spread, left.spread, right.spread) };
}

export interface CardOutline {
  /** Top-left, top-right, bottom-right, bottom-left, in photo pixels. */
  corners: Point[];
  /** Share of the photo the card covers. */
  share: number;
}

/** Longest side the photo is decoded at; more only costs time, the text is large enough. */
const MAX_PHOTO_SIDE = 2000;

/** Decodes a photo once (upright per EXIF, RGB, bounded size) for locating and straightening. */
export async function decodePhoto(photo: Buffer): Promise<RawImage> {
  const { data, info } = await sharp(photo)
    .rotate()
    .resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Area of a quadrilateral (shoelace). */
function quadArea(c: Point[]): number {
  let sum = 0;
  for (let i = 0; i < c.length; i++) {
    const a = c[i];
    const b = c[(i + 1) % c.length];
    sum += a.x * b.y - b.x * a.y;
  }
  return Math.abs(sum) / 2;
}

interface Candidate {
  corners: Point[];
  share: number;
  /** Region pixels per pixel of its fitted outline: near 1 for a card, low when desk leaked in. */
  fill: number;
  /** As `fill`, with the region's holes (text, portrait) counted in; only when asked for. */
  solid?: number;
  /** How far the region's border strays from its four fitted edges at worst (RMS, detection px). */
  spread: number;
}

/**
 * The card-like outline of the largest region brighter than `threshold`, in detection pixels; null
 * when that region is not card-shaped, 'small' when it is too small to be the card.
 */
function outlineAt(
  grey: Uint8Array,
  w: number,
  h: number,
  threshold: number,
  withSolid = false,
): Candidate | null | 'small' {
  const mask = new Uint8Array(grey.length);
  for (let i = 0; i < grey.length; i++) mask[i] = grey[i] > threshold ? 1 : 0;
  return outlineOf(mask, w, h, withSolid);
}

/** Pixels of `inRegion` plus those it encloses: everything the photo's border cannot reach around it. */
function countWithHoles(inRegion: Uint8Array, w: number, h: number): number {
  const outside = new Uint8Array(inRegion.length);
  const stack = new Int32Array(inRegion.length);
  let top = 0;
  const push = (i: number) => {
    if (inRegion[i] || outside[i]) return;
    outside[i] = 1;
    stack[top++] = i;
  };
  for (let x = 0; x < w; x++) {
    push(x);
    push((h - 1) * w + x);
  }
  for (let y = 0; y < h; y++) {
    push(y * w);
    push(y * w + w - 1);
  }
  while (top) {
    const i = stack[--top];
    const x = i % w;
    if (x > 0) push(i - 1);
    if (x < w - 1) push(i + 1);
    if (i >= w) push(i - w);
    if (i < inRegion.length - w) push(i + w);
  }
  let reached = 0;
  for (let i = 0; i < outside.length; i++) reached += outside[i];
  return inRegion.length - reached;
}

/** Share of the photo's border a card's region may run along (a card partly out of the frame). */
const MAX_EDGE_SHARE = 0.3;

function outlineOf(mask: Uint8Array, w: number, h: number, withSolid = false): Candidate | null | 'small' {
  const region = largestRegion(mask, w, h);
  const share = region.length / mask.length;
  if (share < MIN_CARD_SHARE) return 'small';
  // A region running along much of the photo's edge is the desk (a threshold below the desk's own
  // light), not a card held inside the frame.
  let onEdge = 0;
  for (const i of region) {
    const x = i % w;
    const y = (i / w) | 0;
    if (x === 0 || y === 0 || x === w - 1 || y === h - 1) onEdge++;
  }
  if (onEdge > MAX_EDGE_SHARE * 2 * (w + h)) return null;
  let tl = region[0];
  let tr = region[0];
  let br = region[0];
  let bl = region[0];
  // Integer arithmetic only: this runs for every card pixel.
  const sum = (i: number) => (i % w) + ((i / w) | 0);
  const diff = (i: number) => (i % w) - ((i / w) | 0);
  for (const i of region) {
    if (sum(i) < sum(tl)) tl = i;
    if (sum(i) > sum(br)) br = i;
    if (diff(i) > diff(tr)) tr = i;
    if (diff(i) < diff(bl)) bl = i;
  }
  const rough = [tl, tr, br, bl].map((i) => ({ x: i % w, y: Math.floor(i / w) }));
  const inRegion = new Uint8Array(mask.length);
  for (const i of region) inRegion[i] = 1;
  const refined = refineCorners(rough, inRegion, w, h);
  const corners = refined?.corners ?? rough;
  const top = Math.hypot(corners[1].x - corners[0].x, corners[1].y - corners[0].y);
  const bottom = Math.hypot(corners[2].x - corners[3].x, corners[2].y - corners[3].y);
  const left = Math.hypot(corners[3].x - corners[0].x, corners[3].y - corners[0].y);
  const right = Math.hypot(corners[2].x - corners[1].x, corners[2].y - corners[1].y);
  const aspect = (top + bottom) / (left + right);
  if (aspect < MIN_ASPECT || aspect > MAX_ASPECT) return null;
  const area = Math.max(1, quadArea(corners));
  const solid = withSolid ? countWithHoles(inRegion, w, h) / area : undefined;
  return { corners, share, fill: region.length / area, solid, spread: refined?.spread ?? Infinity };
}

/**
 * Share of its fitted outline a card's region fills: 0.88–0.95 measured (text and portrait are holes).
 * Below this the region has taken in part of the desk, and brighter thresholds are tried.
 */
const MIN_FILL = 0.8;
/**
 * With its thin lines closed, a card's region fills its outline (0.92–1.01 measured); more than this
 * and the region spills over the outline: desk joined to the card.
 */
const MAX_EVENED_FILL = 1.02;

/** The best card-like outline among the regions brighter than Otsu's threshold, or brighter ones. */
async function outlineByBrightness(grey: Uint8Array, w: number, h: number): Promise<Candidate | null> {
  const slice = timeSlicer();
  const otsu = otsuThreshold(grey);
  const first = outlineAt(grey, w, h, otsu);
  let best = typeof first === 'object' ? first : null;
  if (!best || best.fill < MIN_FILL) {
    for (let t = otsu + 10; t < 250; t += 10) {
      await slice();
      const next = outlineAt(grey, w, h, t);
      if (next === 'small') break;
      if (next && next.fill >= MIN_FILL && (!best || next.fill > best.fill)) best = next;
    }
  }
  return best;
}

/**
 * With its holes counted in, a card's region covers its fitted outline all but the rounded corners
 * (0.99–1.01 measured on tuning photos); a region that took in desk spills over its outline, one that
 * lost a shaded corner leaves the outline's corner empty.
 */
const MIN_SOLID = 0.95;
const MAX_SOLID = 1.02;
/**
 * The card's own region must still make up most of its outline: a bright frame round something dark
 * (a picture, a screen's bezel) encloses its middle as a "hole" too. The portrait and text of a card
 * that has been evened out leave 0.77–0.81 measured.
 */
const MIN_SOLID_FILL = 0.6;
/**
 * A card's cut edges are straight: its region's border strays 0.3–0.7 detection pixels (RMS) from
 * the fitted edges. Where a region ends because the card fades into the desk's level (its shaded end)
 * rather than at the card's edge, that border is ragged (4 px measured) and the outline is not the
 * card's.
 */
const MAX_SOLID_SPREAD = 1.5;

/**
 * On a light desk after the light is evened out, the desk sits at 128 and the card a few levels above
 * it, while the dark portrait pulls Otsu's threshold far below both: thresholds from just above the
 * desk are swept instead, and the lowest at which the region, holes counted in, is as solid as a card and
 * its edges straight wins — higher ones eat into the card's shaded end. (35 looks at most, most sweeps
 * end well before as the region shrinks below a card's size: 0–250 ms more, only for photos nothing
 * else found a card in.)
 */
async function outlineBySolidity(evened: Uint8Array, w: number, h: number): Promise<Candidate | null> {
  const slice = timeSlicer();
  for (let t = 129; t < 232; t += 3) {
    await slice();
    const next = outlineAt(evened, w, h, t, true);
    if (next === 'small') break;
    if (
      next &&
      next.fill >= MIN_SOLID_FILL &&
      next.solid! >= MIN_SOLID &&
      next.solid! <= MAX_SOLID &&
      next.spread <= MAX_SOLID_SPREAD
    )
      return next;
  }
  return null;
}

/** Share of each side of the photo taken as desk to learn the light from (the card lies inside). */
const DESK_RING = 0.05;

/** Solves the square system `m`·x = `v` (Gaussian elimination with partial pivoting), or null. */
function solve(m: number[][], v: number[]): number[] | null {
  const n = v.length;
  const a = m.map((row, i) => [...row, v[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (Math.abs(a[pivot][col]) < 1e-12) return null;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const k = a[r][col] / a[col][col];
      for (let c = col; c <= n; c++) a[r][c] -= k * a[col][c];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}

/**
 * Each pixel as light as the lightest of its 3 × 3 neighbours: the thin printed lines of the card's
 * security pattern no longer cut its region apart once the card is barely lighter than the desk.
 */
function closeThinLines(grey: Uint8Array, w: number, h: number): Uint8Array {
  const across = new Uint8Array(grey.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      across[i] = Math.max(grey[i], x > 0 ? grey[i - 1] : 0, x < w - 1 ? grey[i + 1] : 0);
    }
  const out = new Uint8Array(grey.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      out[i] = Math.max(across[i], y > 0 ? across[i - w] : 0, y < h - 1 ? across[i + w] : 0);
    }
  return out;
}

/**
 * The photo divided by the light falling on it: a smooth (quadratic) surface of the log brightness
 * fitted to the desk around the photo's edges, refitted without the points far from it (the card's
 * rim reaching into the ring, shadows, pattern). The desk becomes a flat grey and the card stands out
 * by its own lightness against the desk's, wherever it lies.
 */
export function evenLight(grey: Uint8Array, w: number, h: number): Uint8Array {
  // The ring's points as flat typed arrays (six terms each, then the log brightness): with an array
  // of terms per point the four fitting rounds held the event loop 250–500 ms on a busy machine. The
  // sums run in the same order, so the fitted light is the same.
  const ringX = Math.max(2, Math.round(DESK_RING * w));
  const ringY = Math.max(2, Math.round(DESK_RING * h));
  const termList: number[] = [];
  const zList: number[] = [];
  for (let y = 0; y < h; y += 2)
    for (let x = 0; x < w; x += 2)
      if (x < ringX || x >= w - ringX || y < ringY || y >= h - ringY) {
        const u = x / w - 0.5;
        const v = y / h - 0.5;
        termList.push(1, u, v, u * u, u * v, v * v);
        zList.push(Math.log(grey[y * w + x] + 1));
      }
  const terms = Float64Array.from(termList);
  const z = Float64Array.from(zList);
  let points = Int32Array.from(z.keys());
  let coefficients: number[] | null = null;
  for (let round = 0; round < 4; round++) {
    const m = Array.from({ length: 6 }, () => new Array<number>(6).fill(0));
    const v = new Array<number>(6).fill(0);
    for (const p of points) {
      const t = p * 6;
      for (let i = 0; i < 6; i++) {
        v[i] += terms[t + i] * z[p];
        for (let j = 0; j < 6; j++) m[i][j] += terms[t + i] * terms[t + j];
      }
    }
    const next = solve(m, v);
    if (!next) break;
    coefficients = next;
    const residuals = new Float64Array(points.length);
    points.forEach((p, k) => {
      const t = p * 6;
      let fitted = 0;
      for (let i = 0; i < 6; i++) fitted += terms[t + i] * next[i];
      residuals[k] = z[p] - fitted;
    });
    const spread = residuals.map(Math.abs).sort()[Math.floor(residuals.length / 2)];
    const limit = Math.max(0.03, 2.5 * spread);
    const kept = points.filter((_, k) => Math.abs(residuals[k]) <= limit);
    if (kept.length < 50 || kept.length === points.length) break;
    points = kept;
  }
  const out = new Uint8Array(grey.length);
  if (!coefficients) return out.fill(0);
  const c = coefficients;
  // Per pixel without allocating: building each pixel's terms as an array held the event loop ~500 ms
  // on a 640 × 853 photo. The sum keeps the order of the terms, so the values are the same.
  const logOf = new Float64Array(256);
  for (let value = 0; value < 256; value++) logOf[value] = Math.log(value + 1);
  for (let y = 0; y < h; y++) {
    const v = y / h - 0.5;
    for (let x = 0; x < w; x++) {
      const u = x / w - 0.5;
      const light = c[0] + u * c[1] + v * c[2] + u * u * c[3] + u * v * c[4] + v * v * c[5];
      // The desk lands near 128; a card a quarter lighter than the desk near 215, twice as light at 255.
      const contrast = logOf[grey[y * w + x]] - light;
      out[y * w + x] = Math.max(0, Math.min(255, Math.round(128 + 400 * contrast)));
    }
  }
  return out;
}

/** Support along its sides below which a region's outline is checked against the card's edges. */
const MIN_OWN_SUPPORT = 0.75;
/** How much surer the outline of the edges must be to replace the region's. */
const SURER_BY = 0.15;
/** Distance, as a share of the card's width, within which two outlines' corners are the same. */
const SAME_CORNER = 0.04;

/** The outline of the card's straight edges when it is clearly surer than `corners` and keeps two of them. */
async function surerByEdges(
  detection: Detection,
  corners: Point[],
  support: number,
): Promise<Point[] | null> {
  const edged = (await detection.edges()).best;
  if (!edged || edged.support < support + SURER_BY) return null;
  const width = Math.hypot(corners[1].x - corners[0].x, corners[1].y - corners[0].y);
  const kept = edged.corners.filter(
    (c, i) => Math.hypot(c.x - corners[i].x, c.y - corners[i].y) < SAME_CORNER * width,
  ).length;
  return kept >= 2 ? edged.corners : null;
}

/** The photo as the finder saw it, with its edge map and straight-edge outlines made on first use. */
interface Detection {
  grey: Uint8Array;
  w: number;
  h: number;
  /** Corners in detection pixels, in the photo's (each detection pixel's centre). */
  toPhoto(corners: Point[]): Point[];
  map(): EdgeMap;
  edges(): Promise<Awaited<ReturnType<typeof outlinesByEdges>>>;
}

async function detectionOf(photo: RawImage): Promise<Detection> {
  const { data, info } = await sharp(photo.data, {
    raw: { width: photo.width, height: photo.height, channels: photo.channels as 3 },
  })
    .resize({ width: DETECT_WIDTH })
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const [w, h] = [info.width, info.height];
  const scale = photo.width / w;
  let map: EdgeMap | undefined;
  let edges: ReturnType<Detection['edges']> | undefined;
  const detection: Detection = {
    grey: data,
    w,
    h,
    toPhoto: (corners) => corners.map(({ x, y }) => ({ x: (x + 0.5) * scale, y: (y + 0.5) * scale })),
    map: () => (map ??= edgeMapOf(data, w, h)),
    edges: () =>
      (edges ??= outlinesByEdges(detection.map(), { min: MIN_ASPECT, max: MAX_ASPECT }, MIN_CARD_SHARE)),
  };
  return detection;
}

/** What locateCard saw of the photo an outline came from, for otherOutlines not to look again. */
const detections = new WeakMap<CardOutline, Detection>();

/**
 * The card's outline in a photo, or null when nothing card-shaped stands out. The card is the largest
 * region brighter than Otsu's threshold; on a light desk (paper, a white table under uneven light)
 * that region takes in part of the desk, so brighter thresholds are tried and the one whose region
 * best fills its own four-sided outline wins.
 */
export async function locateCard(photo: RawImage): Promise<CardOutline | null> {
  const detection = await detectionOf(photo);
  const { grey: data, w, h } = detection;
  // As photographed, and with the light across the photo evened out: light falling off towards one
  // side darkens that end of the card below the desk's bright end (a shaded corner drops out of the
  // region, or on a light desk the card cannot be told from the desk at all). The outline filling
  // its region best wins.
  // Only when nothing card-shaped stands out as photographed: the light is evened out and looked at
  // again. (Choosing between the two by how well each fills its outline was tried on tuning photos:
  // it moved good outlines as often as it mended bad ones.)
  let best = await outlineByBrightness(data, w, h);
  if (!best || best.fill < MIN_FILL) {
    // Each look is a few passes over the detection image, 10–40 ms; the loop is handed back between
    // them so that other requests do not wait behind a photo that is hard to find a card in.
    await yieldToEventLoop();
    const evenedLight = closeThinLines(evenLight(data, w, h), w, h);
    await yieldToEventLoop();
    const evened = await outlineByBrightness(evenedLight, w, h);
    if (evened && evened.fill <= MAX_EVENED_FILL) best = evened;
    // Still nothing: a card barely lighter than a white desk, its portrait and text leaving it below
    // MIN_FILL once evened out. Only photos refused so far reach this.
    if (!best || best.fill < MIN_FILL) best = (await outlineBySolidity(evenedLight, w, h)) ?? best;
  }
  if (!best || (best.fill < MIN_FILL && best.solid === undefined)) {
    // No region of the card's own lightness: a pale card on white paper shows only as its cut edge
    // and the shadow beside it. Only photos refused so far reach this (v3 tuning 101–300: 9 of 10).
    await yieldToEventLoop();
    const edged = (await detection.edges()).best;
    if (!edged) return null;
    const outline = {
      corners: detection.toPhoto(edged.corners),
      share: quadArea(edged.corners) / (w * h),
    };
    detections.set(outline, detection);
    return outline;
  }
  // A region's outline is checked against the photo's edges: where a thumb lies over a corner or a
  // shadow band joins the card, a side of the region's outline runs across the card instead of along
  // its cut (0.00–0.62 of a side along an edge on v4 tuning photos; 0.79–1.00 on good outlines). The
  // outline of the card's straight edges replaces it when that is clearly surer and keeps at least
  // two of its corners: a thumb or a shadow moves one or two, not the whole card.
  await yieldToEventLoop();
  const own = outlineSupport(detection.map(), best.corners);
  const chosen =
    own < MIN_OWN_SUPPORT
      ? ((await surerByEdges(detection, best.corners, own)) ?? best.corners)
      : best.corners;
  const outline = { corners: detection.toPhoto(chosen), share: best.share };
  detections.set(outline, detection);
  return outline;
}

/** Most outlines handed out by otherOutlines: each costs its caller a look at the card. */
const MAX_OTHER_OUTLINES = 6;

/**
 * Other outlines the card could have, for when reading the card cut out along `first` went badly (a
 * ruled line or a shadow's edge taken for the card's cut), each different from `first` and from one
 * another, in photo pixels: the four-sided outlines of straight edges, surest first (where the right
 * one was found most often on tuning photos), then the regions at every brightness threshold, with the
 * light evened out too. Only the reading can tell which is the card's; handed out one by one, so that
 * a caller who has found it stops the search.
 */
export async function* otherOutlines(photo: RawImage, first: CardOutline): AsyncGenerator<CardOutline> {
  const detection = detections.get(first) ?? (await detectionOf(photo));
  const kept: Point[][] = [first.corners];
  const same = (a: Point[], b: Point[]) => {
    const width = Math.hypot(a[1].x - a[0].x, a[1].y - a[0].y);
    return a.every((c, i) => Math.hypot(c.x - b[i].x, c.y - b[i].y) < SAME_CORNER * width);
  };
  for await (const corners of candidateCorners(detection)) {
    const inPhoto = detection.toPhoto(corners);
    if (kept.some((k) => same(k, inPhoto))) continue;
    kept.push(inPhoto);
    yield { corners: inPhoto, share: quadArea(inPhoto) / (photo.width * photo.height) };
    if (kept.length > MAX_OTHER_OUTLINES) return;
  }
}

/** Every card-like outline otherOutlines may hand out, in detection pixels, found as they are asked for. */
async function* candidateCorners(detection: Detection): AsyncGenerator<Point[]> {
  const slice = timeSlicer();
  const { grey, w, h } = detection;
  const edges = await detection.edges();
  if (edges.best) yield edges.best.corners;
  for (const outline of edges.others) yield outline.corners;
  async function* byRegion(image: Uint8Array, from: number) {
    for (let t = from; t < 250; t += 10) {
      await slice();
      const next = outlineAt(image, w, h, t);
      if (next === 'small') break;
      if (next && next.fill >= MIN_FILL) yield next.corners;
    }
  }
  yield* byRegion(grey, Math.max(0, otsuThreshold(grey) - 30));
  await slice();
  const evened = closeThinLines(evenLight(grey, w, h), w, h);
  yield* byRegion(evened, 129);
  const solid = await outlineBySolidity(evened, w, h);
  if (solid) yield solid.corners;
}

/**
 * The card cut out of the photo and straightened to the canonical frame times `scale`, as one grey
 * channel. The blue channel is used because the card's printed labels and security pattern are blue:
 * in that channel they fade into the background while the black values stay dark.
 */
export function straightenCard(photo: RawImage, outline: CardOutline, scale: number): RawImage {
  const pixels = photo.width * photo.height;
  const blue = new Uint8Array(pixels);
  const channels = photo.channels;
  const offset = Math.min(2, channels - 1);
  for (let i = 0; i < pixels; i++) blue[i] = photo.data[i * channels + offset];
  const source: RawImage = { data: blue, width: photo.width, height: photo.height, channels: 1 };
  const width = Math.round(CARD_WIDTH * scale);
  const height = Math.round(CARD_HEIGHT * scale);
  const target: RawImage = { data: new Uint8Array(width * height).fill(255), width, height, channels: 1 };
  const rect = [
    { x: 0, y: 0 },
    { x: width - 1, y: 0 },
    { x: width - 1, y: height - 1 },
    { x: 0, y: height - 1 },
  ];
  warpInto(source, target, solveHomography(rect, outline.corners));
  return target;
}
