// The default engine, all on this machine: the card is found and straightened (sharp + our own
// geometry), each field is cut out by the card's layout, and each line is read by PP-OCRv4's
// recognition model on ONNX Runtime. Reading a known line is far cheaper than detecting text in the
// whole photo, and a crop per field means a stray mark elsewhere never lands in a field.
import { parseIdNumber } from '@hiring/shared';
import * as L from '../cardLayout';
import {
  checkAddressCounty,
  confirmedPrefixLength,
  looksLikeMisreadCounty,
  looksLikeMisreadTown,
  provinceAtStart,
} from '../addressCheck';
import {
  birthDateFromText,
  cleanAddress,
  cleanChinese,
  cleanIdNumber,
  cleanName,
  ethnicityFromText,
  genderFromText,
  idNumberFromLine,
} from '../fieldText';
import type { RawImage } from '../homography';
import {
  backSideOfCard,
  frontSideOfCard,
  notAnIdCard,
  notAnIdCardBack,
  ocrStarting,
  ocrUnavailable,
} from '../ocrErrors';
import { AppError } from '../../http/errors';
import { createRecognitionQueue, type QueueLimits } from '../recognitionQueue';
import type { FieldCheck, IdCardBackReading, IdCardImage, IdCardReading, OcrProvider } from '../types';
import {
  blankColumns,
  blankRows,
  cropBox,
  cropRows,
  inkExtent,
  levelled,
  lineSlope,
  onPaper,
  splitJoinedBands,
  textRows,
  trimToRuns,
  whitenPaper,
  type LineImage,
  type RowBand,
} from './lineImages';
import { LINE_ALPHABETS as A, type LineAlphabet } from './lineAlphabets';
import { decodePhoto, locateCard, otherOutlines, straightenCard, type CardOutline } from './locateCard';
import { anchoredOutline, loadTextDetector, type TextDetector } from './textAnchor';
import {
  loadLineRecogniser,
  modelFiles,
  type LineRead,
  type LineRecogniser,
  type PpocrModel,
} from './ppocrRecogniser';

/** Card pixels per canonical unit (856 × 540 card units): printed characters about 30 px tall. */
const SCALE = 1;
/** Paper kept above and below a line's ink, in card units: the recogniser was trained on such margins. */
const LINE_MARGIN = 7;
/** Paper kept left and right of a line's ink, in card units. */
const TRIM_MARGIN = 10;
/** Ink bands shorter than this (card units) are specks, not a line of characters. */
const MIN_LINE_HEIGHT = 12;
/** A character read with less probability than this makes its field doubtful. */
const MIN_CHAR_CONFIDENCE = { name: 0.75, address: 0.85, authority: 0.75 };
/**
 * A name's character read less surely than this by one look needs a second look to agree: a wrong
 * name costs most, and PP-OCRv6 read 莉 as 码 at 0.78 and 燊 as 桌 at 0.73 on tuning photos.
 */
const NAME_ALONE_CONFIDENCE = 0.9;
/** The same for an address character: PP-OCRv6 read 塅 as 圾 at 0.87 on a tuning photo. */
const ADDRESS_ALONE_CONFIDENCE = 0.9;

/** PP-OCRv6 (18 708 characters) reads every line and looks again at a doubtful one itself. */
export const DEFAULT_MODELS: PpocrModel[] = ['ppocrv6'];

/** The loaded models: the first reads every line, the others look again at what it could not settle. */
interface LineModels {
  first: LineRecogniser;
  others: LineRecogniser[];
  /** Finds the card by its printing when its outline cannot be found or read (absent: refused then). */
  detector?: TextDetector;
}

export interface LocalProviderOptions extends Partial<QueueLimits> {
  /** ONNX Runtime threads per recognition (default 1: recognitions run side by side instead). */
  threads?: number;
  /**
   * The recognition models: the first reads every line, the others look again at a line it could
   * not settle (default DEFAULT_MODELS).
   */
  models?: PpocrModel[];
  /** Replaces the model loader (tests of start-up). */
  loadRecogniser?: () => Promise<LineRecogniser>;
}

/** Printed width of a character in em: CJK characters are square, digits and Latin letters about half. */
const charWidth = (ch: string) => (/[\u3400-\u9fff\uf900-\ufaff]/.test(ch) ? 1 : ch === '·' ? 0.45 : 0.56);
const isHan = (ch: string) => charWidth(ch) === 1;
/** Paper between two characters' boxes (or a character and the ink's end) wider than this many em: one was lost. */
const MAX_GAP_EM = 0.7;
/** Ink height of a line of CJK characters as a share of the font size. */
const HAN_INK_HEIGHT = 0.92;

/**
 * Whether the read lost a character of the printed line. A character the model does not know is
 * dropped or replaced by a narrower guess, which leaves paper in the read where the line has ink:
 * between two characters read, or between the first or last one and the ink's ends. Measured in the
 * line's own em (the spacing of its CJK characters, else its ink height), so it holds whatever the
 * font size and layout of the card.
 */
