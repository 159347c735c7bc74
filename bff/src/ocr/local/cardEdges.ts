// Finds a card by its four straight edges, for the photos where no region of its own lightness stands
// out: a pale card on white paper, a few levels apart, where only the cut edge and the soft shadow
// beside it show. Each pixel whose brightness changes votes for the straight line through it across
// that change (a Hough transform on gradient direction); the strongest lines are paired into
// four-sided outlines of a card's proportions, and the outline whose every side runs along such
// changes for most of its length wins. Text and the portrait make strong but short lines; only the
// card's cut runs unbroken from corner to corner. The same edges judge an outline found otherwise: a
// side that does not run along one (a thumb's rim, a shadow band's end) shows the outline is off.
import { yieldToEventLoop } from '../../http/eventLoop';
import type { Point } from '../homography';

/** Steps of the line's direction over 180°. */
const ANGLES = 180;
/** Steps either side of a pixel's gradient direction it votes for: a faint edge's direction wavers. */
const SPREAD = 4;
/** Lines kept from the votes, strongest first (after the ones next to a stronger line are dropped). */
const CANDIDATE_LINES = 30;
/** Brightness change (per pixel, after a light blur) below which a pixel is flat paper or grain. */
const MIN_GRADIENT = 1.5;
/** Share of each side, next to the corners, not looked at: the card's corners are rounded. */
const CORNER_SHARE = 0.1;
/** Share of a side that must run along an edge across it, on every side. */
const MIN_SIDE_SUPPORT = 0.6;
/** Share of a side's length looked at beyond each of its corners. */
const EXTENSION_SHARE = 0.15;
/** Support beyond both corners above which a side is a longer line's stretch (ruled paper). */
const MAX_EXTENSION_SUPPORT = 0.5;
/** How much darker than the desk's median light a pixel of card paper may be (shade, pattern). */
const LIGHTER_THAN_DESK_BY = 40;
/** Share of the outline's inside that must be paper: 0.87–0.92 on cards on white paper (tuning photos). */
const MIN_LIGHT_SHARE = 0.7;

interface HoughLine {
  /** Direction of the line's normal, radians in [0, π). */
  theta: number;
  /** Signed distance from the image centre along the normal. */
  rho: number;
  votes: number;
}

export interface EdgeOutline {
  /** Top-left, top-right, bottom-right, bottom-left, in detection pixels. */
  corners: Point[];
  /** The worst side's share along an edge. */
  support: number;
}

/**
 * Edge pixels and their gradient's direction (radians in [0, π)): Sobel over a 3 × 3 box blur, kept
 * where the gradient is at least MIN_GRADIENT and a local maximum across itself (thin edges, not the
 * broad ramp of a shadow).
 */
function edgesOf(grey: Uint8Array, w: number, h: number): { edges: Uint8Array; direction: Float32Array } {
  // Box sums (×9) in two passes.
  const rows = new Uint16Array(grey.length);
  for (let y = 0; y < h; y++)
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      rows[i] = grey[i - 1] + grey[i] + grey[i + 1];
    }
  const box = new Uint16Array(grey.length);
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      box[i] = rows[i - w] + rows[i] + rows[i + w];
    }
  const gxs = new Float32Array(grey.length);
  const gys = new Float32Array(grey.length);
  const magnitude = new Float32Array(grey.length);
  for (let y = 2; y < h - 2; y++)
    for (let x = 2; x < w - 2; x++) {
      const i = y * w + x;
      const gx =
        box[i - w + 1] + 2 * box[i + 1] + box[i + w + 1] - box[i - w - 1] - 2 * box[i - 1] - box[i + w - 1];
      const gy =
        box[i + w - 1] + 2 * box[i + w] + box[i + w + 1] - box[i - w - 1] - 2 * box[i - w] - box[i - w + 1];
      gxs[i] = gx;
      gys[i] = gy;
      magnitude[i] = Math.sqrt(gx * gx + gy * gy) / 72;
    }
  const edges = new Uint8Array(grey.length);
  const direction = new Float32Array(grey.length);
  for (let y = 3; y < h - 3; y++)
    for (let x = 3; x < w - 3; x++) {
      const i = y * w + x;
      const m = magnitude[i];
      if (m < MIN_GRADIENT) continue;
      let angle = Math.atan2(gys[i], gxs[i]);
      if (angle < 0) angle += Math.PI;
      if (angle >= Math.PI) angle = 0;
      const dx = Math.round(Math.cos(angle));
      const dy = Math.round(Math.sin(angle));
      if (m >= magnitude[i + dy * w + dx] && m >= magnitude[i - dy * w - dx]) {
        edges[i] = 1;
        direction[i] = angle;
      }
    }
  return { edges, direction };
}

