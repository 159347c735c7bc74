// A fourth ID-card photo set, for judging the engine blind: made as differently from versions 1–3 as
// we could. The card is a PDF drawn with pdfkit (fonts embedded by fontkit) and rasterised by poppler's
// Splash renderer (`pdftoppm`), not librsvg (v1/v2) or Chromium's Skia (v3); its layout is its own reading
// of the real card's proportions, varied card to card, over a guilloche background; and the phone photo is
// made here on raw pixels: our own homography with keystone, barrel or pincushion lens distortion with a
// little colour fringing, a thumb holding a corner (never over text), a phone's shadow, a hot spot of
// overexposure, vignetting, white balance, focus falling off to one side, phone sharpening, moiré, colour
// noise, down- then up-scaling and double JPEG compression. The engine was never tuned on any of it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { ETHNICITIES } from '@hiring/shared';
import type { CardPerson } from './people';
import { randomPersonV4 } from './peopleV4';
import { createRandom, type Random } from './random';

const PDFTOPPM = '/usr/bin/pdftoppm';
/**
 * Math through a module constant: in Jest's sandbox each lookup of the global `Math` is about 100 times
 * slower than here, and the pixel loops make tens of millions of them.
 */
const math = Math;
/** The card, in millimetres (ISO/IEC 7810 ID-1). */
const CARD_W = 85.6;
const CARD_H = 54;
const CORNER_MM = 3.2;
const PT_PER_MM = 72 / 25.4;

const NOTO = '/usr/share/fonts/opentype/noto';
const DEJAVU = '/usr/share/fonts/truetype/dejavu';
/** Font files with the face to take from a collection. */
const FACES = {
  sansRegular: [`${NOTO}/NotoSansCJK-Regular.ttc`, 'NotoSansCJKsc-Regular'],
  sansBold: [`${NOTO}/NotoSansCJK-Bold.ttc`, 'NotoSansCJKsc-Bold'],
  serifRegular: [`${NOTO}/NotoSerifCJK-Regular.ttc`, 'NotoSerifCJKsc-Regular'],
  serifBold: [`${NOTO}/NotoSerifCJK-Bold.ttc`, 'NotoSerifCJKsc-Bold'],
  monoBold: [`${NOTO}/NotoSansCJK-Bold.ttc`, 'NotoSansMonoCJKsc-Bold'],
  hanaMin: ['/usr/share/fonts/truetype/hanazono/HanaMinA.ttf', undefined],
  dejavuCondBold: [`${DEJAVU}/DejaVuSansCondensed-Bold.ttf`, undefined],
  dejavuMonoBold: [`${DEJAVU}/DejaVuSansMono-Bold.ttf`, undefined],
  dejavuSerifCondBold: [`${DEJAVU}/DejaVuSerifCondensed-Bold.ttf`, undefined],
  dejavuSansBold: [`${DEJAVU}/DejaVuSans-Bold.ttf`, undefined],
} as const;
type Face = keyof typeof FACES;
const fontBytes = new Map<string, Buffer>();
const bytesOf = (file: string) => {
  let b = fontBytes.get(file);
  if (!b) fontBytes.set(file, (b = readFileSync(file)));
  return b;
};

/** Value faces with the synthetic bold (outline stroke, mm) each gets; regular weights get more. */
const VALUE_STYLES: { face: Face; bold: [number, number] }[] = [
  { face: 'serifBold', bold: [0, 0] },
  { face: 'sansBold', bold: [0, 0.03] },
  { face: 'hanaMin', bold: [0.06, 0.13] },
  { face: 'serifRegular', bold: [0.05, 0.1] },
  { face: 'sansRegular', bold: [0.03, 0.08] },
  { face: 'monoBold', bold: [0, 0.02] },
];
const DIGIT_FACES: Face[] = [
  'dejavuCondBold',
  'dejavuMonoBold',
  'dejavuSerifCondBold',
  'dejavuSansBold',
  'monoBold',
];
const LABEL_FACES: Face[] = ['sansRegular', 'sansBold', 'sansRegular', 'serifBold'];

export interface PhotoV4 {
  jpeg: Buffer;
  person: CardPerson;
  /** The card's and the photo's settings, for the record. */
  scene: Record<string, number | string>;
  /**
   * The card's sharp corners in the photo as saved (top-left, top-right, bottom-right, bottom-left):
   * through the lens and the second save's crop. Between them the edges bow with the lens.
   */
  corners: { x: number; y: number }[];
}

