// Draws a clean card front as SVG and lets sharp (librsvg + fontconfig) rasterise it with the Noto CJK
// fonts from Debian's fonts-noto-cjk.
import sharp from 'sharp';
import { ETHNICITIES } from '@hiring/shared';
import * as L from '../src/ocr/cardLayout';
import type { RawImage } from '../src/ocr/homography';
import type { CardPerson } from './people';
import type { Random } from './random';

const SANS = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";
const SERIF = "'Noto Serif CJK SC', serif";
const MONO = "'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', monospace";
const LABEL_COLOUR = '#3f6fa6';
const VALUE_COLOUR = '#1b1b1b';

/** How a card is printed. Version 1 cards all use DEFAULT_STYLE; version 2 draws one per card. */
export interface CardStyle {
  valueFont: string;
  numberFont: string;
  /** 400 or 700: the Noto CJK faces Debian's fonts-noto-cjk installs. */
  weight: number;
  /** Extra stroke around the value glyphs (ink spread), in card units. */
  inkSpread: number;
  valueColour: string;
  /** The whole print shifted on the card (printer registration), in card units. */
  offsetX: number;
  offsetY: number;
}

export const DEFAULT_STYLE: CardStyle = {
  valueFont: SANS,
  numberFont: MONO,
  weight: 400,
  inkSpread: 0,
  valueColour: VALUE_COLOUR,
  offsetX: 0,
  offsetY: 0,
};

export function randomStyle(random: Random): CardStyle {
  return {
    valueFont: random.pick([SANS, SANS, SERIF]),
    numberFont: random.pick([MONO, MONO, SANS, SERIF]),
    weight: random.pick([400, 400, 700]),
    inkSpread: random.next() < 0.3 ? random.between(0.2, 0.8) : 0,
    valueColour: random.pick(['#1b1b1b', '#262a30', '#33302c', '#111111']),
    offsetX: random.between(-6, 6),
    offsetY: random.between(-5, 5),
  };
}

export const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

function text(x: number, y: number, content: string, size: number, colour: string, extra = ''): string {
  return `<text x="${x}" y="${y}" font-family="${SANS}" font-size="${size}" fill="${colour}" ${extra}>${escapeXml(content)}</text>`;
}

function valueText(style: CardStyle, x: number, y: number, content: string, size: number): string {
  if (style === DEFAULT_STYLE) return text(x, y, content, size, VALUE_COLOUR);
  const spread = style.inkSpread
    ? ` stroke="${style.valueColour}" stroke-width="${style.inkSpread.toFixed(2)}"`
    : '';
  return `<text x="${x}" y="${y}" font-family="${style.valueFont}" font-weight="${style.weight}" font-size="${size}" fill="${style.valueColour}"${spread}>${escapeXml(content)}</text>`;
}

export function ethnicityName(code: string): string {
  const label = ETHNICITIES.find((item) => item.code === code)?.label ?? '汉族';
  // The card prints 汉, 蒙古 … without the 族 suffix.
  return label.endsWith('族') ? label.slice(0, -1) : label;
}

export function guilloche(random: Random): string {
  // Faint security waves behind the text, like the real card's background print.
  const paths: string[] = [];
  for (let i = 0; i < 14; i++) {
    const y0 = random.between(20, L.CARD_HEIGHT - 20);
    const amplitude = random.between(8, 30);
    const period = random.between(90, 220);
    let d = `M 0 ${y0.toFixed(1)}`;
    for (let x = 10; x <= L.CARD_WIDTH; x += 10) {
      d += ` L ${x} ${(y0 + amplitude * Math.sin((x / period) * 2 * Math.PI)).toFixed(1)}`;
    }
    paths.push(`<path d="${d}" stroke="#c9dcea" stroke-width="1.2" fill="none" opacity="0.7"/>`);
  }
  return paths.join('');
}

function addressLines(address: string): string[] {
  const lines: string[] = [];
  for (let i = 0; i < address.length; i += L.ADDRESS_CHARS_PER_LINE) {
    lines.push(address.slice(i, i + L.ADDRESS_CHARS_PER_LINE));
  }
  return lines.slice(0, 3);
}

