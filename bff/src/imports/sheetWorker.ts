// Runs in a worker thread: exceljs parses each XML part in one synchronous pass, which for the largest
// sheet the bounds allow would hold the event loop for a couple of hundred milliseconds. Here it holds
// only this thread; the server keeps answering others.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../http/errors';
import { readSheetFile, type GridRow, type SheetGrid } from './sheetFile';

export type SheetReply =
  | { id: number; rows: { sheet: number; name: string; rows: GridRow[] } }
  | { id: number; done: { kind: SheetGrid['kind']; hasMacros: boolean; sheets: number } }
  | { id: number; refusal: { status: number; code: string; message: string } };

export interface SheetJob {
  id: number;
  file: Uint8Array;
  fileName: string;
}

/** Rows per message: the main thread copies each message in one go, so a big sheet goes in pieces. */
const ROWS_PER_MESSAGE = 50;

function send(id: number, grid: SheetGrid): void {
  for (const [index, sheet] of grid.sheets.entries()) {
    for (let start = 0; start < sheet.rows.length || start === 0; start += ROWS_PER_MESSAGE) {
      const rows = sheet.rows.slice(start, start + ROWS_PER_MESSAGE);
      parentPort?.postMessage({ id, rows: { sheet: index, name: sheet.name, rows } });
    }
  }
  parentPort?.postMessage({
    id,
    done: { kind: grid.kind, hasMacros: grid.hasMacros, sheets: grid.sheets.length },
  });
}

parentPort?.on('message', (job: SheetJob) => {
  readSheetFile(Buffer.from(job.file.buffer, job.file.byteOffset, job.file.byteLength), job.fileName).then(
    (grid) => send(job.id, grid),
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
