// The default engine: everything runs on this machine, with Debian's tesseract and sharp.
import os from 'node:os';
import { parseIdNumber } from '@hiring/shared';
import * as L from '../cardLayout';
import {
  birthDateFromParts,
  birthDateFromText,
  cleanAddress,
  cleanIdNumber,
  cleanName,
  ethnicityFromText,
  genderFromText,
} from '../fieldText';
import { notAnIdCard, ocrBusy, ocrUnavailable } from '../ocrErrors';
import type { IdCardImage, IdCardReading, OcrProvider } from '../types';
import {
  binarise,
  cropBox,
  darken,
  embolden,
  joinHorizontally,
  spaceOutCharacters,
  stack,
  whitenPaper,
  wordsByStrip,
} from './fieldImages';
import { decodePhoto, locateCard, straightenCard } from './locateCard';
import { chooseName, nameLikeness, type NameRead } from './nameChoice';
import { recognise, TesseractError, type TesseractOptions } from './tesseract';

/**
 * Card pixels per canonical unit. Measured on the generated set: the digits read best at 1.5 (numerals
 * about 40 px tall), the Chinese fields at 1 (names 95 % vs 90 % at 1.5).
 */
const SCALE = 1.5;
const ZH_SCALE = 1;
const ID_CHARS = '0123456789X';
const BIRTH_GAP = 90;
/** The name box starts this far (card units) before the value column; its characters are this wide. */
const NAME_LEAD = L.VALUE_X - L.FIELD_BOXES.name.x - 4;

const YEAR_BOX: L.Box = { x: L.VALUE_X - 10, y: L.BIRTH_BASELINE - 40, width: 86, height: 54 };
const MONTH_BOX: L.Box = { x: L.BIRTH_MONTH_X - 10, y: L.BIRTH_BASELINE - 40, width: 50, height: 54 };
const DAY_BOX: L.Box = { x: L.BIRTH_DAY_X - 10, y: L.BIRTH_BASELINE - 40, width: 50, height: 54 };

/** The three numbers of the 出生 line, read as separate words. */
function birthDateFromWords(text: string): string | null {
  const parts = text
    .split(/\s+/)
    .map((part) => part.replace(/X/g, ''))
    .filter(Boolean);
  if (parts.length !== 3) return null;
  return birthDateFromParts(parts[0], parts[1], parts[2]);
}

interface BirthRead {
  date: string | null;
  confidence: number;
}

/**
 * The 出生 line is read twice: in Chinese with its 年 月 日 (the better reader of these proportional
 * digits, but it takes a lone 1 or 7 for 工 or 了) and digits-only. On the test set the Chinese read was
 * right whenever the two disagreed, so it wins; the digits read fills in when the Chinese one fails.
 */
function chooseBirthDate(
  chinese: BirthRead,
  digitsOnly: BirthRead,
): { date: string; confidence: number } | null {
  if (chinese.date && chinese.date === digitsOnly.date) {
    return { date: chinese.date, confidence: Math.max(chinese.confidence, digitsOnly.confidence) };
  }
  if (chinese.date)
    return { date: chinese.date, confidence: chinese.confidence * (digitsOnly.date ? 0.6 : 0.85) };
  if (digitsOnly.date) return { date: digitsOnly.date, confidence: digitsOnly.confidence * 0.85 };
  return null;
}

export interface LocalProviderOptions {
  /** The tesseract binary (default: `tesseract` on PATH). */
  tesseractCommand?: string;
  /** Photos read at the same time; each uses two tesseract processes. Default: the CPU count. */
  concurrency?: number;
  /** Photos allowed to wait for a turn before callers are told to come back later. */
  maxQueue?: number;
}

/** A small counting semaphore: OCR is CPU-bound, so more parallel work only makes every request slower. */
function createLimiter(concurrency: number, maxQueue: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= concurrency) {
      if (waiting.length >= maxQueue) throw ocrBusy();
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running++;
    }
    try {
      return await task();
    } finally {
      const nextTask = waiting.shift();
      if (nextTask) nextTask();
      else running--;
    }
  };
}