function lostCharacter(read: LineRead, image: LineImage | null): boolean {
  if (!image) return read.text.length > 0;
  if (image.clipped) return true;
  const chars = [...read.text];
  const at = read.positions;
  if (!chars.length) return true;
  if (!at || at.length !== chars.length) return false;
  const ink = inkExtent(image);
  if (!ink) return false;
  const byHeight = (ink.bottom - ink.top) / HAN_INK_HEIGHT;
  const pitches: number[] = [];
  for (let i = 0; i + 1 < chars.length; i++)
    if (isHan(chars[i]) && isHan(chars[i + 1])) pitches.push(at[i + 1] - at[i]);
  pitches.sort((a, b) => a - b);
  const median = pitches.length >= 2 ? pitches[Math.floor(pitches.length / 2)] : byHeight;
  // A pitch far from the ink height means the spacing itself holds lost characters: trust the height.
  const em = median > 0.75 * byHeight && median < 1.3 * byHeight ? median : byHeight;
  const w = chars.map(charWidth);
  const gaps = [
    at[0] - ink.left - (w[0] * em) / 2,
    ink.right - at[at.length - 1] - (w[w.length - 1] * em) / 2,
  ];
  for (let i = 0; i + 1 < chars.length; i++) gaps.push(at[i + 1] - at[i] - ((w[i] + w[i + 1]) * em) / 2);
  return gaps.some((gap) => gap > MAX_GAP_EM * em);
}

/**
 * The least probability among the characters of `reads` (lines in order) after the first `skip`
 * characters of the cleaned address. A space the model puts at a line's end (where the next line's
 * paper begins) is not part of the address and says nothing of its characters; anything else the
 * cleaning drops (a dash where 一 is printed) still counts, so a weak one makes the address doubtful.
 */
function weakestAfter(reads: LineRead[], skip: number): number {
  const kept: { ch: string; p: number }[] = [];
  for (const read of reads)
    [...read.text].forEach((ch, i) => {
      if (!/[\s\u3000]/.test(ch)) kept.push({ ch, p: read.charConfidences[i] ?? 0 });
    });
  // `skip` counts characters of the cleaned text: punctuation dropped inside the prefix is skipped too.
  let cleaned = 0;
  let from = 0;
  while (from < kept.length && cleaned < skip) {
    if (cleanChinese(kept[from].ch)) cleaned++;
    from++;
  }
  const rest = kept.slice(from).map((k) => k.p);
  return rest.length ? Math.min(...rest) : 1;
}

/** How far apart (in the name's own character spacing) the label 姓名 stands from the name it precedes. */
const LABEL_GAP_EM = 1.5;

/**
 * Where the label 姓名 ends in a name line that took its last character (or both) in, as on a card
 * outlined a little off: the line's column midway between the label and the name, or null. Only a
 * 名 set apart from what follows by more than LABEL_GAP_EM of the name's spacing is the label, so a
 * name that starts with 名 stays whole.
 */
export function nameLabelEnd(read: LineRead): number | null {
  const chars = [...read.text];
  const at = read.positions;
  const start = chars[0] === '姓' && chars[1] === '名' ? 2 : chars[0] === '名' ? 1 : 0;
  // At least two characters of name after the label: the name's spacing is measured between them.
  if (!start || !at || at.length !== chars.length || chars.length < start + 2) return null;
  const pitches = at
    .slice(start + 1)
    .map((x, i) => x - at[start + i])
    .sort((a, b) => a - b);
  const em = pitches[Math.floor(pitches.length / 2)];
  const gap = at[start] - at[start - 1];
  return em > 0 && gap > LABEL_GAP_EM * em ? (at[start] + at[start - 1]) / 2 : null;
}

/** A look at a name line read again from the line cut short of the label it took in, if it did. */
async function withoutNameLabel(recogniser: LineRecogniser, look: LineResult): Promise<LineResult> {
  const end = look.image ? nameLabelEnd(look.read) : null;
  const image = end === null ? null : (look.image as FramedLine).cutFrom?.(end);
  if (!image) return look;
  const [read] = await readLines(recogniser, [image], A.name);
  return { read, image };
}

const doubt = (field: FieldCheck['field'], reason: string): FieldCheck => ({ field, reason });
const weakest = (read: LineRead | undefined) =>
  read && read.charConfidences.length ? Math.min(...read.charConfidences) : 0;

async function cardFrom(image: IdCardImage, onMissing: () => Error) {
  const photo = await decodePhoto(image.data);
  const outline = await locateCard(photo);
  if (!outline) throw onMissing();
  return straightenCard(photo, outline, SCALE);
}

/**
 * How far past a field's box its line is looked for, in card units: prints shift, layouts differ a
 * little between card generations, and a card outline fitted a few pixels off moves every line.
 */
const REACH = { left: 30, right: 24, vertical: 12 };
/**
 * Card units searched below the layout's third address line: a layout with wider line spacing puts
 * it lower (the number's label is still well below).
 */
const ADDRESS_EXTRA_BELOW = 24;
/**
 * Card units searched above the layout's first address line: a print set higher starts there. The
 * birth line of a print set lower may then come in whole; its read is dropped (`readsAsBirthLine`).
 */
const ADDRESS_EXTRA_ABOVE = 16;
/** How far right an address line is followed, in card units: into the portrait's margin. */
const ADDRESS_REACH_RIGHT = 600;
/** The portrait starts about here on the front: no field's text lies right of it. */
const FRONT_TEXT_RIGHT = 556;

interface LineOptions {
  /** Paper kept left and right of the ink, in card units. */
  margin?: number;
  /** Paper kept above and below the ink, in card units. */
  vertical?: number;
}

/**
 * A line cut out of the card, able to cut itself again with other margins (a second look), or again
 * without what lies left of one of its own columns (a label read in with the value).
 */
type FramedLine = LineImage & {
  reframe?: (options: LineOptions) => LineImage | null;
  cutFrom?: (x: number) => FramedLine | null;
};

