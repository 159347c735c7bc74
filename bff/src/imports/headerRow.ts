// Finds the header of a sheet: the template's single row, or the paper form's two- and three-row header
// (社保、医保账户设立 over 申报工资…, 缴存比例 over 单位 / 个人, then a row of column numbers 1-18).
import { fieldOfHeader } from '@hiring/shared';
import { HEADER_SEARCH_ROWS } from './limits';
import { noHeader } from './importErrors';
import type { GridCell, GridRow, SheetGrid } from './sheetFile';

export interface SheetColumn {
  /** 0-based index in the row's cells. */
  index: number;
  /** The header as the sheet writes it (two-row headers joined: 缴存比例（单位）). */
  label: string;
  /** The field it fills, '' for a known column with nothing to import. */
  field: string;
}

export interface SheetHeader {
  /** Index (in the grid's rows) of the first row after the header. */
  dataStart: number;
  /** Sheet row number of the header's main row. */
  rowNumber: number;
  columns: SheetColumn[];
  /** Headers that are not form columns (ignored). */
  unknown: string[];
}

/** A cell that looks like data, not a header: an ID number, a phone number, a date. */
const DATA_LIKE = /^(\d{6,}[\dXx]?|\d{4}[.\-/年]\d{1,2}([.\-/月]\d{1,2})?.*)$/;

function recognisedFields(row: GridRow): Set<string> {
  const fields = new Set<string>();
  for (const cell of row.cells) {
    const field = fieldOfHeader(cell.text);
    if (field) fields.add(field);
  }
  return fields;
}

/** 1, 2, 3… under the header: the form numbers its columns. */
function isColumnNumbers(row: GridRow): boolean {
  const numbers = row.cells.filter((c) => c.text !== '').map((c) => Number(c.text));
  return (
    numbers.length >= 3 && numbers.every((n, i) => Number.isInteger(n) && (i === 0 || n > numbers[i - 1]))
  );
}

const isHeaderLike = (row: GridRow) => !row.cells.some((cell) => DATA_LIKE.test(cell.text));

export function findHeader(rows: readonly GridRow[]): SheetHeader | undefined {
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i += 1) {
    const fields = recognisedFields(rows[i]);
    const score = fields.size;
    if (score >= 3 && (fields.has('idNumber') || fields.has('name')) && score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best < 0) return undefined;

  // The band of header rows around the best one: merged cells repeat their text down and across it.
  let top = best;
  while (top > 0 && best - top < 3 && isHeaderLike(rows[top - 1]) && recognisedFields(rows[top - 1]).size > 0)
    top -= 1;
  let bottom = best;
  while (bottom + 1 < rows.length && bottom - best < 3 && isHeaderLike(rows[bottom + 1])) {
    const next = rows[bottom + 1];
    if (isColumnNumbers(next)) break;
    const helps = next.cells.some((cell, c) => {
      const above = rows[bottom].cells[c]?.text ?? '';
      return (
        cell.text !== '' && cell.text !== above && fieldOfHeader(`${above}（${cell.text}）`) !== undefined
      );
    });
    if (!helps && recognisedFields(next).size === 0) break;
    bottom += 1;
  }
  let dataStart = bottom + 1;
  if (dataStart < rows.length && isColumnNumbers(rows[dataStart])) dataStart += 1;

  const width = Math.max(...rows.slice(top, bottom + 1).map((row) => row.cells.length));
  const columns: SheetColumn[] = [];
  const unknown: string[] = [];
  for (let c = 0; c < width; c += 1) {
    let chosen: { label: string; field: string } | undefined;
    let parent = '';
    let lastText = '';
    for (let r = top; r <= bottom; r += 1) {
      const text = rows[r].cells[c]?.text ?? '';
      if (text === '' || text === lastText) continue;
      const joined = parent ? `${parent}（${text}）` : '';
      const joinedField = joined ? fieldOfHeader(joined) : undefined;
      const field = joinedField ?? fieldOfHeader(text);
      if (field !== undefined) chosen = { label: joinedField !== undefined ? joined : text, field };
      parent = text;
      lastText = text;
    }
    if (chosen) columns.push({ index: c, ...chosen });
    else if (lastText) unknown.push(lastText);
  }
  return { dataStart, rowNumber: rows[best].number, columns, unknown: [...new Set(unknown)] };
}

/** The sheet an import reads: its header, and its rows under the header with only the header's columns. */
export interface ChosenSheet {
  name: string;
  /** Columns numbered in the order of each row's cells; dataStart is 0. */
  header: SheetHeader;
  rows: GridRow[];
}

const EMPTY: GridCell = { text: '' };

/**
 * The first visible sheet with the form's header (a 填表说明 or cover sheet has none), cut down to the data
 * rows and the header's columns: what the event loop then holds and checks is no more than that.
 */
export function chooseSheet(grid: SheetGrid): ChosenSheet {
  for (const sheet of grid.sheets) {
    const header = findHeader(sheet.rows);
    if (!header) continue;
    const rows = sheet.rows.slice(header.dataStart).map((row) => ({
      number: row.number,
      cells: header.columns.map((column) => row.cells[column.index] ?? EMPTY),
    }));
    const columns = header.columns.map((column, index) => ({ ...column, index }));
    return { name: sheet.name, header: { ...header, dataStart: 0, columns }, rows };
  }
  throw noHeader();
}