type Rgb = [number, number, number];
/** HSL (hue in degrees, saturation and lightness 0–1) to RGB 0–1. */
function hsl(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * math.min(l, 1 - l);
  const f = (n: number) => l - a * math.max(-1, math.min(k(n) - 3, math.min(9 - k(n), 1)));
  return [f(0), f(8), f(4)];
}
/** The same as a #rrggbb colour for pdfkit. */
const hex = (h: number, s: number, l: number) =>
  `#${hsl(h, s, l)
    .map((v) =>
      math
        .round(v * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function ethnicityText(code: string): string {
  return (ETHNICITIES.find((e) => e.code === code)?.label ?? '汉族').replace(/族$/, '');
}

/** Splits text into lines no wider than `width` (measured), as the card's printer wraps an address. */
function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line && measure(line + ch) > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

/** Draws the card front as a one-page PDF the card's size; returns it and the text boxes (mm). */
function cardPdf(
  person: CardPerson,
  r: Random,
  scene: PhotoV4['scene'],
): Promise<{ pdf: Buffer; text: Box[] }> {
  const doc = new PDFDocument({
    size: [CARD_W * PT_PER_MM, CARD_H * PT_PER_MM],
    margin: 0,
    autoFirstPage: true,
    info: { CreationDate: new Date(0), Producer: 'ocr-testset v4', Creator: 'ocr-testset v4' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const used = new Set<Face>();
  const face = (f: Face) => {
    if (!used.has(f)) {
      const [file, member] = FACES[f];
      if (member) doc.registerFont(f, bytesOf(file), member);
      else doc.registerFont(f, bytesOf(file));
      used.add(f);
    }
    return f;
  };
  doc.scale(PT_PER_MM);

  // — Background: a pale radial wash, guilloche rosettes and a field of fine rings.
  const hueA = r.int(195, 225);
  const hueB = r.pick([r.int(15, 45), r.int(330, 355), r.int(60, 90)]);
  const wash = doc.radialGradient(
    r.between(10, 75),
    r.between(5, 50),
    0,
    r.between(20, 60),
    r.between(10, 45),
    r.between(70, 110),
  );
  wash.stop(0, hex(hueB, r.int(25, 45) / 100, r.int(93, 97) / 100));
  wash.stop(1, hex(hueA, r.int(25, 45) / 100, r.int(88, 94) / 100));
  doc.rect(0, 0, CARD_W, CARD_H).fill(wash);
  const pattern = r.pick(['rosettes', 'rings', 'both']);
  scene.pattern = pattern;
  const paleInk = () => hex(r.pick([hueA, hueB, r.int(0, 360)]), r.int(30, 60) / 100, r.int(72, 84) / 100);
  if (pattern !== 'rings')
    for (let k = r.int(1, 3); k > 0; k--) {
      // Epitrochoids: the turned patterns of banknote engraving.
      const cx = r.between(15, 70);
      const cy = r.between(12, 42);
      const big = r.between(6, 14);
      const small = big / r.pick([5, 6, 7, 8, 9, 11]);
      const arm = small * r.between(1.5, 3.5);
      const turns = math.round(big / small);
      const steps = 360 * math.max(2, math.round(small));
      for (let t = 0; t <= steps; t++) {
        const a = (t / steps) * 2 * math.PI * math.max(1, math.round(small));
        const x = cx + (big + small) * math.cos(a) - arm * math.cos(((big + small) / small) * a);
        const y = cy + (big + small) * math.sin(a) - arm * math.sin(((big + small) / small) * a);
        if (t === 0) doc.moveTo(x, y);
        else doc.lineTo(x, y);
      }
      doc.lineWidth(r.between(0.05, 0.11)).strokeOpacity(r.between(0.45, 0.8)).stroke(paleInk());
      scene.rosetteTurns = turns;
    }
  if (pattern !== 'rosettes') {
    const cx = r.between(-30, CARD_W + 30);
    const cy = r.pick([r.between(-40, -10), r.between(CARD_H + 10, CARD_H + 40)]);
    const step = r.between(0.7, 1.4);
    const colour = paleInk();
    // Polylines kept to the card (Splash strokes whole off-page circles slowly).
    for (let rad = step; rad < 160; rad += step) {
      let pen = false;
      const steps = math.ceil((2 * math.PI * rad) / 0.8);
      for (let k = 0; k <= steps; k++) {
        const a = (k / steps) * 2 * math.PI;
        const x = cx + rad * math.cos(a);
        const y = cy + rad * math.sin(a);
        const on = x > -1 && x < CARD_W + 1 && y > -1 && y < CARD_H + 1;
        if (on && pen) doc.lineTo(x, y);
        else if (on) doc.moveTo(x, y);
        pen = on;
      }
    }
    doc.lineWidth(r.between(0.04, 0.08)).strokeOpacity(r.between(0.3, 0.6)).stroke(colour);
  }
  doc.strokeOpacity(1).fillOpacity(1);

  // — Where things go: the real card's proportions, each varied a little.
  const labelX = r.between(4.2, 6.6);
  const valueX = labelX + r.between(9.6, 11.6);
  const firstBase = r.between(8.8, 11.2);
  const pitch = r.between(5.7, 6.9);
  const labelSize = r.between(2.35, 2.9);
  const valueSize = r.between(3.0, 3.6);
  const addressSize = valueSize * r.between(0.86, 0.97);
  const addressPitch = addressSize * r.between(1.22, 1.42);
  const numberBase = r.between(45.6, 48.6);
  const numberX = r.between(26, 31);
  const numberSize = r.between(3.5, 4.2);
  const portraitX = r.between(54.5, 58);
  const portraitY = r.between(5.5, 9);
  const portraitW = r.between(22, 25.5);
  const squeeze = r.next() < 0.55 ? r.between(84, 96) : 100;
  const track = r.between(-0.05, 0.3);
  const style = r.pick(VALUE_STYLES);
  const bold = r.between(style.bold[0], style.bold[1]);
  const digits = r.pick(DIGIT_FACES);
  const labelFace = r.pick(LABEL_FACES);
  const labelTrack = r.between(0.6, 2.2);
  const labelBlue = hex(r.int(200, 214), r.int(45, 75) / 100, r.int(32, 46) / 100);
  const ink = r.pick(['#121212', '#1b1a19', '#0f141c', '#241f1c', '#161616']);
  Object.assign(scene, {
    valueFace: style.face,
    bold: +bold.toFixed(3),
    digitFace: digits,
    labelFace,
    squeeze: +squeeze.toFixed(0),
    track: +track.toFixed(2),
  });

  const text: Box[] = [];
  const put = (
    s: string,
    x: number,
    base: number,
    size: number,
    f: Face,
    colour: string,
    opts: { spacing?: number; scaling?: number; stroke?: number } = {},
  ): number => {
    doc.font(face(f)).fontSize(size);
    const o = { characterSpacing: opts.spacing ?? 0, horizontalScaling: opts.scaling ?? 100 };
    const width = doc.widthOfString(s, o);
    const stroke = opts.stroke ?? 0;
    doc.fillColor(colour).strokeColor(colour).lineWidth(stroke);
    doc.text(s, x, base, { ...o, lineBreak: false, baseline: 'alphabetic', fill: true, stroke: stroke > 0 });
    text.push({ x0: x, y0: base - size * 0.92, x1: x + width, y1: base + size * 0.15 });
    return width;
  };
  const label = (s: string, x: number, base: number) =>
    put(s, x, base, labelSize, labelFace, labelBlue, { spacing: s.length === 2 ? labelTrack : 0.15 });
  const value = (s: string, x: number, base: number, size = valueSize) =>
    put(s, x, base, size, style.face, ink, { spacing: track, scaling: squeeze, stroke: bold });

  // — The portrait: a head and shoulders on a pale ground, right of the text.
  const portraitH = portraitW * r.between(1.2, 1.3);
  doc
    .rect(portraitX, portraitY, portraitW, portraitH)
    .fillOpacity(r.between(0.55, 0.9))
    .fill(hex(r.int(190, 230), r.int(10, 35) / 100, r.int(86, 95) / 100));
  doc.fillOpacity(1);
  const headX = portraitX + portraitW / 2 + r.between(-1, 1);
  const headY = portraitY + portraitH * r.between(0.36, 0.42);
  const headR = portraitW * r.between(0.17, 0.2);
  const skin = hex(r.int(20, 34), r.int(30, 55) / 100, r.int(55, 78) / 100);
  const cloth = hex(r.int(0, 360), r.int(5, 40) / 100, r.int(12, 40) / 100);
  const shoulders = portraitY + portraitH;
  doc
    .moveTo(portraitX + portraitW * 0.04, shoulders)
    .bezierCurveTo(
      portraitX + portraitW * 0.08,
      headY + headR * 1.6,
      headX - headR * 0.6,
      headY + headR * 1.4,
      headX,
      headY + headR * 1.45,
    )
    .bezierCurveTo(
      headX + headR * 0.6,
      headY + headR * 1.4,
      portraitX + portraitW * 0.92,
      headY + headR * 1.6,
      portraitX + portraitW * 0.96,
      shoulders,
    )
    .closePath()
    .fill(cloth);
  doc.rect(headX - headR * 0.38, headY + headR * 0.6, headR * 0.76, headR * 0.9).fill(skin);
  doc.ellipse(headX, headY, headR * 0.86, headR * 1.08).fill(skin);
  const hair = hex(r.int(15, 35), r.int(10, 40) / 100, r.int(6, 22) / 100);
  doc
    .moveTo(headX - headR * 0.92, headY + headR * r.between(-0.1, 0.5))
    .bezierCurveTo(
      headX - headR * 1.05,
      headY - headR * 1.5,
      headX + headR * 1.05,
      headY - headR * 1.5,
      headX + headR * 0.92,
      headY + headR * r.between(-0.1, 0.5),
    )
    .bezierCurveTo(
      headX + headR * 0.7,
      headY - headR * 0.55,
      headX - headR * 0.7,
      headY - headR * 0.6,
      headX - headR * 0.92,
      headY,
    )
    .fill(hair);

  // — The lines.
  const [year, month, day] = person.birthDate.split('-').map(Number);
  label('姓名', labelX, firstBase);
  value(person.name, valueX, firstBase, valueSize * r.between(1, 1.12));
  const line2 = firstBase + pitch;
  label('性别', labelX, line2);
  value(person.gender === '1' ? '男' : '女', valueX, line2);
  const ethLabelX = valueX + r.between(11.5, 16);
  label('民族', ethLabelX, line2);
  value(ethnicityText(person.ethnicity), ethLabelX + (valueX - labelX) * r.between(0.9, 1.05), line2);
  const line3 = line2 + pitch;
  label('出生', labelX, line3);
  const birthDigits = r.next() < 0.5 ? digits : style.face;
  const gap = r.between(0.5, 1.6);
  let x = valueX;
  for (const [n, unit] of [
    [year, '年'],
    [month, '月'],
    [day, '日'],
  ] as const) {
    x +=
      put(String(n), x, line3, valueSize, birthDigits, ink, { scaling: squeeze, stroke: bold * 0.6 }) + gap;
    x += put(unit, x, line3, labelSize * 1.05, labelFace, labelBlue) + gap * 1.3;
  }
  const line4 = line3 + pitch * r.between(0.95, 1.12);
  label('住址', labelX, line4);
  // The printer fits the address left of the portrait in at most three lines, condensing if it must.
  const room = portraitX - valueX - r.between(0.8, 2.5);
  const wrapAt = (scaling: number) => {
    doc.font(face(style.face)).fontSize(addressSize);
    const options = { characterSpacing: track, horizontalScaling: scaling };
    return wrap(person.address, room, (s) => doc.widthOfString(s, options));
  };
  let scaling = squeeze;
  let lines = wrapAt(scaling);
  while (lines.length > 3 && scaling > 60) lines = wrapAt((scaling -= 4));
  lines.forEach((l, i) =>
    put(l, valueX, line4 + i * addressPitch, addressSize, style.face, ink, {
      spacing: track,
      scaling,
      stroke: bold,
    }),
  );
  scene.addressLines = lines.length;
  label('公民身份号码', labelX, numberBase);
  doc.font(face(digits)).fontSize(numberSize);
  let spacing = r.between(0.08, 0.55);
  const fits = () =>
    numberX + doc.widthOfString(person.idNumber, { characterSpacing: spacing }) <= CARD_W - 3.5;
  while (!fits() && spacing > -0.3) spacing -= 0.05;
  let size = numberSize;
  while (!fits() && size > 2.6) doc.fontSize((size -= 0.1));
  put(person.idNumber, numberX, numberBase, size, digits, ink, { spacing, stroke: bold * 0.5 });
  doc.end();
  return done.then((pdf) => ({ pdf, text }));
}

/** Rasterises a one-page PDF with poppler (Splash) at `dpi`; returns packed RGB. */
async function rasterise(pdf: Buffer, dpi: number): Promise<{ data: Buffer; width: number; height: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ocr-v4-'));
  try {
    const out = path.join(dir, 'card');
    await new Promise<void>((resolve, reject) => {
      const child = spawn(PDFTOPPM, ['-r', String(dpi), '-singlefile', '-', out], {
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`pdftoppm ${code}: ${err}`))));
      child.stdin.end(pdf);
    });
    const ppm = await readFile(`${out}.ppm`);
    // P6 header: "P6\n<w> <h>\n255\n".
    let at = 0;
    const fields: string[] = [];
    while (fields.length < 4) {
      while (/\s/.test(String.fromCharCode(ppm[at]))) at++;
      let token = '';
      while (!/\s/.test(String.fromCharCode(ppm[at]))) token += String.fromCharCode(ppm[at++]);
      fields.push(token);
    }
    at++;
    const width = Number(fields[1]);
    const height = Number(fields[2]);
    return { data: ppm.subarray(at, at + width * height * 3), width, height };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The 3×3 homography taking the four points `from` to `to` (row-major, h33 = 1). */
function homography(from: [number, number][], to: [number, number][]): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i];
    const [u, v] = to[i];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let k = c + 1; k < 8; k++) if (math.abs(a[k][c]) > math.abs(a[p][c])) p = k;
    [a[c], a[p]] = [a[p], a[c]];
    for (let k = 0; k < 8; k++) {
      if (k === c) continue;
      const m = a[k][c] / a[c][c];
      for (let j = c; j < 9; j++) a[k][j] -= m * a[c][j];
    }
  }
  return [...a.map((row, i) => row[8] / row[i]), 1];
}

function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

/** Three box passes ≈ a Gaussian of `sigma` px, on one float plane, in place. */
function blurPlane(p: Float32Array, w: number, h: number, sigma: number): void {
  if (sigma < 0.3) return;
  if (sigma < 1.5) return smallBlur(p, w, h, sigma);
  const radius = math.max(1, math.round(math.sqrt(4 * sigma * sigma + 1) / 2 - 0.5));
  const line = new Float32Array(math.max(w, h));
  const out = new Float32Array(math.max(w, h));
  const norm = 1 / (2 * radius + 1);
  // One run of `len` values starting at `start`, `stride` apart.
  const run = (start: number, len: number, stride: number) => {
    for (let i = 0; i < len; i++) line[i] = p[start + i * stride];
    for (let rep = 0; rep < 3; rep++) {
      let sum = 0;
      for (let i = -radius; i <= radius; i++) sum += line[i < 0 ? 0 : i >= len ? len - 1 : i];
      for (let i = 0; i < len; i++) {
        out[i] = sum * norm;
        const add = i + radius + 1;
        const drop = i - radius;
        sum += line[add >= len ? len - 1 : add] - line[drop < 0 ? 0 : drop];
      }
      line.set(out.subarray(0, len));
    }
    for (let i = 0; i < len; i++) p[start + i * stride] = line[i];
  };
  for (let y = 0; y < h; y++) run(y * w, w, 1);
  for (let x = 0; x < w; x++) run(x, h, w);
}

/** Repeated [a, 1 − 2a, a] passes for a Gaussian too narrow for boxes. */
function smallBlur(p: Float32Array, w: number, h: number, sigma: number): void {
  const passes = math.ceil((sigma * sigma) / 0.5);
  const a = (sigma * sigma) / (2 * passes);
  const line = new Float32Array(math.max(w, h));
  const run = (start: number, len: number, stride: number) => {
    for (let i = 0; i < len; i++) line[i] = p[start + i * stride];
    for (let rep = 0; rep < passes; rep++) {
      let prev = line[0];
      for (let i = 0; i < len; i++) {
        const here = line[i];
        const next = line[i + 1 < len ? i + 1 : i];
        line[i] = a * (prev + next) + (1 - 2 * a) * here;
        prev = here;
      }
    }
    for (let i = 0; i < len; i++) p[start + i * stride] = line[i];
  };
  for (let y = 0; y < h; y++) run(y * w, w, 1);
  for (let x = 0; x < w; x++) run(x, h, w);
}

/** Cheap hash noise in [0, 1) for background textures (deterministic, seedable). */
function hash2(x: number, y: number, s: number): number {
  let t = math.imul(x | 0, 374761393) + math.imul(y | 0, 668265263) + math.imul(s, 1442695041);
  t = math.imul(t ^ (t >>> 13), 1274126177);
  return ((t ^ (t >>> 16)) >>> 0) / 4294967296;
}
function valueNoise(x: number, y: number, s: number): number {
  const xi = math.floor(x);
  const yi = math.floor(y);
  const fx = x - xi;
  const fy = y - yi;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const a = hash2(xi, yi, s);
  const b = hash2(xi + 1, yi, s);
  const c = hash2(xi, yi + 1, s);
  const d = hash2(xi + 1, yi + 1, s);
  return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
}

/** What lies under the card, at an undistorted image point (0–1 RGB into `out`). */
function surface(
  r: Random,
  scene: PhotoV4['scene'],
  width: number,
  height: number,
): (x: number, y: number, out: Rgb) => void {
  const kind = r.pick(['granite', 'linen', 'skin', 'form', 'laminate', 'counter']);
  scene.surface = kind;
  const s = r.int(1, 1 << 20);
  const unit = width / 1600;
  const base = hsl(r.int(0, 360), r.between(0.05, 0.35), r.between(0.2, 0.55));
  switch (kind) {
    case 'granite': {
      const light = r.between(0.45, 0.8);
      return (x, y, out) => {
        const n =
          valueNoise(x / (9 * unit), y / (9 * unit), s) * 0.5 +
          valueNoise(x / (2.2 * unit), y / (2.2 * unit), s + 1) * 0.5;
        const fleck = hash2(x / (2 * unit), y / (2 * unit), s + 2) < 0.04 ? -0.3 : 0;
        const v = light * (0.75 + 0.4 * n) + fleck;
        out[0] = v * 0.98;
        out[1] = v * 0.96;
        out[2] = v * 0.92;
      };
    }
    case 'linen': {
      const period = r.between(3, 6) * unit;
      return (x, y, out) => {
        const weave =
          0.5 + 0.25 * math.sin((2 * math.PI * x) / period) * math.sin((2 * math.PI * y) / period);
        const slub = valueNoise(x / (30 * unit), y / (3 * unit), s) * 0.2;
        const v = 0.75 + 0.35 * (weave + slub - 0.5);
        out[0] = base[0] * v + 0.1;
        out[1] = base[1] * v + 0.1;
        out[2] = base[2] * v + 0.1;
      };
    }
    case 'skin': {
      // A hand or forearm under the card's middle, a dark floor or clothing beyond.
      const tone = hsl(r.int(18, 32), r.between(0.3, 0.5), r.between(0.45, 0.7));
      const cx = width * r.between(0.4, 0.6);
      const cy = height * r.between(0.45, 0.6);
      const reach = width * r.between(0.5, 0.7);
      return (x, y, out) => {
        const ex = (x - cx) / reach;
        const ey = (y - cy) / (reach * 0.8);
        const d = math.sqrt(ex * ex + ey * ey);
        const t = math.min(1, math.max(0, (d - 0.85) / 0.12));
        const shade = 1 - 0.25 * d;
        for (let c = 0; c < 3; c++) out[c] = tone[c] * shade * (1 - t) + base[c] * 0.5 * t;
      };
    }
    case 'form': {
      // A printed application form: white paper, ruled rows and table lines in dull blue or black.
      const rowH = r.between(45, 80) * unit;
      const line = r.next() < 0.5 ? ([0.45, 0.52, 0.7] as Rgb) : ([0.3, 0.3, 0.3] as Rgb);
      const paper = r.between(0.82, 0.95);
      const colX = r.between(200, 500) * unit;
      return (x, y, out) => {
        const onRow = math.abs(((y % rowH) + rowH) % rowH) < 1.2 * unit;
        const onCol = math.abs(x - colX) < 1.2 * unit;
        const grain = (hash2(x, y, s) - 0.5) * 0.03;
        for (let c = 0; c < 3; c++) out[c] = onRow || onCol ? line[c] : paper - 0.02 * c + grain;
      };
    }
    case 'laminate': {
      const hue = r.int(22, 40);
      const dark = hsl(hue, 0.4, 0.42);
      const light = hsl(hue, 0.4, 0.62);
      return (x, y, out) => {
        const grain = valueNoise(
          x / (120 * unit),
          y / (4 * unit) + valueNoise(x / (300 * unit), 0, s) * 6,
          s + 3,
        );
        for (let c = 0; c < 3; c++) out[c] = dark[c] + (light[c] - dark[c]) * grain;
      };
    }
    default: {
      const from = hsl(r.int(180, 250), r.between(0.2, 0.5), r.between(0.15, 0.3));
      return (x, y, out) => {
        const t = math.min(1, math.max(0, y / (width * 0.75)));
        for (let c = 0; c < 3; c++) out[c] = from[c] * (0.8 + 0.4 * t) + (hash2(x, y, s) - 0.5) * 0.02;
      };
    }
  }
}

/** Signed distance (mm) from a point to the card's rounded outline; negative inside. */
function cardDistance(x: number, y: number): number {
  const qx = math.abs(x - CARD_W / 2) - (CARD_W / 2 - CORNER_MM);
  const qy = math.abs(y - CARD_H / 2) - (CARD_H / 2 - CORNER_MM);
  const ox = qx > 0 ? qx : 0;
  const oy = qy > 0 ? qy : 0;
  return math.sqrt(ox * ox + oy * oy) + math.min(math.max(qx, qy), 0) - CORNER_MM;
}

interface Thumb {
  /** The tip, and the unit direction from the hand toward it. */
  tipX: number;
  tipY: number;
  dx: number;
  dy: number;
  /** Half the thumb's width (mm). */
  radius: number;
  tone: Rgb;
}
const THUMB_LENGTH = 48;

/** Where a point lies on the thumb: distance from its axis over its radius (≤ 1 on it), and along it. */
const thumbAt = { e: 0, along: 0, across: 0 };
function onThumb(t: Thumb, x: number, y: number): typeof thumbAt {
  const px = t.tipX - x;
  const py = t.tipY - y;
  // `along` from the tip back toward the hand; the rounded end's centre sits one radius behind the tip.
  const along = px * t.dx + py * t.dy;
  const across = -px * t.dy + py * t.dx;
  const axis = math.min(THUMB_LENGTH, math.max(t.radius, along));
  const ax = along - axis;
  thumbAt.e = math.sqrt(ax * ax + across * across) / t.radius;
  thumbAt.along = along;
  thumbAt.across = across;
  return thumbAt;
}

/** A thumb holding one corner of the card, pulled back until it covers no text (mm, card coordinates). */
function placeThumb(r: Random, text: Box[]): Thumb | null {
  const corner = r.pick([
    [CARD_W, 0],
    [CARD_W, CARD_H],
    [0, CARD_H],
    [0, 0],
    [CARD_W, 0],
  ] as const);
  const radius = r.between(7, 9.5);
  const tone = hsl(r.int(14, 30), r.between(0.3, 0.55), r.between(0.5, 0.72));
  // The thumb comes from outside the card, pointing roughly at its middle.
  const angle = math.atan2(CARD_H / 2 - corner[1], CARD_W / 2 - corner[0]) + r.between(-0.45, 0.45);
  const dx = math.cos(angle);
  const dy = math.sin(angle);
  for (let depth = r.between(8, 16); depth > 2; depth -= 0.5) {
    const thumb = { tipX: corner[0] + dx * depth, tipY: corner[1] + dy * depth, dx, dy, radius, tone };
    const hits = text.some((b) => {
      for (let i = 0; i <= 10; i++)
        for (let j = 0; j <= 4; j++)
          if (onThumb(thumb, b.x0 + ((b.x1 - b.x0) * i) / 10, b.y0 + ((b.y1 - b.y0) * j) / 4).e < 1.2)
            return true;
      return false;
    });
    if (!hits) return thumb;
  }
  return null;
}

/**
 * Three independent streams per seed (holder, card, photo), each seed hashed first: mulberry32 states that
 * differ by a multiple of its step would otherwise share most of their draws.
 */
function streamSeed(seed: number, stream: number): number {
  let h = math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ math.imul(stream, 0xc2b2ae35);
  h = math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Where a point of the undistorted image shows in the photo. Sampling looks up photo point p at
 * centre + (p − centre)·(1 + k1·r²), r measured at p; that is inverted here by fixed-point iteration.
 */
function throughLens(x: number, y: number, width: number, height: number, k1: number): [number, number] {
  const half = math.hypot(width, height) / 2;
  const ix = (x - width / 2) / half;
  const iy = (y - height / 2) / half;
  let dx = ix;
  let dy = iy;
  for (let i = 0; i < 20; i++) {
    const lens = 1 + k1 * (dx * dx + dy * dy);
    dx = ix / lens;
    dy = iy / lens;
  }
  return [width / 2 + dx * half, height / 2 + dy * half];
}

/** Renders the photo for one seed: the same seed gives the same bytes. */
export async function renderPhotoV4(seed: number): Promise<PhotoV4> {
  const person = randomPersonV4(createRandom(streamSeed(seed, 1)));
  const cardR = createRandom(streamSeed(seed, 2));
  const r = createRandom(streamSeed(seed, 3));
  const scene: PhotoV4['scene'] = {};

  // — The frame.
  const tall = r.next() < 0.2;
  const aspect = r.pick([4 / 3, 4 / 3, 4 / 3, 16 / 9, 3 / 2]);
  const long = r.pick([1200, 1440, 1600, 1920, 2016, 2304]);
  const width = tall ? math.round(long / aspect) : long;
  const height = tall ? long : math.round(long / aspect);
  const share = tall ? r.between(0.78, 0.94) : r.between(0.52, 0.86);
  const rot = math.max(-11, math.min(11, r.gaussian() * 4.5));
  const keyX = r.between(-0.09, 0.09);
  const keyY = r.between(-0.07, 0.07);
  const k1 = r.next() < 0.7 ? r.between(-0.09, 0.05) : 0;
  const fringe = r.next() < 0.4 ? r.between(0.0006, 0.002) : 0;
  Object.assign(scene, {
    width,
    height,
    share: +share.toFixed(2),
    rot: +rot.toFixed(1),
    keyX: +keyX.toFixed(3),
    keyY: +keyY.toFixed(3),
    k1: +k1.toFixed(3),
    fringe: +fringe.toFixed(4),
  });

  // The card's corners in the undistorted image: a rectangle keystoned (the phone tilted), rotated and
  // placed, shrunk until the whole card (through the lens) sits inside the frame.
  const cxImg = width * (0.5 + r.between(-0.05, 0.05));
  const cyImg = height * (0.5 + r.between(-0.05, 0.05));
  const jitter = () => r.between(-0.012, 0.012);
  const shape: [number, number][] = [
    [-0.5 * (1 - keyX) + jitter(), -0.5 * (1 - keyY) * (CARD_H / CARD_W) + jitter()],
    [0.5 * (1 - keyX) + jitter(), -0.5 * (1 + keyY) * (CARD_H / CARD_W) + jitter()],
    [0.5 * (1 + keyX) + jitter(), 0.5 * (1 + keyY) * (CARD_H / CARD_W) + jitter()],
    [-0.5 * (1 + keyX) + jitter(), 0.5 * (1 - keyY) * (CARD_H / CARD_W) + jitter()],
  ];
  const half = math.hypot(width, height) / 2;
  const distort = (x: number, y: number): [number, number] => {
    // Observed = ideal pushed by the lens; used only to check the frame (sampling inverts the other way).
    const dx = (x - width / 2) / half;
    const dy = (y - height / 2) / half;
    const f = 1 / (1 + k1 * (dx * dx + dy * dy));
    return [width / 2 + dx * half * f, height / 2 + dy * half * f];
  };
  let cardPx = width * share;
  let corners: [number, number][] = [];
  const cos = math.cos((rot * math.PI) / 180);
  const sin = math.sin((rot * math.PI) / 180);
  for (let tries = 0; tries < 30; tries++) {
    corners = shape.map(([x, y]) => [
      cxImg + cardPx * (x * cos - y * sin),
      cyImg + cardPx * (x * sin + y * cos),
    ]);
    const ok = corners.every(([x, y]) => {
      const [u, v] = distort(x, y);
      return u > width * 0.025 && u < width * 0.975 && v > height * 0.025 && v < height * 0.975;
    });
    if (ok) break;
    cardPx *= 0.95;
  }
  scene.cardPx = math.round(cardPx);

  // — The card, drawn and rasterised a little above the size it takes in the photo.
  const { pdf, text } = await cardPdf(person, cardR, scene);
  const supersample = r.between(1.05, 1.5);
  const dpi = math.round((cardPx * supersample * 25.4) / CARD_W);
  const card = await rasterise(pdf, dpi);
  const pxPerMm = card.width / CARD_W;
  const toImage = homography(
    [
      [0, 0],
      [CARD_W, 0],
      [CARD_W, CARD_H],
      [0, CARD_H],
    ],
    corners,
  );
  const toCard = invert3(toImage);
  const mmPerOutPx = CARD_W / cardPx;
  const under = surface(r, scene, width, height);
  const shadowDx = r.between(-1.5, 1.5);
  const shadowDy = r.between(0.3, 2.2);
  const shadowSoft = r.between(1, 3.5);
  const shadowDepth = r.between(0.25, 0.55);
  const thumb = r.next() < 0.35 ? placeThumb(r, text) : null;
  scene.thumb = thumb ? `${thumb.tipX.toFixed(0)},${thumb.tipY.toFixed(0)}` : 'none';
  const edgeTone = r.between(0.55, 0.85);

  const n = width * height;
  // The photo as three float planes (0–1), one per channel.
  const planes = [0, 1, 2].map(() => new Float32Array(n));
  const [red, green, blue] = planes;
  const bg: Rgb = [0, 0, 0];
  const row = card.width * 3;
  const cardData = card.data;
  const m = toCard;
  // The surface is looked up once per point, not once per channel.
  let underX = NaN;
  let underY = NaN;
  const surfaceAt = (ix: number, iy: number) => {
    if (ix !== underX || iy !== underY) under(ix, iy, bg);
    underX = ix;
    underY = iy;
  };
  /** The scene's colour in channel c at the undistorted image point (ix, iy). */
  const seen = new Float32Array(3);
  /** The scene's colour (0–1 RGB into `seen`) at the undistorted image point (ix, iy). */
  const look = (ix: number, iy: number): void => {
    const w = m[6] * ix + m[7] * iy + m[8];
    const qx = (m[0] * ix + m[1] * iy + m[2]) / w;
    const qy = (m[3] * ix + m[4] * iy + m[5]) / w;
    const dist = cardDistance(qx, qy);
    if (dist < mmPerOutPx) {
      const fx = math.min(card.width - 1.001, math.max(0, qx * pxPerMm - 0.5));
      const fy = math.min(card.height - 1.001, math.max(0, qy * pxPerMm - 0.5));
      const x0 = fx | 0;
      const y0 = fy | 0;
      const ax = fx - x0;
      const ay = fy - y0;
      const cover = math.min(1, math.max(0, 0.5 - dist / mmPerOutPx));
      if (cover < 1) surfaceAt(ix, iy);
      for (let c = 0; c < 3; c++) {
        const i = (y0 * card.width + x0) * 3 + c;
        const inner =
          ((cardData[i] * (1 - ax) + cardData[i + 3] * ax) * (1 - ay) +
            (cardData[i + row] * (1 - ax) + cardData[i + row + 3] * ax) * ay) /
          255;
        // The card's cut edge shows as a thin lighter or darker rim.
        const rim = dist > -0.25 ? edgeTone + (inner - edgeTone) * math.min(1, -dist / 0.25) : inner;
        seen[c] = cover < 1 ? rim * cover + bg[c] * (1 - cover) : rim;
      }
    } else {
      surfaceAt(ix, iy);
      const sd = cardDistance(qx - shadowDx, qy - shadowDy);
      const shade = sd > shadowSoft * 6 ? 1 : 1 - shadowDepth * (sd < 0 ? 1 : math.exp(-sd / shadowSoft));
      for (let c = 0; c < 3; c++) seen[c] = bg[c] * shade;
    }
    if (thumb) {
      const { e, along, across } = onThumb(thumb, qx, qy);
      if (e < 1) {
        // Rounded flesh lit from above, the nail near the tip.
        const side = across / thumb.radius;
        const nailAt = (along - thumb.radius * 1.05) / (thumb.radius * 0.8);
        const nail = nailAt * nailAt + (side / 0.62) ** 2 < 1;
        const round = math.sqrt(math.max(0, 1 - side * side));
        const soft = math.min(1, (1 - e) / ((mmPerOutPx * 1.5) / thumb.radius));
        for (let c = 0; c < 3; c++) {
          const skin = nail
            ? math.min(1, thumb.tone[c] * 1.12 + 0.1) * (0.85 + 0.15 * round)
            : thumb.tone[c] * (0.62 + 0.42 * round);
          seen[c] = skin * soft + seen[c] * (1 - soft);
        }
      } else if (e < 1.3) {
        const shade = 1 - 0.45 * ((1.3 - e) / 0.3) ** 2;
        for (let c = 0; c < 3; c++) seen[c] *= shade;
      }
    }
  };
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const o = py * width + px;
      const dx = (px + 0.5 - width / 2) / half;
      const dy = (py + 0.5 - height / 2) / half;
      const rr = dx * dx + dy * dy;
      const lens = 1 + k1 * rr;
      if (!fringe) {
        look(width / 2 + dx * half * lens, height / 2 + dy * half * lens);
        red[o] = seen[0];
        green[o] = seen[1];
        blue[o] = seen[2];
        continue;
      }
      for (let c = 0; c < 3; c++) {
        // Lateral colour: red and blue land a hair apart from green toward the edges.
        const l = lens * (1 + (c - 1) * fringe * rr * 4);
        look(width / 2 + dx * half * l, height / 2 + dy * half * l);
        planes[c][o] = seen[c];
      }
    }
  }

  // — Light: white balance and exposure, vignetting, a phone's shadow, a hot spot.
  const wb: Rgb = r.pick<Rgb>([
    [1, 1, 1],
    [1.07, 1, 0.86],
    [0.93, 1, 1.08],
    [0.97, 1.04, 0.95],
    [1.04, 1, 0.93],
  ]);
  const exposure = r.between(0.82, 1.12);
  const vignette = r.next() < 0.75 ? r.between(0.12, 0.45) : 0;
  const phone = r.next() < 0.3;
  const phoneAngle = r.between(0, 2 * math.PI);
  const phoneReach = r.between(0.15, 0.38);
  const phoneDepth = r.between(0.2, 0.42);
  const phoneSoft = r.between(0.04, 0.12);
  const hot = r.next() < 0.3;
  const hotX = width * r.between(0.2, 0.8);
  const hotY = height * r.between(0.2, 0.8);
  const hotR = math.min(width, height) * r.between(0.08, 0.22);
  const hotGain = r.between(0.2, 0.45);
  Object.assign(scene, {
    wb: wb.join('/'),
    exposure: +exposure.toFixed(2),
    vignette: +vignette.toFixed(2),
    phone: phone ? +phoneDepth.toFixed(2) : 0,
    hot: hot ? +hotGain.toFixed(2) : 0,
  });
  const nx = math.cos(phoneAngle);
  const ny = math.sin(phoneAngle);
  for (let py = 0; py < height; py++)
    for (let px = 0; px < width; px++) {
      const o = py * width + px;
      const dx = (px - width / 2) / half;
      const dy = (py - height / 2) / half;
      const r2 = dx * dx + dy * dy;
      let gain = exposure * (1 - vignette * r2 * math.sqrt(r2));
      if (phone) {
        // The shadow comes in from one side of the frame: a soft half-plane.
        const along = (dx * nx + dy * ny) / 0.7;
        const t = math.min(1, math.max(0, (along - (1 - phoneReach * 2)) / phoneSoft));
        gain *= 1 - phoneDepth * t;
      }
      let add = 0;
      if (hot) {
        const d2 = ((px - hotX) ** 2 + ((py - hotY) * 1.3) ** 2) / (hotR * hotR);
        if (d2 < 9) add = hotGain * math.exp(-d2);
      }
      for (let c = 0; c < 3; c++) planes[c][o] = planes[c][o] * gain * wb[c] + add;
    }

  // — Focus: sharp on one side, softer toward the other; or soft all over.
  const unit = width / 1600;
  const focus = r.pick(['side', 'side', 'even', 'sharp']);
  const blurMax = r.between(1.0, 2.6) * unit;
  const blurEven = r.between(0.4, 1.1) * unit;
  const focusAngle = r.between(0, 2 * math.PI);
  scene.focus =
    focus === 'side'
      ? `side ${blurMax.toFixed(2)}`
      : focus === 'even'
        ? `even ${blurEven.toFixed(2)}`
        : 'sharp';
  const sharpen = r.next() < 0.5 ? r.between(0.3, 0.9) : 0;
  scene.sharpen = +sharpen.toFixed(2);
  if (focus === 'side') {
    // How far each pixel is toward the soft side, shared by the three channels.
    const fx = math.cos(focusAngle);
    const fy = math.sin(focusAngle);
    const toward = new Float32Array(n);
    for (let py = 0; py < height; py++)
      for (let px = 0; px < width; px++) {
        const t = ((px / width - 0.5) * fx + (py / height - 0.5) * fy) * 1.6 + 0.35;
        toward[py * width + px] = t < 0 ? 0 : t > 1 ? 1 : t;
      }
    for (const p of planes) {
      const soft = p.slice();
      blurPlane(soft, width, height, blurMax);
      for (let i = 0; i < n; i++) p[i] = p[i] * (1 - toward[i]) + soft[i] * toward[i];
    }
  } else if (focus === 'even') for (const p of planes) blurPlane(p, width, height, blurEven);
  if (sharpen)
    for (const p of planes) {
      const soft = p.slice();
      blurPlane(soft, width, height, 1.2 * unit);
      for (let i = 0; i < n; i++) p[i] += sharpen * (p[i] - soft[i]);
    }

  // — Sensor: moiré now and then, colour noise (in blotches on some phones), then to 8 bits.
  const moire = r.next() < 0.15 ? r.between(0.02, 0.045) : 0;
  const f1 = r.between(0.3, 0.5);
  const f2 = f1 * r.between(0.93, 0.98);
  const ma = r.between(0, math.PI);
  const chroma = r.between(0.006, 0.03);
  const luma = r.between(0.004, 0.025);
  const blotch = r.next() < 0.4 ? 2 : 1;
  Object.assign(scene, {
    moire: +moire.toFixed(3),
    chroma: +chroma.toFixed(3),
    luma: +luma.toFixed(3),
    blotch,
  });
  // A xorshift stream (fast, and the same on every run): sums of three uniforms ≈ a unit Gaussian.
  let state = r.int(1, 0x7fffffff);
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const gauss = () => (uniform() + uniform() + uniform() - 1.5) * 2;
  const blocks = math.ceil(width / blotch);
  const rowNoise = new Float32Array(blocks * 4);
  const cosA = math.cos(ma);
  const sinA = math.sin(ma);
  const cosB = math.cos(ma + 0.05);
  const sinB = math.sin(ma + 0.05);
  const tint = [0.7, 1, 0.7];
  let pixels = Buffer.alloc(n * 3);
  for (let py = 0; py < height; py++) {
    if (py % blotch === 0) for (let k = 0; k < rowNoise.length; k++) rowNoise[k] = gauss();
    for (let px = 0; px < width; px++) {
      const i = py * width + px;
      const b = ((px / blotch) | 0) * 4;
      const beat = moire
        ? moire * math.sin(f1 * (px * cosA + py * sinA)) * math.sin(f2 * (px * cosB + py * sinB))
        : 0;
      for (let c = 0; c < 3; c++) {
        const v = planes[c][i];
        // Shot noise grows with the light; chroma noise differs per channel.
        const shot = math.sqrt(v < 0.02 ? 0.02 : v > 1 ? 1 : v);
        const out = v + (rowNoise[b] * luma + rowNoise[b + 1 + c] * chroma) * shot + beat * tint[c];
        pixels[i * 3 + c] = out <= 0 ? 0 : out >= 1 ? 255 : math.round(out * 255);
      }
    }
  }

  // — Down then up again (a photo passed through a messenger), and JPEG once or twice.
  let w = width;
  let h = height;
  const rescale = r.next() < 0.22 ? r.between(0.45, 0.72) : 0;
  if (rescale) {
    const small = await sharp(pixels, { raw: { width, height, channels: 3 } })
      .resize(math.round(width * rescale), math.round(height * rescale), { kernel: 'linear' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    pixels = await sharp(small.data, {
      raw: { width: small.info.width, height: small.info.height, channels: 3 },
    })
      .resize(width, height, { kernel: 'cubic' })
      .raw()
      .toBuffer();
  }
  scene.rescale = +rescale.toFixed(2);
  const twice = r.next() < 0.4;
  const firstQ = r.int(70, 93);
  const crop = twice ? r.int(0, 7) : 0;
  const quality = r.int(50, 92);
  const moz = r.next() < 0.3;
  const chromaSubsampling = r.next() < 0.2 ? '4:4:4' : '4:2:0';
  Object.assign(scene, { firstQ: twice ? firstQ : 0, quality, moz: moz ? 1 : 0, chromaSubsampling });
  let source = sharp(pixels, { raw: { width: w, height: h, channels: 3 } });
  if (twice) {
    const first = await source.jpeg({ quality: firstQ }).toBuffer();
    // The second save crops a few pixels, so its 8×8 blocks do not line up with the first's.
    w -= crop;
    h -= crop;
    source = sharp(first).extract({ left: crop, top: crop, width: w, height: h });
  }
  const jpeg = await source.jpeg({ quality, mozjpeg: moz, chromaSubsampling }).toBuffer();
  const inPhoto = corners.map(([x, y]) => throughLens(x, y, width, height, k1));
  return { jpeg, person, scene, corners: inPhoto.map(([x, y]) => ({ x: x - crop, y: y - crop })) };
}

/** The same shape as v3's renderer, so bench.ts and diagnose.ts treat both alike (nothing to close). */
export async function openV4Renderer(): Promise<{
  render(seed: number): Promise<PhotoV4>;
  close(): Promise<void>;
}> {
  return { render: renderPhotoV4, close: async () => {} };
}