/** `box` grown by REACH, kept on the card and left of the portrait unless the box itself is not. */
function reachOf(box: L.Box): L.Box {
  const limit = box.x + box.width > FRONT_TEXT_RIGHT ? L.CARD_WIDTH : FRONT_TEXT_RIGHT;
  const x = Math.max(0, box.x - REACH.left);
  const right = Math.min(
    limit,
    Math.max(box.x + box.width, Math.min(limit, box.x + box.width + REACH.right)),
  );
  return {
    x,
    y: Math.max(0, box.y - REACH.vertical),
    width: right - x,
    height: box.height + 2 * REACH.vertical,
  };
}

/**
 * The line of text in `box`, prepared for the recogniser, or null. The region around the box is
 * searched: among the bands of inked rows (counted within the box's own columns) the one nearest the
 * box's middle wins unless it is much thinner than another; along the band, the runs of ink that
 * reach into the box are kept and those wholly beside it (a label, the portrait's edge) dropped.
 */
async function line(card: RawImage, box: L.Box, options: LineOptions = {}): Promise<LineImage | null> {
  const wide = reachOf(box);
  const region = await whitenPaper(cropBox(card, wide, SCALE));
  const keepFrom = Math.round((box.x - wide.x) * SCALE);
  const keepTo = Math.min(region.width, keepFrom + Math.round(box.width * SCALE));
  const columns = cropBox(region, { x: keepFrom, y: 0, width: keepTo - keepFrom, height: region.height }, 1);
  const bands = textRows(columns, MIN_LINE_HEIGHT * SCALE);
  if (!bands.length) return null;
  const tallest = Math.max(...bands.map((b) => b.bottom - b.top));
  const middle = (box.y + box.height / 2 - wide.y) * SCALE;
  const band = bands
    .filter((b) => b.bottom - b.top >= 0.6 * tallest)
    .reduce((a, b) =>
      Math.abs((b.top + b.bottom) / 2 - middle) < Math.abs((a.top + a.bottom) / 2 - middle) ? b : a,
    );
  return trimLine(region, band, keepFrom, keepTo, options);
}

function trimLine(
  region: RawImage,
  band: RowBand,
  keepFrom: number,
  keepTo: number,
  options: LineOptions = {},
  /** Columns of the region left of this are paper (a label's ink found there). */
  paperBefore = 0,
): FramedLine | null {
  const cut = (o: LineOptions) => {
    const margin = Math.round((o.vertical ?? LINE_MARGIN) * SCALE);
    const rows = cropRows(region, band.top - margin, band.bottom + margin);
    // The paper kept around the line must not bring in a neighbouring line's ink.
    const y0 = Math.max(0, band.top - margin);
    if (band.aboveEnds !== undefined) blankRows(rows, 0, band.aboveEnds - y0);
    if (band.belowStarts !== undefined) blankRows(rows, band.belowStarts - y0, rows.height);
    if (paperBefore > 0) blankColumns(rows, 0, paperBefore);
    const from = Math.max(keepFrom, paperBefore);
    const image: FramedLine | null = trimToRuns(
      rows,
      from,
      keepTo,
      Math.round((o.margin ?? TRIM_MARGIN) * SCALE),
      (band.bottom - band.top) / 2,
    );
    if (image) image.cutFrom = (x) => trimLine(region, band, keepFrom, keepTo, o, (image.left ?? 0) + x);
    return image;
  };
  const image = cut(options);
  if (image) image.reframe = cut;
  return image;
}

/**
 * Margins of the second look at a doubtful line: tighter and looser paper change the scale and
 * placement the model sees the characters at, so a character read weakly once may read surely again.
 */
const SECOND_LOOKS: LineOptions[] = [
  { vertical: 4, margin: 6 },
  { vertical: 11, margin: 16 },
  { vertical: 9, margin: 26 },
];

/** Width / height of PaddleOCR's smallest recognition input (320 × 48). */
const PADDED_ASPECT = 320 / 48;

export interface LineResult {
  read: LineRead;
  image: LineImage | null;
}

/**
 * The line's read, or a surer one agreed by two looks. When the first read has a character below
 * `minConfidence` or lost a character, the line is cut again with other margins and read again; a
 * text read identically by at least two looks is taken, each character at the best probability the
 * agreeing looks gave it but one (so two looks vouch for every character), provided one of them
 * shows no lost character. When the first model's looks settle nothing, each of `others` reads the
 * first cut and the three others, one by one until a text is agreed, its looks pooled with the earlier
 * ones. A read no second look agrees with is kept as it was (and stays
 * doubtful): one look alone never overrides another.
 */
