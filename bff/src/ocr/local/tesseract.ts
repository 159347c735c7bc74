// Runs the Debian `tesseract` command on an in-memory image. The image goes in on stdin and the result
// comes back on stdout, so the photo never touches the disk. Language data is the system's
// (tesseract-ocr-chi-sim); nothing is downloaded.
import { spawn } from 'node:child_process';
import type { RawImage } from '../homography';

export interface TesseractWord {
  text: string;
  /** 0-100 as reported by tesseract. */
  confidence: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface TesseractOptions {
  language: 'chi_sim' | 'eng';
  /** Page segmentation mode: 6 a block of text, 7 a single line, 11 sparse words. */
  psm: 6 | 7 | 11;
  /** Restrict the characters tesseract may answer with (LSTM honours this since 4.1). */
  whitelist?: string;
  timeoutMs?: number;
  /** The tesseract binary; defaults to the one on PATH. */
  command?: string;
}

/** Portable grey map: a header and the pixels, no encoding cost, read natively by leptonica. */
export function toPgm(image: RawImage): Buffer {
  if (image.channels !== 1) throw new Error('toPgm needs a single-channel image');
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'ascii');
  return Buffer.concat([
    header,
    Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength),
  ]);
}

export function parseTsv(tsv: string): TesseractWord[] {
  const words: TesseractWord[] = [];
  for (const line of tsv.split('\n').slice(1)) {
    const cols = line.split('\t');
    // Level 5 rows are words; the others are page, block, paragraph and line summaries.
    if (cols.length < 12 || cols[0] !== '5') continue;
    const text = cols.slice(11).join('\t').trim();
    if (!text) continue;
    words.push({
      text,
      confidence: Math.max(0, Number(cols[10])),
      left: Number(cols[6]),
      top: Number(cols[7]),
      width: Number(cols[8]),
      height: Number(cols[9]),
    });
  }
  return words;
}

export class TesseractError extends Error {
  override name = 'TesseractError';
}

export function recognise(image: RawImage, options: TesseractOptions): Promise<TesseractWord[]> {
  const args = ['-', '-', '-l', options.language, '--psm', String(options.psm), '--dpi', '300'];
  if (options.whitelist) args.push('-c', `tessedit_char_whitelist=${options.whitelist}`);
  args.push('tsv');
  return new Promise((resolve, reject) => {
    // One thread per process: requests run side by side, and OpenMP threads would only fight them.
    const child = spawn(options.command ?? 'tesseract', args, {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin.on('error', () => undefined); // a crashed child closes stdin; the exit code reports it
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new TesseractError(`tesseract could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        // stderr carries tesseract's own diagnostics, never recognised text.
        const reason = signal ? `killed by ${signal}` : Buffer.concat(err).toString('utf8').slice(0, 300);
        reject(new TesseractError(`tesseract failed (${code ?? signal}): ${reason}`));
        return;
      }
      resolve(parseTsv(Buffer.concat(out).toString('utf8')));
    });
    child.stdin.end(toPgm(image));
  });
}
