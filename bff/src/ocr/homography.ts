// Perspective mapping between a card's four corners and a rectangle. sharp (libvips) offers affine
// transforms only, and a phone photo of a card is a perspective view, so the 3 × 3 mapping is solved
// here; it is a few lines of linear algebra and is covered by its own tests.
export interface Point {
  x: number;
  y: number;
}

/** Row-major 3 × 3 matrix with h[8] = 1. */
export type Homography = readonly number[];

/** The homography that maps each `from[i]` onto `to[i]` (four point pairs). */
export function solveHomography(from: readonly Point[], to: readonly Point[]): Homography {
  if (from.length !== 4 || to.length !== 4) throw new Error('Four point pairs are needed');
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i];
    const { x: u, y: v } = to[i];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gauss-Jordan elimination with partial pivoting on the 8 × 9 augmented matrix.
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let row = col + 1; row < 8; row++) if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) pivot = row;
    if (Math.abs(a[pivot][col]) < 1e-12) throw new Error('Degenerate corner points');
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let row = 0; row < 8; row++) {
      if (row === col) continue;
      const factor = a[row][col] / a[col][col];
      for (let k = col; k < 9; k++) a[row][k] -= factor * a[col][k];
    }
  }
  const h = a.map((row, i) => row[8] / row[i]);
  return [...h, 1];
}

export function applyHomography(h: Homography, p: Point): Point {
  const w = h[6] * p.x + h[7] * p.y + h[8];
  return { x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w };
}

export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/**
 * Renders `target` pixels by looking each one up in `source` through `targetToSource` (bilinear).
 * Pixels that fall outside the source keep what `target` already holds, so a card can be pasted onto
 * a background as well as cut out of a photo.
 */
export function warpInto(source: RawImage, target: RawImage, targetToSource: Homography): void {
  const { data: src, width: sw, height: sh, channels: c } = source;
  const { data: dst, width: tw, height: th } = target;
  if (target.channels !== c) throw new Error('Channel counts differ');
  const h = targetToSource;
  for (let ty = 0; ty < th; ty++) {
    for (let tx = 0; tx < tw; tx++) {
      const w = h[6] * tx + h[7] * ty + h[8];
      const sx = (h[0] * tx + h[1] * ty + h[2]) / w;
      const sy = (h[3] * tx + h[4] * ty + h[5]) / w;
      if (sx < 0 || sy < 0 || sx > sw - 1 || sy > sh - 1) continue;
      // Plain operators instead of Math.* here: this loop runs per pixel, and Math calls are slow
      // inside Jest's sandbox. Both coordinates are non-negative, so truncation is floor.
      const x0 = sx | 0;
      const y0 = sy | 0;
      const x1 = x0 + 1 < sw ? x0 + 1 : x0;
      const y1 = y0 + 1 < sh ? y0 + 1 : y0;
      const fx = sx - x0;
      const fy = sy - y0;
      const out = (ty * tw + tx) * c;
      for (let k = 0; k < c; k++) {
        const top = src[(y0 * sw + x0) * c + k] * (1 - fx) + src[(y0 * sw + x1) * c + k] * fx;
        const bottom = src[(y1 * sw + x0) * c + k] * (1 - fx) + src[(y1 * sw + x1) * c + k] * fx;
        dst[out + k] = top * (1 - fy) + bottom * fy;
      }
    }
  }
}