export function createLocalOcrProvider(options: LocalProviderOptions = {}): OcrProvider {
  const limit = createLimiter(
    options.concurrency ?? Math.max(1, os.availableParallelism()),
    options.maxQueue ?? 16,
  );
  const read = async (
    image: Parameters<typeof recognise>[0],
    settings: Omit<TesseractOptions, 'command'>,
  ) => {
    try {
      return await recognise(image, { ...settings, command: options.tesseractCommand });
    } catch (error) {
      if (error instanceof TesseractError) throw ocrUnavailable();
      throw error;
    }
  };

  async function readCard(input: IdCardImage): Promise<IdCardReading> {
    const photo = await decodePhoto(input.data);
    const outline = await locateCard(photo);
    if (!outline) throw notAnIdCard();
    const digitCard = straightenCard(photo, outline, SCALE);
    const field = (box: L.Box) => whitenPaper(cropBox(digitCard, box, SCALE));
    const zhCard = straightenCard(photo, outline, ZH_SCALE);
    const zhField = (box: L.Box) => whitenPaper(cropBox(zhCard, box, ZH_SCALE));

    const [name, gender, ethnicity, birthLine, address, idNumber, year, month, day] = await Promise.all([
      zhField(L.FIELD_BOXES.name),
      zhField(L.FIELD_BOXES.gender),
      zhField(L.FIELD_BOXES.ethnicity),
      zhField(L.FIELD_BOXES.birth),
      zhField(L.FIELD_BOXES.address),
      field(L.FIELD_BOXES.idNumber),
      field(YEAR_BOX),
      field(MONTH_BOX),
      field(DAY_BOX),
    ]);
    const chinese = stack([
      { key: 'name', image: name },
      { key: 'gender', image: gender },
      { key: 'ethnicity', image: ethnicity },
      { key: 'birth', image: birthLine },
      { key: 'address', image: address },
    ]);
    // The number and the birth date are read with digits only, so an O can never stand in for a 0.
    const digits = stack([
      { key: 'idNumber', image: idNumber },
      // Year, month and day sit between printed 年 月 日; joined without those they read as one line.
      { key: 'birth', image: joinHorizontally([year, month, day], BIRTH_GAP) },
    ]);
    const [chineseWords, digitWords] = await Promise.all([
      read(chinese.image, { language: 'chi_sim', psm: 6 }),
      // Sparse mode keeps the birth date's three numbers apart; block mode runs them together.
      read(digits.image, { language: 'eng', psm: 11, whitelist: ID_CHARS }),
    ]);
    const zh = wordsByStrip(chineseWords, chinese.strips);
    const num = wordsByStrip(digitWords, digits.strips, 'leftToRight');

    let idText = cleanIdNumber(num.idNumber.text);
    let idConfidence = num.idNumber.confidence;
    if (!idText || !parseIdNumber(idText)) {
      // A second look at the number line alone, as one line; the stacked read sometimes splits it.
      const again = wordsByStrip(await read(idNumber, { language: 'eng', psm: 7, whitelist: ID_CHARS }), [
        { key: 'idNumber' as const, top: 0, bottom: idNumber.height },
      ]).idNumber;
      const retry = cleanIdNumber(again.text);
      if (retry && (parseIdNumber(retry) || !idText)) {
        idText = retry;
        idConfidence = again.confidence;
      }
    }

    let nameRead: NameRead = { name: cleanName(zh.name.text), confidence: zh.name.confidence };
    if (nameLikeness(nameRead.name) < 2) {
      // Not a common surname and one or two characters: look at the name line again, alone, prepared
      // five ways (characters set apart, darker, bolder, as it was, black and white), and keep the first
      // read most like a name. Faint or thin strokes are what most often leaves the first read empty.
      const pitch = L.VALUE_FONT_SIZE * ZH_SCALE;
      const again = stack([
        { key: 'spaced', image: spaceOutCharacters(name, pitch, pitch, NAME_LEAD * ZH_SCALE) },
        { key: 'dark', image: darken(name) },
        { key: 'bold', image: embolden(name) },
        { key: 'plain', image: name },
        { key: 'binary', image: binarise(name) },
      ]);
      const reads = wordsByStrip(await read(again.image, { language: 'chi_sim', psm: 6 }), again.strips);
      nameRead = chooseName([
        nameRead,
        ...Object.values(reads).map((r) => ({ name: cleanName(r.text), confidence: r.confidence })),
      ]);
    }

    const birth = chooseBirthDate(
      { date: birthDateFromText(zh.birth.text), confidence: zh.birth.confidence },
      { date: birthDateFromWords(num.birth.text), confidence: num.birth.confidence },
    );
    const fields = {
      idNumber: idText,
      name: nameRead.name,
      gender: genderFromText(zh.gender.text),
      ethnicity: ethnicityFromText(zh.ethnicity.text),
      birthDate: birth?.date ?? null,
      address: cleanAddress(zh.address.text),
    };
    // Neither a name nor most of a number: whatever this photo shows, it is not a card front.
    if (!fields.name && (idText?.length ?? 0) < 12) throw notAnIdCard();

    return {
      fields: { ...fields, ethnicity: fields.ethnicity?.code ?? null },
      confidence: {
        idNumber: idText ? idConfidence : 0,
        name: fields.name ? nameRead.confidence : 0,
        gender: fields.gender ? zh.gender.confidence : 0,
        ethnicity: fields.ethnicity ? zh.ethnicity.confidence * (fields.ethnicity.exact ? 1 : 0.6) : 0,
        birthDate: birth?.confidence ?? 0,
        address: fields.address ? zh.address.confidence : 0,
      },
    };
  }

  return {
    name: 'local-tesseract',
    readIdCard: (image) => limit(() => readCard(image)),
  };
}
