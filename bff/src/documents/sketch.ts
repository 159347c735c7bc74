// One drawing surface for documents that exist both as PDF and as an image: the receipt is laid out once
// against this interface and drawn either with PDFKit (Painter) or into an SVG that sharp rasterises, with
// the same fonts, measurements and line breaks, so the PNG a phone saves matches the printed PDF.
import sharp from 'sharp';
import { documentFonts, type FontSet } from './fonts';
import { qrRuns, TextMeasure, type TextStyle } from './painter';

export interface Sketch {
  text(x: number, y: number, text: string, style: TextStyle & { width?: number }): void;
  rect(x: number, y: number, w: number, h: number, lineWidth?: number): void;
  line(x1: number, y1: number, x2: number, y2: number, lineWidth?: number): void;
  qr(x: number, y: number, size: number, content: string): void;
  width(text: string, size: number, bold?: boolean): number;
  wrap(text: string, width: number, size: number, bold?: boolean): string[];
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
const FONT_FAMILY = "'Noto Sans CJK SC', 'HanaMinA', 'HanaMinB', sans-serif";
const r = (n: number) => Math.round(n * 100) / 100;

export class SvgSketch extends TextMeasure implements Sketch {
  private readonly parts: string[] = [];

  constructor(
    readonly width_: number,
    readonly height_: number,
    fonts: FontSet = documentFonts(),
  ) {
    super(fonts);
  }

  text(x: number, y: number, text: string, style: TextStyle & { width?: number }): void {
    const { size, bold, align = 'left', width = 0, grey = 0 } = style;
    const anchor = align === 'center' ? 'middle' : align === 'right' ? 'end' : 'start';
    const ax = align === 'center' ? x + width / 2 : align === 'right' ? x + width : x;
    const fill = grey === 0 ? '#000' : `rgb(${[grey, grey, grey].map((g) => Math.round(g * 255)).join(',')})`;
    this.parts.push(
      `<text x="${r(ax)}" y="${r(y + size * 0.88)}" font-size="${size}" text-anchor="${anchor}"${bold ? ' font-weight="bold"' : ''} fill="${fill}" xml:space="preserve">${escapeXml(text)}</text>`,
    );
  }

  rect(x: number, y: number, w: number, h: number, lineWidth = 0.6): void {
    this.parts.push(
      `<rect x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}" fill="none" stroke="#000" stroke-width="${lineWidth}"/>`,
    );
  }

  line(x1: number, y1: number, x2: number, y2: number, lineWidth = 0.6): void {
    this.parts.push(
      `<line x1="${r(x1)}" y1="${r(y1)}" x2="${r(x2)}" y2="${r(y2)}" stroke="#000" stroke-width="${lineWidth}"/>`,
    );
  }

  qr(x: number, y: number, size: number, content: string): void {
    const code = qrRuns(content);
    const cell = size / (code.size + 4);
    const d = code.runs
      .map(
        (run) =>
          `M${r(x + (run.col + 2) * cell)} ${r(y + (run.row + 2) * cell)}h${r(run.length * cell)}v${r(cell)}h${r(-run.length * cell)}z`,
      )
      .join('');
    this.parts.push(`<path d="${d}" fill="#000" shape-rendering="crispEdges"/>`);
  }

  svg(scale: number): string {
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(this.width_ * scale)}" height="${Math.round(this.height_ * scale)}" viewBox="0 0 ${this.width_} ${this.height_}" font-family="${FONT_FAMILY}">`,
      `<rect width="100%" height="100%" fill="#fff"/>`,
      ...this.parts,
      '</svg>',
    ].join('');
  }

  /** A grey-scale PNG (black on white prints and shares well), `scale` pixels per point. */
  async png(scale = 2): Promise<Buffer> {
    return sharp(Buffer.from(this.svg(scale)))
      .flatten({ background: '#fff' })
      .greyscale()
      .png({ compressionLevel: 9, palette: true })
      .toBuffer();
  }
}