export function cardSvg(person: CardPerson, random: Random, style: CardStyle = DEFAULT_STYLE): string {
  const [year, month, day] = person.birthDate.split('-').map(Number);
  const p = L.PHOTO_BOX;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${L.CARD_WIDTH}" height="${L.CARD_HEIGHT}">`,
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f3f5f2"/><stop offset="0.6" stop-color="#eef2ee"/><stop offset="1" stop-color="#f5efe2"/></linearGradient></defs>`,
    `<rect width="${L.CARD_WIDTH}" height="${L.CARD_HEIGHT}" rx="34" fill="url(#bg)"/>`,
    guilloche(random),
    style === DEFAULT_STYLE
      ? ''
      : `<g transform="translate(${style.offsetX.toFixed(1)} ${style.offsetY.toFixed(1)})">`,
    // The portrait: a grey silhouette stands in for the holder's photo.
    `<rect x="${p.x}" y="${p.y}" width="${p.width}" height="${p.height}" fill="#dfe6ea"/>`,
    `<ellipse cx="${p.x + p.width / 2}" cy="${p.y + 125}" rx="62" ry="78" fill="#8a9299"/>`,
    `<path d="M ${p.x + 20} ${p.y + p.height} Q ${p.x + p.width / 2} ${p.y + 170} ${p.x + p.width - 20} ${p.y + p.height} Z" fill="#7b838a"/>`,
    text(L.LABEL_X, L.NAME_BASELINE, '姓  名', L.LABEL_FONT_SIZE, LABEL_COLOUR, 'xml:space="preserve"'),
    valueText(style, L.VALUE_X, L.NAME_BASELINE, person.name, L.VALUE_FONT_SIZE),
    text(L.LABEL_X, L.GENDER_BASELINE, '性  别', L.LABEL_FONT_SIZE, LABEL_COLOUR, 'xml:space="preserve"'),
    valueText(style, L.VALUE_X, L.GENDER_BASELINE, person.gender === '1' ? '男' : '女', L.VALUE_FONT_SIZE),
    text(
      L.ETHNICITY_LABEL_X,
      L.GENDER_BASELINE,
      '民  族',
      L.LABEL_FONT_SIZE,
      LABEL_COLOUR,
      'xml:space="preserve"',
    ),
    valueText(
      style,
      L.ETHNICITY_VALUE_X,
      L.GENDER_BASELINE,
      ethnicityName(person.ethnicity),
      L.VALUE_FONT_SIZE,
    ),
    text(L.LABEL_X, L.BIRTH_BASELINE, '出  生', L.LABEL_FONT_SIZE, LABEL_COLOUR, 'xml:space="preserve"'),
    valueText(style, L.VALUE_X, L.BIRTH_BASELINE, String(year), L.VALUE_FONT_SIZE),
    text(L.VALUE_X + 78, L.BIRTH_BASELINE, '年', L.LABEL_FONT_SIZE, LABEL_COLOUR),
    valueText(style, L.BIRTH_MONTH_X, L.BIRTH_BASELINE, String(month), L.VALUE_FONT_SIZE),
    text(L.BIRTH_MONTH_X + 42, L.BIRTH_BASELINE, '月', L.LABEL_FONT_SIZE, LABEL_COLOUR),
    valueText(style, L.BIRTH_DAY_X, L.BIRTH_BASELINE, String(day), L.VALUE_FONT_SIZE),
    text(L.BIRTH_DAY_X + 42, L.BIRTH_BASELINE, '日', L.LABEL_FONT_SIZE, LABEL_COLOUR),
    text(L.LABEL_X, L.ADDRESS_BASELINE, '住  址', L.LABEL_FONT_SIZE, LABEL_COLOUR, 'xml:space="preserve"'),
    ...addressLines(person.address).map((line, i) =>
      valueText(
        style,
        L.VALUE_X,
        L.ADDRESS_BASELINE + i * L.ADDRESS_LINE_HEIGHT,
        line,
        L.VALUE_FONT_SIZE - 3,
      ),
    ),
    text(L.LABEL_X, L.NUMBER_BASELINE, '公民身份号码', L.LABEL_FONT_SIZE, LABEL_COLOUR),
    `<text x="${L.NUMBER_X}" y="${L.NUMBER_BASELINE}" font-family="${style.numberFont}" font-size="${L.NUMBER_FONT_SIZE}" fill="${style.valueColour}"${style === DEFAULT_STYLE ? '' : ` font-weight="${style.weight}"`} letter-spacing="3">${person.idNumber}</text>`,
    style === DEFAULT_STYLE ? '' : '</g>',
    '</svg>',
  ];
  return parts.join('');
}

/** The clean card as raw RGBA pixels at the canonical 856 × 540 size; its rounded corners are transparent. */
export async function renderCard(person: CardPerson, random: Random, style?: CardStyle): Promise<RawImage> {
  return rasterise(cardSvg(person, random, style));
}

export async function rasterise(svg: string): Promise<RawImage> {
  const { data, info } = await sharp(Buffer.from(svg))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}
