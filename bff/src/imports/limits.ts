// The bounds of one import. They keep the work of reading a sheet small and predictable whatever is
// uploaded: a real sheet of 500 hires is far inside every one of them.

/** The upload itself (issue 16): a template with 500 filled rows is about 60 KB. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Parts of an .xlsx: a workbook from Excel or WPS has 10-30. */
export const MAX_ZIP_ENTRIES = 200;
/** One part inflated, and all of them together; anything larger is a zip bomb or not a hiring sheet. */
export const MAX_PART_BYTES = 16 * 1024 * 1024;
export const MAX_UNZIPPED_BYTES = 32 * 1024 * 1024;
/** Cells in all worksheets (styled empty ones included): 500 hires × 30 columns is 15 000. */
export const MAX_CELLS = 60_000;
/** Rows of a CSV, blank ones included. */
export const MAX_CSV_LINES = 5_000;
/** Rows and columns read from the chosen sheet; the header must be within the first rows. */
export const MAX_SHEET_ROWS = 2_000;
export const MAX_SHEET_COLUMNS = 80;
export const HEADER_SEARCH_ROWS = 15;
/** Longest cell text kept; longer ones are cut (no column of the form allows more than 500). */
export const MAX_CELL_CHARS = 1_000;
/** Rows read between two yields in the worker (it only shares its thread with itself). */
export const ROWS_PER_SLICE = 100;
/** Longest stretch of checking on the event loop before it yields to other requests. */
export const SLICE_MS = 8;
