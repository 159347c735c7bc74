// The fonts the printed documents embed. Noto Sans CJK (Debian fonts-noto-cjk) covers everyday Chinese and
// some rare name characters (𠮷, 䶮); HanaMin A/B (fonts-hanazono) cover the rest of CJK Extensions A-B,
// which names on ID cards do use. scripts/install-system-deps.sh installs both. Each font is parsed once
// per process (the Noto collection is 19 MB) and embedded into every PDF as a subset of the glyphs used.
import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

export interface FontSet {
  regular: fontkit.Font;
  bold: fontkit.Font;
  /** Tried in order for characters the Noto font lacks. */
  fallbacks: fontkit.Font[];
}

const NOTO_DIRS = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/google-noto-cjk',
];
const HANAZONO_DIRS = ['/usr/share/fonts/truetype/hanazono', '/usr/share/fonts/hanazono'];

function findFile(dirs: readonly string[], name: string): string | undefined {
  const extra = process.env.DOCUMENT_FONT_DIR ? [process.env.DOCUMENT_FONT_DIR] : [];
  return [...extra, ...dirs].map((dir) => `${dir}/${name}`).find((file) => existsSync(file));
}

function open(file: string, postscriptName?: string): fontkit.Font {
  const font = fontkit.create(readFileSync(file), postscriptName);
  if (!('layout' in font)) throw new Error(`${file} 中没有字体 ${postscriptName ?? ''}`);
  return font;
}

let cached: FontSet | undefined;

/** The document fonts, loaded on first use. Throws with what to install when Noto CJK is missing. */
export function documentFonts(): FontSet {
  if (cached) return cached;
  const regular = findFile(NOTO_DIRS, 'NotoSansCJK-Regular.ttc');
  const bold = findFile(NOTO_DIRS, 'NotoSansCJK-Bold.ttc');
  if (!regular || !bold) {
    throw new Error('缺少中文字体 Noto Sans CJK：请运行 scripts/install-system-deps.sh（fonts-noto-cjk）');
  }
  const fallbacks = ['HanaMinA.ttf', 'HanaMinB.ttf']
    .map((name) => findFile(HANAZONO_DIRS, name))
    .filter((file): file is string => !!file)
    .map((file) => open(file));
  cached = {
    regular: open(regular, 'NotoSansCJKsc-Regular'),
    bold: open(bold, 'NotoSansCJKsc-Bold'),
    fallbacks,
  };
  return cached;
}

/** Code points no font of the set can draw (they would print as empty boxes). */
export function missingCharacters(text: string, fonts: FontSet = documentFonts()): string[] {
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20) continue;
    if (![fonts.regular, ...fonts.fallbacks].some((f) => f.hasGlyphForCodePoint(cp))) missing.add(ch);
  }
  return [...missing];
}