function houghLines(edges: Uint8Array, direction: Float32Array, w: number, h: number): HoughLine[] {
  const diagonal = Math.ceil(Math.hypot(w, h) / 2);
  const rhos = 2 * diagonal + 1;
  const votes = new Float32Array(ANGLES * rhos);
  const cos = Float64Array.from({ length: ANGLES }, (_, a) => Math.cos((a * Math.PI) / ANGLES));
  const sin = Float64Array.from({ length: ANGLES }, (_, a) => Math.sin((a * Math.PI) / ANGLES));
  const cx = w / 2;
  const cy = h / 2;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!edges[i]) continue;
      // The line's normal is the gradient's direction, give or take.
      const at = Math.round((direction[i] * ANGLES) / Math.PI);
      for (let d = -SPREAD; d <= SPREAD; d++) {
        const a = (at + d + ANGLES) % ANGLES;
        const rho = Math.round((x - cx) * cos[a] + (y - cy) * sin[a]) + diagonal;
        votes[a * rhos + rho] += 1;
      }
    }
  // Peaks, strongest first; a peak within 4° and 12 px of a stronger one is the same line.
  const order = Array.from(votes.keys())
    .filter((k) => votes[k] >= 20)
    .sort((p, q) => votes[q] - votes[p]);
  const kept: HoughLine[] = [];
  for (const k of order) {
    const a = Math.floor(k / rhos);
    const line = { theta: (a * Math.PI) / ANGLES, rho: (k % rhos) - diagonal, votes: votes[k] };
    const near = kept.some((other) => {
      let dTheta = Math.abs(other.theta - line.theta);
      let dRho = Math.abs(other.rho - line.rho);
      if (dTheta > Math.PI / 2) {
        dTheta = Math.PI - dTheta;
        dRho = Math.abs(other.rho + line.rho);
      }
      return dTheta < (4 * Math.PI) / 180 && dRho < 12;
    });
    if (!near) kept.push(line);
    if (kept.length >= CANDIDATE_LINES) break;
  }
  return kept;
}

function meet(p: HoughLine, q: HoughLine, cx: number, cy: number): Point | null {
  const [a1, b1, a2, b2] = [Math.cos(p.theta), Math.sin(p.theta), Math.cos(q.theta), Math.sin(q.theta)];
  const det = a1 * b2 - a2 * b1;
  if (Math.abs(det) < 0.2) return null;
  return { x: (p.rho * b2 - q.rho * b1) / det + cx, y: (a1 * q.rho - a2 * p.rho) / det + cy };
}

/**
 * Share of the line through a and b, between `from` and `to` (0 at a, 1 at b), that runs along an
 * edge pixel whose change is across it. Points beyond the photo count as unsupported.
 */
