// Reads an Excel sheet back as a person sees it: its non-empty rows, each from column A (exceljs keeps
// row and column 0 empty, 1-based).
import type ExcelJS from 'exceljs';

export function sheetRows(book: ExcelJS.Workbook, sheet: string): unknown[][] {
  return (book.getWorksheet(sheet)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
}