export async function readSurely(
  recogniser: LineRecogniser,
  first: LineResult,
  minConfidence: number,
  others: LineRecogniser[] = [],
  alphabet?: LineAlphabet,
  aloneConfidence = minConfidence,
  minCharacters = 1,
  /** Each later look, by the model that made it, taken again another way (a name without its label). */
  retake: (model: LineRecogniser, look: LineResult) => Promise<LineResult> = async (_, look) => look,
): Promise<LineResult> {
  const sure = (r: LineResult) =>
    weakest(r.read) >= aloneConfidence &&
    !lostCharacter(r.read, r.image) &&
    cleanChinese(r.read.text).length >= minCharacters;
  const reframe = (first.image as FramedLine | null)?.reframe;
  if (cleanChinese(first.read.text).length < minCharacters && first.image) {
    // A read shorter than the field can be (a name of one character, or none) lost a character the
    // model saw too little paper around: PaddleOCR pads every line to at least 320 × 48, and on a
    // padded look the lost character comes back (蒋富 read as 富 on a tuning photo).
    const image: FramedLine = { ...onPaper(first.image, PADDED_ASPECT), reframe };
    const [read] = await readLines(recogniser, [image], alphabet);
    if (cleanChinese(read.text).length >= minCharacters) first = { read, image };
  }
  if (!first.read.text || sure(first) || !reframe) return first;
  const images = SECOND_LOOKS.map((o) => reframe(o));
  const looks: LineResult[] = [first];
  const lookWith = async (model: LineRecogniser, lines: (LineImage | null)[]) => {
    const reads = await readLines(model, lines, alphabet);
    for (const [i, read] of reads.entries()) looks.push(await retake(model, { read, image: lines[i] }));
  };
  await lookWith(recogniser, images);
  const settled = agreedRead(looks, minConfidence);
  if (settled) return settled;
  // Another model (one that knows characters the first does not) looks again only at a line the first
  // could not settle, one cut at a time until a text is agreed; its looks join the first's, under the
  // same rule. What it reads is taken only when it holds a character the first model cannot read at
  // all: a line of characters the first knows and could not settle stays doubtful, however sure the
  // other is (on tuning photos, PP-OCRv5 alone read 璟 as 環 and dropped 自 in 自治区, both surely).
  const beyondFirst = (result: LineResult | null) =>
    result && [...result.read.text].some((ch) => recogniser.knows?.(ch) === false) ? result : null;
  for (const model of others)
    for (const image of [first.image, ...images]) {
      await lookWith(model, [image]);
      const best = beyondFirst(agreedRead(looks, minConfidence));
      if (best) return best;
    }
  // Unconfirmed: a character above the minimum but below what one look alone may carry counts as just
  // below the minimum.
  const unconfirmed = first.read.charConfidences.map((c) =>
    c >= minConfidence && c < aloneConfidence ? minConfidence * 0.99 : c,
  );
  return { ...first, read: { ...first.read, charConfidences: unconfirmed } };
}

/**
 * The text read identically by at least two of `looks`, each character at the best probability the
 * agreeing looks gave it but one (so two looks vouch for every character), provided one of them shows
 * no lost character and every character is at least `minConfidence`; null when no text is.
 */
function agreedRead(looks: LineResult[], minConfidence: number): LineResult | null {
  let best: { result: LineResult; agreeing: number; weakest: number } | null = null;
  for (const look of looks) {
    const agreeing = looks.filter((other) => other.read.text === look.read.text);
    if (!look.read.text || agreeing.length < 2) continue;
    // Each character as surely as the second-surest look read it: one sure look alone (霏 read as 罪
    // at 0.9 once, at 0.56 the other time) never carries a character.
    const charConfidences = look.read.charConfidences.map(
      (_, i) => agreeing.map((other) => other.read.charConfidences[i] ?? 0).sort((a, b) => b - a)[1],
    );
    const read: LineRead = {
      ...look.read,
      charConfidences,
      confidence: charConfidences.reduce((a, b) => a + b, 0) / charConfidences.length,
    };
    const representative = agreeing.find((other) => !lostCharacter(other.read, other.image));
    const result = {
      read: { ...read, positions: representative?.read.positions },
      image: representative?.image ?? null,
    };
    if (!representative || Math.min(...charConfidences) < minConfidence) continue;
    if (
      !best ||
      agreeing.length > best.agreeing ||
      (agreeing.length === best.agreeing && Math.min(...charConfidences) > best.weakest)
    )
      best = { result, agreeing: agreeing.length, weakest: Math.min(...charConfidences) };
  }
  return best?.result ?? null;
}

/** The ethnicity line with wider paper margins (20 and 30 units) than `line` gives it. */
async function ethnicityVariants(card: RawImage): Promise<(LineImage | null)[]> {
  return Promise.all([20, 30].map((margin) => line(card, L.FIELD_BOXES.ethnicity, { margin })));
}

