// Runs in a worker thread (and picks the sheet and its columns there, so only those cross over): exceljs parses each XML part in one synchronous pass, which for the largest
// sheet the bounds allow would hold the event loop for a couple of hundred milliseconds. Here it holds
// only this thread; the server keeps answering others.
import { parentPort } from 'node:worker_threads';
import type { ErrorCode } from '@hiring/shared';
import { AppError } from '../http/errors';
import { chooseSheet, type ChosenSheet, type SheetHeader } from './headerRow';
import { readSheetFile, type GridRow } from './sheetFile';

export type SheetReply =
  | { id: number; rows: GridRow[] }
  | { id: number; done: { name: string; header: SheetHeader } }
  | { id: number; refusal: { status: number; code: ErrorCode; message: string } };

export interface SheetJob {
  id: number;
  file: Uint8Array;
  fileName: string;
}

/** Rows per message: the main thread copies each message in one go, so a big sheet goes in pieces. */
const ROWS_PER_MESSAGE = 50;

function send(id: number, sheet: ChosenSheet): void {
  for (let start = 0; start < sheet.rows.length; start += ROWS_PER_MESSAGE) {
    parentPort?.postMessage({ id, rows: sheet.rows.slice(start, start + ROWS_PER_MESSAGE) });
  }
  parentPort?.postMessage({ id, done: { name: sheet.name, header: sheet.header } });
}

parentPort?.on('message', (job: SheetJob) => {
  readSheetFile(Buffer.from(job.file.buffer, job.file.byteOffset, job.file.byteLength), job.fileName)
    .then(chooseSheet)
    .then(
      (sheet) => send(job.id, sheet),
      (error: unknown) =>
        parentPort?.postMessage({
          id: job.id,
          refusal:
            error instanceof AppError
              ? { status: error.status, code: error.code, message: error.message }
              : { status: 422, code: 'IMPORT_NOT_A_SHEET', message: '' },
        }),
    );
});
