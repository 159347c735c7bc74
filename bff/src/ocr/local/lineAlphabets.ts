// What each line of an ID card can hold. PP-OCRv6 reads some 18 700 characters of many scripts,
// traditional forms and kana among them; a mainland card prints simplified characters only, so each
// line is decoded among the characters its field can hold (靜 is never a name's, 環 never read for 璟).
// The best allowed character keeps the probability the model gave it: the share the model put on a
// character the field cannot hold is not handed to another, so a doubtful read stays doubtful.
import { ETHNICITIES } from '@hiring/shared';
import { timeSlicer, yieldToEventLoop } from '../../http/eventLoop';
import { divisionCharacters } from '../divisions';

/** Which characters a line may hold; one object per field, so the recogniser can keep its mask. */
export interface LineAlphabet {
  allows(ch: string): boolean;
}

const isHanChar = (ch: string) => /^[\u3400-\u9fff\uf900-\ufaff]$/u.test(ch);
const isSpace = (ch: string) => ch === ' ' || ch === '\u3000';
const DIGITS = '0123456789';

let traditional: Set<string> | undefined;

/**
 * Finds the traditional forms a mainland card never prints: characters OpenCC writes as another in
 * simplified Chinese (靜 → 静, 環 → 环) and gives back for that one (静 → 靜). Variants the simplified
 * standard keeps for names stay allowed, as OpenCC does not give them back (昇 → 升 → 升, 麴, 乾), and
 * so do the characters GB/T 2260's names use (於). Run once while the engine loads (about 0.5 s of
 * conversions, handed back to the event loop in slices).
 */
export function prepareLineAlphabets(): Promise<void> {
  // Every model loading at once shares the one preparation.
  preparing ??= findTraditionalForms().then((found) => {
    traditional = found;
  });
  return preparing;
}
let preparing: Promise<void> | undefined;

async function findTraditionalForms(): Promise<Set<string>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- only the engine needs OpenCC
  const OpenCC = require('opencc-js') as typeof import('opencc-js');
  // Each converter takes some 30 ms to build: the event loop is handed back between them.
  const pairs = [];
  for (const variant of ['t', 'tw', 'hk'] as const) {
    await yieldToEventLoop();
    const toSimplified = OpenCC.Converter({ from: variant, to: 'cn' });
    await yieldToEventLoop();
    pairs.push({ toSimplified, back: OpenCC.Converter({ from: 'cn', to: variant }) });
  }
  await yieldToEventLoop();
  const places = divisionCharacters();
  const found = new Set<string>();
  const slice = timeSlicer();
  // Each character is converted on its own: a phrase dictionary must not join neighbours.
  for (let code = 0x3400; code <= 0x9fff; code++) {
    const c = String.fromCharCode(code);
    const isTraditionalForm = pairs.some(({ toSimplified, back }) => {
      const simplified = toSimplified(c);
      return simplified !== c && back(simplified) === c;
    });
    if (isTraditionalForm && !places.has(c)) found.add(c);
    await slice();
  }
  return found;
}

function isTraditionalOnly(ch: string): boolean {
  if (!traditional) throw new Error('prepareLineAlphabets() has not run');
  return traditional.has(ch);
}

const simplifiedHan = (ch: string) => isHanChar(ch) && !isTraditionalOnly(ch);

const ETHNICITY_CHARS = new Set([
  ...ETHNICITIES.filter((item) => Number(item.code) <= 56)
    .map((item) => item.label)
    .join(''),
]);

/** The alphabets of the card's lines. */
export const LINE_ALPHABETS = {
  /** 姓名: simplified characters, and the · of some minority names. */
  name: { allows: (ch) => simplifiedHan(ch) || ch === '·' || isSpace(ch) },
  gender: { allows: (ch) => ch === '男' || ch === '女' || isSpace(ch) },
  /** 民族: the characters of the 56 names. */
  ethnicity: { allows: (ch) => ETHNICITY_CHARS.has(ch) || isSpace(ch) },
  /** 出生: 1990 年 3 月 7 日. */
  birth: { allows: (ch) => DIGITS.includes(ch) || '年月日'.includes(ch) || isSpace(ch) },
  idNumber: { allows: (ch) => DIGITS.includes(ch) || ch === 'X' || isSpace(ch) },
  /** 住址: simplified characters, digits, building letters (A座) and the marks addresses use. */
  address: { allows: (ch) => simplifiedHan(ch) || /^[0-9A-Z\-－—()（）#＃、.·]$/.test(ch) || isSpace(ch) },
  /** 签发机关: simplified characters. */
  authority: { allows: (ch) => simplifiedHan(ch) || isSpace(ch) },
  /** 有效期限: 2015.03.07-2035.03.07 or …-长期. */
  validity: { allows: (ch) => /^[0-9.\-－—~至长期]$/.test(ch) || isSpace(ch) },
} as const satisfies Record<string, LineAlphabet>;