/** The address's lines (up to three) where they really are in its block. */
async function findAddressLines(card: RawImage): Promise<(LineImage | null)[]> {
  const first = L.addressLineBox(0);
  const block: L.Box = {
    ...first,
    y: first.y - ADDRESS_EXTRA_ABOVE,
    height: ADDRESS_EXTRA_ABOVE + 2 * L.ADDRESS_LINE_HEIGHT + first.height + ADDRESS_EXTRA_BELOW,
  };
  const wide = reachOf(block);
  const paper = await whitenPaper(cropBox(card, wide, SCALE));
  // Lines left slanted run level again before they are looked for (its wider twin below is sheared
  // the same, about the same column).
  const slope = lineSlope(paper);
  const region = levelled(paper, slope);
  // A long line may run on into the portrait's margin: a line whose ink reaches the edge is cut again
  // from a wider region (prepared only then), taken only when its ink ends before that one's edge (a
  // portrait joined to the line runs to it).
  let wider: Promise<RawImage> | undefined;
  const widerRegion = () =>
    (wider ??= whitenPaper(cropBox(card, { ...wide, width: ADDRESS_REACH_RIGHT - wide.x }, SCALE)).then(
      (image) => levelled(image, slope, paper.width / 2),
    ));
  const keepFrom = Math.round((block.x - wide.x) * SCALE);
  const keepTo = Math.min(region.width, keepFrom + Math.round(block.width * SCALE));
  // Rows are counted over the left half, where every line starts: a line left slanted by a card
  // outline fitted a little off (a thumb over a corner) spreads over fewer rows there and stays apart
  // from its neighbours.
  const columns = cropBox(
    region,
    { x: keepFrom, y: 0, width: Math.round((keepTo - keepFrom) / 2), height: region.height },
    1,
  );
  const pitch = L.ADDRESS_LINE_HEIGHT * SCALE;
  // The birth line above may reach into the widened block: address lines start below the top margin.
  const bands = splitJoinedBands(
    columns,
    textRows(columns, MIN_LINE_HEIGHT * SCALE),
    Math.round(0.4 * pitch),
    0.9 * pitch,
  ).filter((b) => b.top >= (REACH.vertical - 6) * SCALE);
  // Bands still run together after the split (blur, a slant): fall back to the layout's line positions.
  if (!bands.length || bands.length > 4 || bands.some((b) => b.bottom - b.top > 1.25 * pitch)) {
    return Promise.all([0, 1, 2].map((i) => line(card, L.addressLineBox(i))));
  }
  const lines: (LineImage | null)[] = [];
  for (const [i, band] of bands.entries()) {
    const apart = { ...band, aboveEnds: bands[i - 1]?.bottom, belowStarts: bands[i + 1]?.top };
    const cut = trimLine(region, apart, keepFrom, keepTo);
    // A line the block's lower edge cuts is part of the address all the same: it makes it doubtful.
    if (cut && band.bottom >= region.height - 1) lines.push({ ...cut, clipped: true });
    else if (!cut?.clipped) lines.push(cut);
    else {
      const widerCut = trimLine(await widerRegion(), apart, keepFrom, keepTo);
      lines.push(widerCut && !widerCut.clipped ? widerCut : cut);
    }
  }
  return lines;
}

/** Whether an address band read as the birth line above it (a year and 年): no address holds that. */
const readsAsBirthLine = (text: string) => /^\s*\d{4}\s*年/.test(text);
/**
 * Whether an address band read as the number's line or its label below (seven digits in a row, or
 * 公民身份): a print set high, or an outline fitted off, brings it into the block's lower reach.
 */
const readsAsNumberLine = (text: string) => /\d{7}|公民身份/.test(text.replace(/\s/g, ''));

/** Whether `next` (four characters or more) reads again what `previous` read: the same line cut twice. */
function repeatsLine(previous: string, next: string): boolean {
  const a = cleanChinese(previous);
  const b = cleanChinese(next);
  return b.length >= 4 && a.includes(b);
}

/**
 * Reads the lines that are present, each among the characters of its field (`alphabets`: one for all
 * lines or one per line); a blank one reads as empty text.
 */
async function readLines(
  recogniser: LineRecogniser,
  lines: (RawImage | null)[],
  alphabets?: LineAlphabet | (LineAlphabet | undefined)[],
): Promise<LineRead[]> {
  const reads: LineRead[] = [];
  // One line per run: a batch pads every line to the widest and costs more than it saves.
  for (const [i, l] of lines.entries()) {
    const alphabet = Array.isArray(alphabets) ? alphabets[i] : alphabets;
    reads.push(
      l ? (await recogniser.read([l], alphabet))[0] : { text: '', confidence: 0, charConfidences: [] },
    );
  }
  return reads;
}

/**
 * A value printed on the card that the valid ID number also holds (性别, 出生): the printed one when
 * they agree, none (with a reason) when they do not, the number's when the print is unreadable.
 */
function agreeingWithNumber<T extends string>(
  printed: T | null,
  fromNumber: T | undefined,
  needsCheck: FieldCheck[],
  reasons: { field: FieldCheck['field']; disagrees: string; unread: string },
): T | null {
  if (printed && fromNumber && printed !== fromNumber) {
    needsCheck.push(doubt(reasons.field, reasons.disagrees));
    return null;
  }
  const value = printed || fromNumber || null;
  if (!value) needsCheck.push(doubt(reasons.field, reasons.unread));
  return value;
}

/** Whether every field of a reading came back and its number passed its check: nothing to look again for. */
function readsWhole(reading: IdCardReading): boolean {
  const { fields } = reading;
  return Object.values(fields).every((value) => value !== null) && parseIdNumber(fields.idNumber!) !== null;
}

/** How much of a card a reading holds: a valid number counts most, then each field read. */
function readingScore(reading: IdCardReading): number {
  const { fields } = reading;
  const valid = fields.idNumber !== null && parseIdNumber(fields.idNumber) !== null;
  return (valid ? 3 : 0) + Object.values(fields).filter((value) => value !== null).length;
}

/**
 * A quick look at a card cut out along one outline, before it is read in full: its number line, and
 * when that holds a valid number, its name and birth date lines. A valid number whose birth date the
 * 出生 line repeats cannot be read off a card cut out wrongly. Scores 0 (no valid number) to PROBE_MAX.
 */
async function probeScore(recogniser: LineRecogniser, card: RawImage): Promise<number> {
  const [number] = await readLines(recogniser, [await line(card, L.FIELD_BOXES.idNumber)], A.idNumber);
  const numberText = idNumberFromLine(number.text);
  const parsed = numberText?.length === 18 ? parseIdNumber(numberText) : null;
  if (!parsed) return 0;
  const lines = await Promise.all([L.FIELD_BOXES.name, L.FIELD_BOXES.birth].map((box) => line(card, box)));
  const [name, birth] = await readLines(recogniser, lines, [A.name, A.birth]);
  const nameText = cleanName(name.text);
  return (
    PROBE_VALID_NUMBER +
    (parsed.birthDate === birthDateFromText(birth.text) ? 2 : 0) +
    (nameText && weakest(name) >= MIN_CHAR_CONFIDENCE.name ? 1 : 0)
  );
}

