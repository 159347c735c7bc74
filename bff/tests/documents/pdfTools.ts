// Reading generated PDFs the way a person checks them: poppler's pdftotext/pdfinfo/pdftoppm (installed by
// scripts/install-system-deps.sh), independent of the library that wrote them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dir = mkdtempSync(path.join(tmpdir(), 'hiring-pdf-'));
let counter = 0;

export function savePdf(pdf: Buffer): string {
  const file = path.join(dir, `doc-${++counter}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

export function pageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** The text of one page (1-based) or all, in drawing order, whitespace removed: cells wrap over lines. */
export function pageText(file: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', ...range, file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }).replace(/\s+/g, '');
}

export function fontsOf(file: string): string {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

/** Renders one page to PNG at `dpi`; returns the PNG's path. */
export function renderPage(file: string, page: number, outBase: string, dpi = 150): string {
  execFileSync('pdftoppm', [
    '-r',
    String(dpi),
    '-png',
    '-singlefile',
    '-f',
    String(page),
    '-l',
    String(page),
    file,
    outBase,
  ]);
  return `${outBase}.png`;
}

export const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
