// The back of the card (国徽面): the national emblem (a stand-in drawing), the title, and the two
// lines the recogniser reads, 签发机关 and 有效期限, in a style drawn like the front's.
import * as L from '../src/ocr/cardLayout';
import type { RawImage } from '../src/ocr/homography';
import { escapeXml, guilloche, rasterise, type CardStyle } from './renderCard';
import type { Random } from './random';

export interface CardBack {
  issuingAuthority: string;
  /** YYYY-MM-DD */
  validFrom: string;
  /** YYYY-MM-DD, or null for 长期 */
  validUntil: string | null;
}

const SANS = "'Noto Sans CJK SC', sans-serif";
const LABEL_COLOUR = '#3f6fa6';
const dotted = (iso: string) => iso.replace(/-/g, '.');

function emblem(): string {
  const b = L.EMBLEM_BOX;
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  return (
    `<circle cx="${cx}" cy="${cy}" r="${b.width / 2 - 4}" fill="#c8312d" opacity="0.9"/>` +
    `<circle cx="${cx}" cy="${cy - 20}" r="22" fill="#e8c34a"/>` +
    `<rect x="${cx - 45}" y="${cy + 15}" width="90" height="30" fill="#e8c34a"/>`
  );
}

export function backSvg(back: CardBack, random: Random, style: CardStyle): string {
  const value = (x: number, y: number, content: string) =>
    `<text x="${x}" y="${y}" font-family="${style.valueFont}" font-weight="${style.weight}" font-size="28" fill="${style.valueColour}">${escapeXml(content)}</text>`;
  const label = (x: number, y: number, content: string) =>
    `<text x="${x}" y="${y}" font-family="${SANS}" font-size="24" fill="${LABEL_COLOUR}">${escapeXml(content)}</text>`;
  const period = `${dotted(back.validFrom)}-${back.validUntil ? dotted(back.validUntil) : '长期'}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${L.CARD_WIDTH}" height="${L.CARD_HEIGHT}">`,
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#eef3f6"/><stop offset="1" stop-color="#f4efe4"/></linearGradient></defs>`,
    `<rect width="${L.CARD_WIDTH}" height="${L.CARD_HEIGHT}" rx="34" fill="url(#bg)"/>`,
    guilloche(random),
    `<g transform="translate(${style.offsetX.toFixed(1)} ${style.offsetY.toFixed(1)})">`,
    emblem(),
    `<text x="270" y="120" font-family="${SANS}" font-weight="700" font-size="46" fill="#1b1b1b" letter-spacing="6">中华人民共和国</text>`,
    `<text x="270" y="215" font-family="${SANS}" font-weight="700" font-size="62" fill="#1b1b1b" letter-spacing="14">居民身份证</text>`,
    label(L.BACK_LABEL_X, L.AUTHORITY_BASELINE, '签发机关'),
    value(L.BACK_VALUE_X, L.AUTHORITY_BASELINE, back.issuingAuthority),
    label(L.BACK_LABEL_X, L.VALIDITY_BASELINE, '有效期限'),
    value(L.BACK_VALUE_X, L.VALIDITY_BASELINE, period),
    '</g>',
    '</svg>',
  ].join('');
}

export function renderBack(back: CardBack, random: Random, style: CardStyle): Promise<RawImage> {
  return rasterise(backSvg(back, random, style));
}