/** A probe's score for a valid number, its birth date on the 出生 line and a sure name. */
const PROBE_MAX = 7;
/** A probe's score for a valid number alone. */
const PROBE_VALID_NUMBER = 4;
/** Alternative outlines fully read at most, best probed first: each full read is a few hundred ms. */
const MAX_OUTLINES_READ = 2;

/**
 * Reads the front of a card. When reading along the card's outline leaves a field out or the number
 * invalid, the outline itself may be wrong (a ruled line, a shadow's edge or a thumb taken for the
 * card's cut): the other outlines the photo allows are probed, and the best probed ones read in full;
 * the reading that holds most of the card wins. A photo refused along the first outline is refused
 * only when no other outline reads as a card either.
 */
export async function readFront(
  recogniser: LineRecogniser,
  image: IdCardImage,
  others: LineRecogniser[] = [],
  detector?: TextDetector,
): Promise<IdCardReading> {
  const photo = await decodePhoto(image.data);
  // The card placed by its printing: only where no outline is found, or none reads as a card (a pale
  // card on ruled white paper under a shadow: v4 tuning 2 000 102, 2 000 133); it costs 300–700 ms.
  let anchorTried = false;
  const anchored = async () => {
    anchorTried = true;
    return detector ? anchoredOutline(photo, detector, recogniser) : null;
  };
  const outline = (await locateCard(photo)) ?? (await anchored());
  if (!outline) throw notAnIdCard();
  const firstCard = straightenCard(photo, outline, SCALE);
  let best: IdCardReading | null = null;
  let refusal: unknown = null;
  try {
    best = await readFrontOf(recogniser, firstCard, others);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    refusal = error;
  }
  if (best && readsWhole(best)) return best;

  const firstProbe = await probeScore(recogniser, firstCard);
  // A valid number, its birth date repeated and a sure name: the outline is the card's, and what is
  // missing is hard to read, not cut off.
  if (firstProbe === PROBE_MAX) {
    if (best) return best;
    throw refusal;
  }
  // Outlines, not the cards cut along them, are kept: a card is a few megabytes, cutting it again 30 ms.
  const probed: { outline: CardOutline; score: number; read?: boolean }[] = [];
  const readFully = async (candidate: { outline: CardOutline; read?: boolean }, card?: RawImage) => {
    candidate.read = true;
    let reading: IdCardReading;
    try {
      reading = await readFrontOf(
        recogniser,
        card ?? straightenCard(photo, candidate.outline, SCALE),
        others,
      );
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return;
    }
    if (!best || readingScore(reading) > readingScore(best)) best = reading;
  };
  let fullReads = 0;
  for await (const other of otherOutlines(photo, outline)) {
    const card = straightenCard(photo, other, SCALE);
    const candidate = { outline: other, score: await probeScore(recogniser, card) };
    probed.push(candidate);
    if (candidate.score === PROBE_MAX) {
      fullReads++;
      await readFully(candidate, card);
      if ((best && readsWhole(best)) || fullReads >= MAX_OUTLINES_READ) break;
    }
  }
  const promising = probed
    // Only an outline along which a valid number reads is worth a full read: the card's own always
    // showed one on tuning photos, and a photo with no card in it is refused without more reads.
    .filter((p) => !p.read && p.score > firstProbe && p.score >= PROBE_VALID_NUMBER)
    .sort((a, b) => b.score - a.score)
    .slice(0, Math.max(0, MAX_OUTLINES_READ - fullReads));
  for (const candidate of promising) {
    if (best && readsWhole(best)) break;
    await readFully(candidate);
  }
  if (!best && !anchorTried) {
    const byPrinting = await anchored();
    if (byPrinting) await readFully({ outline: byPrinting });
  }
  if (best) return best;
  throw refusal;
}

/**
 * A photo in which no card's front could be read along an outline; another outline may read it. (The
 * back of a card, recognised as such, is no wrong outline.)
 */
function isRefusal(error: unknown): boolean {
  return error instanceof AppError && error.code === 'NOT_ID_CARD';
}

