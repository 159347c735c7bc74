// Text and shapes on a PDFKit page with CJK fallback: each string is split into runs by the first font
// that has the glyph (Noto, then HanaMin), measured with the same fonts, wrapped per character (Chinese
// breaks anywhere; Latin words are kept whole when they fit) and shrunk to fit a cell before it would
// overflow. Coordinates are points from the page's top-left corner.
import type PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Font } from 'fontkit';
import type { FontSet } from './fonts';

type Doc = InstanceType<typeof PDFDocument>;

interface Face {
  name: string;
  font: Font;
  widths: Map<number, number>;
}

export interface TextStyle {
  size: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  /** Grey level 0 (black) to 1 (white). */
  grey?: number;
}

export interface BoxStyle extends TextStyle {
  /** Smallest size the text may shrink to before the box has to grow. */
  minSize?: number;
  valign?: 'top' | 'middle';
  padding?: number;
}

const LINE_HEIGHT = 1.18;
const facesByFonts = new WeakMap<FontSet, { regular: Face; bold: Face; fallbacks: Face[] }>();

function facesOf(fonts: FontSet) {
  let faces = facesByFonts.get(fonts);
  if (!faces) {
    const face = (name: string, font: Font): Face => ({ name, font, widths: new Map() });
    faces = {
      regular: face('cjk-regular', fonts.regular),
      bold: face('cjk-bold', fonts.bold),
      fallbacks: fonts.fallbacks.map((f, i) => face(`cjk-fallback-${i}`, f)),
    };
    facesByFonts.set(fonts, faces);
  }
  return faces;
}

function advance(face: Face, cp: number): number {
  let width = face.widths.get(cp);
  if (width === undefined) {
    width = face.font.glyphForCodePoint(cp).advanceWidth / face.font.unitsPerEm;
    face.widths.set(cp, width);
  }
  return width;
}

/** Control characters and line breaks inside a value print as spaces. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ');

/** Widths and line breaks with the document fonts, for any renderer (PDF here, SVG for the PNG receipt). */
export class TextMeasure {
  protected readonly faces: ReturnType<typeof facesOf>;

  constructor(fonts: FontSet) {
    this.faces = facesOf(fonts);
  }

  /** The text split into runs of one font each. */
  protected runs(text: string, bold = false): { face: Face; text: string }[] {
    const main = bold ? this.faces.bold : this.faces.regular;
    const runs: { face: Face; text: string }[] = [];
    for (const ch of clean(text)) {
      const cp = ch.codePointAt(0)!;
      const face = main.font.hasGlyphForCodePoint(cp)
        ? main
        : (this.faces.fallbacks.find((f) => f.font.hasGlyphForCodePoint(cp)) ?? main);
      const last = runs[runs.length - 1];
      if (last && last.face === face) last.text += ch;
      else runs.push({ face, text: ch });
    }
    return runs;
  }

  width(text: string, size: number, bold = false): number {
    let width = 0;
    for (const run of this.runs(text, bold)) {
      for (const ch of run.text) width += advance(run.face, ch.codePointAt(0)!);
    }
    return width * size;
  }

  /** Lines of at most `width` points; a Latin word or number moves whole to the next line when it fits there. */
  wrap(text: string, width: number, size: number, bold = false): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split(/\n/).map(clean)) {
      let line = '';
      const tokens = paragraph.match(/[A-Za-z0-9.%×\-/]+—?|\s+|./gsu) ?? [];
      for (const token of tokens) {
        if (this.width(line + token, size, bold) <= width) {
          line += token;
        } else if (line !== '' && this.width(token.trimStart(), size, bold) <= width) {
          lines.push(line.trimEnd());
          line = token.trimStart();
        } else {
          // The token alone is too wide: break it per character.
          for (const ch of token) {
            if (line !== '' && this.width(line + ch, size, bold) > width) {
              lines.push(line.trimEnd());
              line = ch.trimStart();
            } else line += ch;
          }
        }
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }
}

export class Painter extends TextMeasure {
  constructor(
    readonly doc: Doc,
    fonts: FontSet,
  ) {
    super(fonts);
    for (const face of [this.faces.regular, this.faces.bold, ...this.faces.fallbacks]) {
      doc.registerFont(face.name, face.font as never, face.name);
    }
  }

