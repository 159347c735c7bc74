// An uploaded file as a grid of cell texts: .xlsx through exceljs (after zipGuard has looked inside),
// .csv in UTF-8, GBK/GB18030 or UTF-16 as spreadsheet programs save it in China. Formulas give their
// cached values, macros are never run, and every cell becomes the text the operator sees.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { legacyXls, notASheet, sheetTooBig } from './importErrors';
import { MAX_CELL_CHARS, MAX_CSV_LINES, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, ROWS_PER_SLICE } from './limits';
import { inspectWorkbookZip } from './zipGuard';
import { yieldToEventLoop } from '../http/eventLoop';

export interface GridCell {
  text: string;
  /** Set when the spreadsheet stored a number: 18-digit ID numbers and 2024.10 lose digits that way. */
  number?: number;
}

export interface GridRow {
  /** 1-based row number as the spreadsheet program shows it. */
  number: number;
  cells: GridCell[];
}

export interface SheetGrid {
  kind: 'xlsx' | 'csv';
  /** Worksheets in workbook order (a CSV has one); the reader picks the one with the form's header. */
  sheets: { name: string; rows: GridRow[] }[];
  hasMacros: boolean;
}

const EMPTY: GridCell = { text: '' };

const pad2 = (n: number) => String(n).padStart(2, '0');

function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > MAX_CELL_CHARS ? trimmed.slice(0, MAX_CELL_CHARS) : trimmed;
}

/** exceljs' cell value (string, number, Date, rich text, formula with result, hyperlink…) as shown. */
export function cellOf(value: ExcelJS.CellValue | undefined, depth = 0): GridCell {
  if (value === null || value === undefined || depth > 2) return EMPTY;
  if (typeof value === 'string') return { text: clip(value) };
  if (typeof value === 'number') return { text: String(value), number: value };
  if (typeof value === 'boolean') return { text: value ? '是' : '否' };
  // exceljs reads date cells as UTC midnight of the spreadsheet's day.
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return EMPTY;
    return {
      text: `${value.getUTCFullYear()}.${pad2(value.getUTCMonth() + 1)}.${pad2(value.getUTCDate())}`,
    };
  }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return { text: clip(value.richText.map((run) => run.text ?? '').join('')) };
    if ('formula' in value || 'sharedFormula' in value)
      return cellOf((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue, depth + 1);
    if ('hyperlink' in value && 'text' in value) return cellOf(value.text as ExcelJS.CellValue, depth + 1);
    if ('error' in value) return { text: String(value.error) };
  }
  return EMPTY;
}

async function rowsOf(sheet: ExcelJS.Worksheet): Promise<GridRow[]> {
  const rows: GridRow[] = [];
  const last = Math.min(sheet.rowCount, MAX_SHEET_ROWS);
  const width = Math.min(sheet.columnCount, MAX_SHEET_COLUMNS);
  for (let r = 1; r <= last; r += 1) {
    const row = sheet.findRow(r);
    if (row?.hasValues) {
      const cells: GridCell[] = [];
      for (let c = 1; c <= width; c += 1) cells.push(cellOf(row.getCell(c).value));
      if (cells.some((cell) => cell.text !== '')) rows.push({ number: r, cells });
    }
    if (r % ROWS_PER_SLICE === 0) await yieldToEventLoop();
  }
  return rows;
}

async function readXlsx(buffer: Buffer): Promise<SheetGrid> {
  const zip = await inspectWorkbookZip(buffer);
  if (!zip.hasWorkbook) throw notASheet();
  const workbook = new ExcelJS.Workbook();
  try {
    // Validations and formatting rules are not data; exceljs expands validation ranges cell by cell.
    await workbook.xlsx.load(
      buffer as unknown as ExcelJS.Buffer,
      {
        ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst'],
      } as never,
    );
  } catch {
    throw notASheet();
  }
  const sheets: SheetGrid['sheets'] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== 'visible') continue;
    sheets.push({ name: sheet.name, rows: await rowsOf(sheet) });
  }
  return { kind: 'xlsx', sheets, hasMacros: zip.hasMacros };
}

/** UTF-8 (with or without BOM), UTF-16 (Excel's “Unicode 文本”), otherwise GB18030, a superset of GBK. */
export function decodeText(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return buffer.subarray(3).toString('utf8');
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return iconv.decode(buffer.subarray(2), 'utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return iconv.decode(buffer.subarray(2), 'utf16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return iconv.decode(buffer, 'gb18030');
  }
}

function looksBinary(buffer: Buffer): boolean {
  const head = buffer.subarray(0, 4096);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  return !utf16 && head.includes(0);
}

async function readCsv(buffer: Buffer): Promise<SheetGrid> {
  const text = decodeText(buffer);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (/^\s*</.test(firstLine) || /^%PDF/.test(firstLine)) throw notASheet();
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lines += 1;
    if (lines > MAX_CSV_LINES) throw sheetTooBig(`超过 ${MAX_CSV_LINES} 行`);
  }
  const tabs = firstLine.split('\t').length;
  const commas = firstLine.split(',').length;
  const delimiter = tabs > commas ? '\t' : firstLine.split('，').length > commas ? '，' : ',';
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet;
  try {
    // map keeps every cell as typed: exceljs would otherwise turn ID numbers into (rounded) numbers.
    sheet = await workbook.csv.read(Readable.from([text]), {
      map: (value: unknown) => value,
      parserOptions: { delimiter, ignoreEmpty: false, relaxQuotes: true } as never,
    } as never);
  } catch {
    throw notASheet();
  }
  return { kind: 'csv', sheets: [{ name: 'CSV', rows: await rowsOf(sheet) }], hasMacros: false };
}

/** Reads the upload, or throws the answer for a file that is no sheet or outside the bounds. */
export async function readSheetFile(buffer: Buffer, fileName = ''): Promise<SheetGrid> {
  if (buffer.length >= 4 && buffer.readUInt32BE(0) === 0x504b0304) return readXlsx(buffer);
  if (buffer.length >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0) throw legacyXls();
  if (buffer.length === 0 || looksBinary(buffer)) throw notASheet();
  if (/\.(xlsx|xlsm|xls)$/i.test(fileName)) throw notASheet();
  return readCsv(buffer);
}