async function readFrontOf(
  recogniser: LineRecogniser,
  card: RawImage,
  others: LineRecogniser[],
): Promise<IdCardReading> {
  const fields = (['name', 'gender', 'ethnicity', 'birth', 'idNumber'] as const).map((field) => ({
    box: L.FIELD_BOXES[field],
    alphabet: A[field],
  }));
  const lines = [
    ...(await Promise.all(fields.map(({ box }) => line(card, box)))),
    ...(await findAddressLines(card)),
  ];
  const [firstRead, gender, ethnicity, birth, number, ...firstAddressLines] = await readLines(
    recogniser,
    lines,
    lines.map((_, i) => fields[i]?.alphabet ?? A.address),
  );
  const unlabelled = await withoutNameLabel(recogniser, { read: firstRead, image: lines[0] });
  const firstName = unlabelled.read;
  lines[0] = unlabelled.image;
  const needsCheck: FieldCheck[] = [];
  if (firstAddressLines.length && readsAsBirthLine(firstAddressLines[0].text)) {
    firstAddressLines.shift();
    lines.splice(5, 1);
  }
  const numberLineAt = firstAddressLines.findIndex((l) => readsAsNumberLine(l.text));
  if (numberLineAt >= 0) {
    firstAddressLines.splice(numberLineAt);
    lines.splice(5 + numberLineAt);
  }

  const numberRead = idNumberFromLine(number.text);
  // Eighteen characters or nothing: a read with a digit lost or one too many is no number to correct.
  const idText = numberRead?.length === 18 ? numberRead : null;
  const parsed = idText ? parseIdNumber(idText) : null;
  const nameText0 = cleanName(firstName.text);
  const printedBirth = birthDateFromText(birth.text);
  if (!parsed) {
    // No valid number: perhaps the other side of the card (its validity line sits where the number is).
    const [label] = await readLines(recogniser, [await line(card, L.BACK_BOXES.authorityLabel)], A.authority);
    if (/签发|机关|有效|期限/.test(label.text)) throw backSideOfCard();
  }
  // A front has most of an ID number, or at least a name and a birth date where they belong.
  if ((numberRead?.length ?? 0) < 12 && !(nameText0 && printedBirth)) throw notAnIdCard();

  // A doubtful name or address line gets a second look (readSurely); a sure one is read once.
  const nameLook = await readSurely(
    recogniser,
    { read: firstName, image: lines[0] },
    MIN_CHAR_CONFIDENCE.name,
    others,
    A.name,
    NAME_ALONE_CONFIDENCE,
    // A name has two characters at least: a read of one lost the other.
    2,
    withoutNameLabel,
  );
  const name = nameLook.read;
  lines[0] = nameLook.image;
  const nameText = cleanName(name.text);
  const addressLines: LineRead[] = [];
  for (const [i, read] of firstAddressLines.entries()) {
    const look = await readSurely(
      recogniser,
      { read, image: lines[5 + i] },
      MIN_CHAR_CONFIDENCE.address,
      others,
      A.address,
      ADDRESS_ALONE_CONFIDENCE,
    );
    addressLines.push(look.read);
    lines[5 + i] = look.image;
  }

  if (numberRead && !idText) needsCheck.push(doubt('idNumber', '未能完整识别公民身份号码，请对照证件填写'));
  else if (!idText) needsCheck.push(doubt('idNumber', '未能识别公民身份号码，请对照证件填写'));
  else if (!parsed)
    needsCheck.push(doubt('idNumber', '公民身份号码校验未通过，可能识别有误，请对照证件核对'));

  let nameValue = nameText;
  if (!nameText) needsCheck.push(doubt('name', '未能识别姓名，请对照证件填写'));
  else if (weakest(name) < MIN_CHAR_CONFIDENCE.name || lostCharacter(name, lines[0])) {
    nameValue = null;
    needsCheck.push(doubt('name', '姓名有字识别不清，请对照证件填写'));
  }

  // 性别 and 出生 must agree with the number when it is valid; a disagreement is left for a person.
  const genderValue = agreeingWithNumber(genderFromText(gender.text), parsed?.gender, needsCheck, {
    field: 'gender',
    disagrees: '性别与公民身份号码不一致，请核对',
    unread: '未能识别性别，请填写',
  });
  const birthValue = agreeingWithNumber(printedBirth, parsed?.birthDate, needsCheck, {
    field: 'birthDate',
    disagrees: '出生日期与公民身份号码不一致，请核对',
    unread: '未能识别出生日期，请填写',
  });

  // 民族: one of the 56 names, read exactly; nothing else is offered. A name of one or two characters
  // reads unsteadily on its own, so unless the first read is a sure exact name it is read with two more
  // widths of paper around it and the most confident exact name wins.
  const sure = ethnicityFromText(ethnicity.text) !== null && weakest(ethnicity) >= 0.98;
  const exactNames = (reads: LineRead[]) =>
    reads
      .map((read) => ({ read, code: ethnicityFromText(read.text) }))
      .filter((r) => r.code)
      .sort((a, b) => b.read.confidence - a.read.confidence);
  const variants = sure ? [] : await ethnicityVariants(card);
  let ethnicityBest = exactNames([ethnicity, ...(await readLines(recogniser, variants, A.ethnicity))])[0];
  // A name none of the first model's reads gives exactly (仡佬 read as 佬) is read by the others.
  for (const model of others) {
    if (ethnicityBest) break;
    ethnicityBest = exactNames(await readLines(model, [lines[2], ...variants], A.ethnicity))[0];
  }
  const ethnicityValue = ethnicityBest?.code ?? null;
  if (!ethnicityValue) needsCheck.push(doubt('ethnicity', '未能确认民族，请选择'));

  // A line cut twice (a card whose lines are further apart than the layout's) reads again, whole or in
  // part, what the line before it read: that read is dropped, not appended.
  const addressRead = addressLines.filter(
    (l, i) => l.text.length > 0 && !(i > 0 && repeatsLine(addressLines[i - 1].text, l.text)),
  );
  const addressIncomplete = addressLines.some((l, i) => lostCharacter(l, lines[5 + i]));
  let addressValue = cleanAddress(addressRead.map((l) => l.text).join(''));
  let addressConfidence = addressRead.length ? Math.min(...addressRead.map((l) => l.confidence)) : 0;
  if (addressValue && parsed) {
    const checked = checkAddressCounty(addressValue, idText!);
    addressValue = checked.address;
    if (checked.corrected) addressConfidence *= 0.9;
  }
  if (!addressValue) needsCheck.push(doubt('address', '未能识别住址，请对照证件填写'));
  else if (!provinceAtStart(addressValue)) {
    // A card's address starts with its province (or municipality): a read that does not lost its first line.
    addressValue = null;
    needsCheck.push(doubt('address', '住址未识别完整，请对照证件填写'));
  } else if (
    addressIncomplete ||
    looksLikeMisreadCounty(addressValue) ||
    (parsed && looksLikeMisreadTown(addressValue, idText!)) ||
    weakestAfter(addressRead, parsed ? confirmedPrefixLength(addressValue, idText!) : 0) <
      MIN_CHAR_CONFIDENCE.address
  ) {
    addressValue = null;
    needsCheck.push(doubt('address', '住址有字识别不清，请对照证件填写'));
  }

  return {
    fields: {
      idNumber: idText,
      name: nameValue,
      gender: genderValue,
      ethnicity: ethnicityValue,
      birthDate: birthValue,
      address: addressValue,
    },
    confidence: {
      idNumber: idText ? (parsed ? number.confidence : Math.min(number.confidence, 0.3)) : 0,
      name: nameValue ? name.confidence : 0,
      gender: genderValue ? (gender.text ? gender.confidence : 0.5) : 0,
      ethnicity: ethnicityBest ? ethnicityBest.read.confidence : 0,
      birthDate: birthValue ? (birth.text ? birth.confidence : 0.5) : 0,
      address: addressValue ? addressConfidence : 0,
    },
    needsCheck,
  };
}

