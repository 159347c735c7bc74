// Looks inside an .xlsx (a zip of XML parts) before exceljs does. exceljs inflates every part in full and
// hands the XML to a parser, so the bounds are enforced here first: the central directory's entry count
// and declared sizes, then each part inflated by yauzl, which stops a part that inflates past its declared
// size. XML parts with a DOCTYPE or ENTITY declaration (billion laughs, external entities) are refused:
// spreadsheets never need one.
import * as yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import { encryptedSheet, sheetTooBig, unsafeSheet } from './importErrors';
import { MAX_CELLS, MAX_PART_BYTES, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES } from './limits';

export interface ZipSummary {
  entries: number;
  unzippedBytes: number;
  cells: number;
  /** A macro project is present (.xlsm); it is never run, only ignored. */
  hasMacros: boolean;
  /** xl/workbook.xml is there: the zip is a spreadsheet, not some other document. */
  hasWorkbook: boolean;
}

const XML_PART = /\.(xml|rels|vml)$/i;
const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;
const DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;
const CELL_TAG = /<c[\s>/]/g;

class Refusal extends Error {
  constructor(readonly answer: Error) {
    super(answer.message);
  }
}

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (error, zip) => (error || !zip ? reject(new Refusal(unsafeSheet())) : resolve(zip)),
    );
  });
}

function inflate(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream?: Readable) => {
      if (error || !stream) return reject(new Refusal(unsafeSheet()));
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // yauzl already errors past the declared size; this bounds a part that declares too much.
        if (size > MAX_PART_BYTES) stream.destroy(new Refusal(sheetTooBig('单个部件解压后过大')));
        else chunks.push(chunk);
      });
      stream.on('error', (e) => reject(e instanceof Refusal ? e : new Refusal(unsafeSheet())));
      stream.on('end', () => resolve(Buffer.concat(chunks, size)));
    });
  });
}

/** XML in anything but UTF-8 could hide a declaration from a byte search; Office never writes it. */
function isUtf8Xml(part: Buffer): boolean {
  if (part.length >= 2 && ((part[0] === 0xfe && part[1] === 0xff) || (part[0] === 0xff && part[1] === 0xfe)))
    return false;
  return !part.subarray(0, 64).includes(0);
}

/**
 * Checks an .xlsx within the import's bounds, or throws the answer for the operator. Inflating runs in
 * zlib's thread pool, so the event loop only does the scans.
 */
export async function inspectWorkbookZip(buffer: Buffer): Promise<ZipSummary> {
  let zip: yauzl.ZipFile | undefined;
  try {
    zip = await openZip(buffer);
    if (zip.entryCount > MAX_ZIP_ENTRIES) throw new Refusal(sheetTooBig(`文件内部件数 ${zip.entryCount}`));
    const summary: ZipSummary = {
      entries: zip.entryCount,
      unzippedBytes: 0,
      cells: 0,
      hasMacros: false,
      hasWorkbook: false,
    };
    const opened = zip;
    await new Promise<void>((resolve, reject) => {
      opened.on('error', (e) => reject(e instanceof Refusal ? e : new Refusal(unsafeSheet())));
      opened.on('end', () => resolve());
      opened.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          if (entry.isEncrypted()) throw new Refusal(encryptedSheet());
          summary.unzippedBytes += entry.uncompressedSize;
          if (entry.uncompressedSize > MAX_PART_BYTES || summary.unzippedBytes > MAX_UNZIPPED_BYTES)
            throw new Refusal(sheetTooBig('解压后过大'));
          if (/vbaProject\.bin$/i.test(entry.fileName)) summary.hasMacros = true;
          if (entry.fileName === 'xl/workbook.xml') summary.hasWorkbook = true;
          // Every part is inflated once here, so a part whose header lies about its size is caught
          // before exceljs trusts it.
          const part = await inflate(opened, entry);
          if (XML_PART.test(entry.fileName)) {
            if (!isUtf8Xml(part)) throw new Refusal(unsafeSheet());
            const xml = part.toString('latin1');
            if (DECLARATION.test(xml)) throw new Refusal(unsafeSheet());
            if (WORKSHEET_PART.test(entry.fileName)) {
              summary.cells += xml.match(CELL_TAG)?.length ?? 0;
              if (summary.cells > MAX_CELLS) throw new Refusal(sheetTooBig(`超过 ${MAX_CELLS} 个单元格`));
            }
          }
          opened.readEntry();
        })().catch(reject);
      });
      opened.readEntry();
    });
    return summary;
  } catch (error) {
    if (error instanceof Refusal) throw error.answer;
    throw unsafeSheet();
  } finally {
    zip?.close();
  }
}