function supportBetween(map: EdgeMap, a: Point, b: Point, from: number, to: number): number | null {
  const { edges, direction, w, h } = map;
  const length = Math.hypot(b.x - a.x, b.y - a.y) * (to - from);
  let normal = Math.atan2(b.y - a.y, b.x - a.x) + Math.PI / 2;
  normal = ((normal % Math.PI) + Math.PI) % Math.PI;
  const samples = Math.max(10, Math.round(length));
  let supported = 0;
  let inPhoto = 0;
  for (let s = 0; s <= samples; s++) {
    const t = from + ((to - from) * s) / samples;
    const x = a.x + (b.x - a.x) * t;
    const y = a.y + (b.y - a.y) * t;
    if (x < 0 || y < 0 || x >= w || y >= h) continue;
    inPhoto++;
    let found = false;
    for (let off = -2; off <= 2 && !found; off++) {
      const px = Math.round(x + off * Math.cos(normal));
      const py = Math.round(y + off * Math.sin(normal));
      if (px < 0 || py < 0 || px >= w || py >= h) continue;
      const i = py * w + px;
      if (!edges[i]) continue;
      let d = Math.abs(direction[i] - normal);
      if (d > Math.PI / 2) d = Math.PI - d;
      found = d < (12 * Math.PI) / 180;
    }
    if (found) supported++;
  }
  // Mostly beyond the photo: nothing to tell.
  return inPhoto * 2 >= samples + 1 ? supported / inPhoto : null;
}

/** Share of the side a→b (its rounded corners left out) that runs along an edge across it. */
function sideSupport(map: EdgeMap, a: Point, b: Point): number {
  return supportBetween(map, a, b, CORNER_SHARE, 1 - CORNER_SHARE) ?? 0;
}

/**
 * Whether the side a→b is part of a longer line: a card's cut ends at its corners, a ruled line on
 * the paper beneath it, or the edge of a book, runs on past them.
 */
function runsOnPastCorners(map: EdgeMap, a: Point, b: Point): boolean {
  // Beyond the photo's frame nothing is known: a card reaching it is not held against.
  const before = supportBetween(map, a, b, -EXTENSION_SHARE, -0.03) ?? 0;
  const after = supportBetween(map, a, b, 1.03, 1 + EXTENSION_SHARE) ?? 0;
  return before > MAX_EXTENSION_SUPPORT && after > MAX_EXTENSION_SUPPORT;
}

/**
 * Share of the outline's inside at least about as light as the desk's middling light: a card is paper
 * with some text and a portrait on it (a dark picture in a white frame is not).
 */
function lightShare(grey: Uint8Array, c: Point[], w: number, h: number, deskLight: number): number {
  let light = 0;
  let looked = 0;
  for (let j = 1; j < 20; j++)
    for (let i = 1; i < 30; i++) {
      const [u, v] = [i / 30, j / 20];
      const x = (1 - v) * ((1 - u) * c[0].x + u * c[1].x) + v * ((1 - u) * c[3].x + u * c[2].x);
      const y = (1 - v) * ((1 - u) * c[0].y + u * c[1].y) + v * ((1 - u) * c[3].y + u * c[2].y);
      const [px, py] = [Math.round(x), Math.round(y)];
      if (px < 0 || py < 0 || px >= w || py >= h) continue;
      looked++;
      if (grey[py * w + px] >= deskLight - LIGHTER_THAN_DESK_BY) light++;
    }
  return looked ? light / looked : 0;
}

function medianOf(grey: Uint8Array): number {
  const histogram = new Uint32Array(256);
  for (const value of grey) histogram[value]++;
  let seen = 0;
  for (let value = 0; value < 256; value++) if ((seen += histogram[value]) * 2 >= grey.length) return value;
  return 255;
}

/** Orders four points top-left, top-right, bottom-right, bottom-left (the card is tilted well under 45°). */
function ordered(points: Point[]): Point[] {
  const bySum = [...points].sort((p, q) => p.x + p.y - (q.x + q.y));
  const byDiff = [...points].sort((p, q) => p.x - p.y - (q.x - q.y));
  return [bySum[0], byDiff[3], bySum[3], byDiff[0]];
}

/** Where the photo's brightness changes, and across which direction: what outlines are judged by. */
export interface EdgeMap {
  grey: Uint8Array;
  edges: Uint8Array;
  direction: Float32Array;
  w: number;
  h: number;
}

/** The edge map of a detection-sized grey photo (30–50 ms at 640 pixels wide). */
export function edgeMapOf(grey: Uint8Array, w: number, h: number): EdgeMap {
  return { grey, ...edgesOf(grey, w, h), w, h };
}