  /** One line of text whose top is at y. */
  text(x: number, y: number, text: string, style: TextStyle & { width?: number }): void {
    const { size, bold, align = 'left', width = 0, grey = 0 } = style;
    const total = this.width(text, size, bold);
    let cursor = align === 'center' ? x + (width - total) / 2 : align === 'right' ? x + width - total : x;
    const baseline = y + size * 0.88;
    this.doc.fillColor(
      grey === 0 ? 'black' : ([grey * 255, grey * 255, grey * 255].map(Math.round) as never),
    );
    for (const run of this.runs(text, bold)) {
      this.doc.font(run.face.name).fontSize(size);
      this.doc.text(run.text, cursor, baseline, { lineBreak: false, baseline: 'alphabetic' });
      let w = 0;
      for (const ch of run.text) w += advance(run.face, ch.codePointAt(0)!);
      cursor += w * size;
    }
    this.doc.fillColor('black');
  }

  /** The size and lines at which the text fits `width` within `maxLines`, shrinking down to minSize. */
  fit(text: string, width: number, style: BoxStyle, maxHeight = Infinity) {
    const min = style.minSize ?? style.size;
    for (let size = style.size; ; size = Math.max(min, size - 0.5)) {
      const lines = this.wrap(text, width, size, style.bold);
      const height = lines.length * size * LINE_HEIGHT;
      if (height <= maxHeight || size <= min) return { size, lines, height };
    }
  }

  /** Height the text needs in a box of `width`. */
  heightOf(text: string, width: number, style: BoxStyle, maxHeight?: number): number {
    const pad = style.padding ?? 1.5;
    return (
      this.fit(text, width - 2 * pad, style, maxHeight === undefined ? undefined : maxHeight - 2 * pad)
        .height +
      2 * pad
    );
  }

  /** Text inside a box (the box itself is not stroked). */
  box(x: number, y: number, w: number, h: number, text: string, style: BoxStyle): void {
    if (!text) return;
    const pad = style.padding ?? 1.5;
    const { size, lines, height } = this.fit(text, w - 2 * pad, style, h - 2 * pad);
    let top = style.valign === 'top' ? y + pad : y + (h - height) / 2;
    for (const line of lines) {
      this.text(x + pad, top + size * 0.09, line, { ...style, size, width: w - 2 * pad });
      top += size * LINE_HEIGHT;
    }
  }

  rect(x: number, y: number, w: number, h: number, lineWidth = 0.6): void {
    this.doc.lineWidth(lineWidth).rect(x, y, w, h).stroke('black');
  }

  line(x1: number, y1: number, x2: number, y2: number, lineWidth = 0.6): void {
    this.doc.lineWidth(lineWidth).moveTo(x1, y1).lineTo(x2, y2).stroke('black');
  }

  /** A printed checkbox, ticked with a stroke (no glyph needed, so it prints on any printer). */
  checkbox(x: number, y: number, size: number, checked: boolean): void {
    this.rect(x, y, size, size, 0.6);
    if (checked) {
      this.doc
        .lineWidth(size * 0.16)
        .moveTo(x + size * 0.18, y + size * 0.52)
        .lineTo(x + size * 0.42, y + size * 0.78)
        .lineTo(x + size * 0.84, y + size * 0.2)
        .stroke('black');
    }
  }

  /** A checkbox followed by its label; returns the x after it. */
  option(x: number, y: number, label: string, checked: boolean, size: number): number {
    this.checkbox(x, y + size * 0.1, size * 0.9, checked);
    this.text(x + size * 1.15, y, label, { size });
    return x + size * 1.15 + this.width(label, size) + size * 0.6;
  }

  /** A QR code as vector squares (sharp at any print resolution), with its quiet zone. */
  qr(x: number, y: number, size: number, content: string): void {
    const code = qrRuns(content);
    const cell = size / (code.size + 4);
    for (const run of code.runs) {
      this.doc.rect(x + (run.col + 2) * cell, y + (run.row + 2) * cell, run.length * cell, cell);
    }
    this.doc.fill('black');
  }
}

export const lineHeightOf = (size: number) => size * LINE_HEIGHT;

/** The dark modules of a QR code as rectangles in module units (one per horizontal run), and its size. */
export function qrRuns(content: string): {
  size: number;
  runs: { row: number; col: number; length: number }[];
} {
  const { modules } = QRCode.create(content, { errorCorrectionLevel: 'M' });
  const runs: { row: number; col: number; length: number }[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      let end = col;
      while (end + 1 < modules.size && modules.get(row, end + 1)) end++;
      runs.push({ row, col, length: end - col + 1 });
      col = end;
    }
  }
  return { size: modules.size, runs };
}