/** 2015.03.07 → 2015-03-07, or null unless a real date. */
function dottedDate(text: string): string | null {
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(text);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

export async function readBack(recogniser: LineRecogniser, image: IdCardImage): Promise<IdCardBackReading> {
  const card = await cardFrom(image, notAnIdCardBack);
  const lines = await Promise.all(
    [L.BACK_BOXES.authority, L.BACK_BOXES.validity].map((box) => line(card, box)),
  );
  const [authority, validity] = await readLines(recogniser, lines, [A.authority, A.validity]);
  const needsCheck: FieldCheck[] = [];

  const period = validity.text.replace(/[\s—–－~至]/g, '-').replace(/[^\d.\-长期]/g, '');
  const match = /^(\d{4}\.?\d{2}\.?\d{2})-+(\d{4}\.?\d{2}\.?\d{2}|长期)$/.exec(period);
  const validFrom = match ? dottedDate(match[1]) : null;
  const longTerm = match?.[2] === '长期';
  const validUntil = match && !longTerm ? dottedDate(match[2]) : null;
  const validityRead = Boolean(validFrom && (longTerm || (validUntil && validUntil > validFrom)));

  let authorityValue: string | null = cleanChinese(authority.text).replace(/[^\u3400-\u9fff]/g, '') || null;
  if (!validityRead && !authorityValue) {
    const [name] = await readLines(recogniser, [await line(card, L.FIELD_BOXES.name)], A.name);
    const [number] = await readLines(recogniser, [await line(card, L.FIELD_BOXES.idNumber)], A.idNumber);
    if ((cleanIdNumber(number.text)?.length ?? 0) >= 12 || cleanName(name.text)) throw frontSideOfCard();
    throw notAnIdCardBack();
  }
  if (authorityValue && (weakest(authority) < MIN_CHAR_CONFIDENCE.authority || !/局$/.test(authorityValue))) {
    authorityValue = null;
  }
  if (!authorityValue) needsCheck.push(doubt('issuingAuthority', '未能识别签发机关，请对照证件填写'));
  if (!validityRead) needsCheck.push(doubt('validity', '未能识别有效期限，请对照证件填写'));

  return {
    fields: {
      issuingAuthority: authorityValue,
      validFrom: validityRead ? validFrom : null,
      validUntil: validityRead ? validUntil : null,
      longTerm: validityRead && longTerm,
    },
    confidence: {
      issuingAuthority: authorityValue ? authority.confidence : 0,
      validity: validityRead ? validity.confidence : 0,
    },
    needsCheck,
  };
}

export function createLocalOcrProvider(options: LocalProviderOptions = {}): OcrProvider {
  const queue = createRecognitionQueue({
    concurrency: options.concurrency ?? 2,
    maxWaiting: options.maxWaiting ?? 16,
    maxWaitMs: options.maxWaitMs ?? 10_000,
  });
  const load = async (): Promise<LineModels> => {
    if (options.loadRecogniser) return { first: await options.loadRecogniser(), others: [] };
    const threads = options.threads ?? 1;
    const [detector, [first, ...others]] = await Promise.all([
      loadTextDetector(threads),
      Promise.all((options.models ?? DEFAULT_MODELS).map((m) => loadLineRecogniser(modelFiles(m), threads))),
    ]);
    return { first, others, detector };
  };
  let loading: Promise<LineModels> | undefined;
  let recogniser: LineModels | undefined;
  let failed = false;

  function start(onFailure?: (error: Error) => void) {
    if (!loading) {
      loading = load().then(
        (loaded) => (recogniser = loaded),
        (error: unknown) => {
          failed = true;
          throw error;
        },
      );
      // The failure is reported to every reader; an unobserved rejection must not end the process.
      loading.catch(() => undefined);
    }
    if (onFailure) loading.catch(onFailure);
  }

  function ready(): LineModels {
    start();
    if (recogniser) return recogniser;
    throw failed ? ocrUnavailable() : ocrStarting();
  }

  return {
    name: 'local-ppocr',
    start,
    isReady: () => recogniser !== undefined,
    hasFailed: () => failed,
    readIdCard: (image) => {
      const engine = ready();
      return queue.run(() => readFront(engine.first, image, engine.others, engine.detector));
    },
    readIdCardBack: (image) => {
      const engine = ready();
      return queue.run(() => readBack(engine.first, image));
    },
  };
}