/** The least share, over the outline's four sides, that runs along an edge across it. */
export function outlineSupport(map: EdgeMap, corners: Point[]): number {
  return Math.min(...corners.map((p, n) => sideSupport(map, p, corners[(n + 1) % 4])));
}

/**
 * The card's outline from its straight edges (`best`, null when no four lines make a card-shaped
 * outline whose every side runs along an edge for MIN_SIDE_SUPPORT of its length), and every other
 * outline that passed the same checks, surest first: where the chosen one is wrong (ruled paper's long
 * lines, a shadow's edge), the card's own is often among them. `aspect` bounds the outlines'
 * width / height; `minShare` their share of the photo.
 */
export async function outlinesByEdges(
  map: EdgeMap,
  aspect: { min: number; max: number },
  minShare: number,
): Promise<{ best: EdgeOutline | null; others: EdgeOutline[] }> {
  const { grey, edges, direction, w, h } = map;
  const lines = houghLines(edges, direction, w, h);
  // Pairing the lines is 10–40 ms more; the event loop is handed back first.
  await yieldToEventLoop();
  const cx = w / 2;
  const cy = h / 2;
  const deskLight = medianOf(grey);
  let best: { corners: Point[]; support: number; area: number } | null = null;
  const passed: { corners: Point[]; support: number }[] = [];
  const angleApart = (p: HoughLine, q: HoughLine) => {
    const d = Math.abs(p.theta - q.theta);
    return Math.min(d, Math.PI - d);
  };
  for (let i = 0; i < lines.length; i++)
    for (let j = i + 1; j < lines.length; j++) {
      // Two opposite sides: nearly parallel (perspective tilts them a little), apart.
      if (angleApart(lines[i], lines[j]) > (15 * Math.PI) / 180) continue;
      for (let k = 0; k < lines.length; k++)
        for (let l = k + 1; l < lines.length; l++) {
          if (k === i || k === j || l === i || l === j) continue;
          if (angleApart(lines[k], lines[l]) > (15 * Math.PI) / 180) continue;
          if (Math.abs(angleApart(lines[i], lines[k]) - Math.PI / 2) > (25 * Math.PI) / 180) continue;
          const found = [
            meet(lines[i], lines[k], cx, cy),
            meet(lines[i], lines[l], cx, cy),
            meet(lines[j], lines[l], cx, cy),
            meet(lines[j], lines[k], cx, cy),
          ];
          if (found.some((p) => !p || p.x < -2 || p.y < -2 || p.x > w + 1 || p.y > h + 1)) continue;
          const c = ordered(found as Point[]);
          const side = (p: Point, q: Point) => Math.hypot(q.x - p.x, q.y - p.y);
          const ratio = (side(c[0], c[1]) + side(c[3], c[2])) / (side(c[0], c[3]) + side(c[1], c[2]));
          if (ratio < aspect.min || ratio > aspect.max) continue;
          const area =
            Math.abs(c.reduce((sum, p, n) => sum + p.x * c[(n + 1) % 4].y - c[(n + 1) % 4].x * p.y, 0)) / 2;
          if (area < minShare * w * h) continue;
          const support = outlineSupport(map, c);
          if (support < MIN_SIDE_SUPPORT || lightShare(grey, c, w, h, deskLight) < MIN_LIGHT_SHARE) continue;
          if (c.some((p, n) => runsOnPastCorners(map, p, c[(n + 1) % 4]))) continue;
          passed.push({ corners: c, support });
          // The card's cut beats the portrait's frame and the text block inside it: the surer outline
          // wins, and of two about as sure, the larger.
          if (!best || support > best.support + 0.05 || (support > best.support - 0.05 && area > best.area))
            best = { corners: c, support, area };
        }
    }
  const chosen = best && { corners: best.corners, support: best.support };
  return {
    best: chosen,
    others: passed.filter((o) => o.corners !== chosen?.corners).sort((a, b) => b.support - a.support),
  };
}
