// Portfolio import, reading the file: a CSV (in whatever encoding an accounting program wrote it) or an XLSX (any sheet,
// with title rows above the real header and totals below the data) becomes a header and rows of trimmed strings, each
// with the line a person finds it on in their spreadsheet program. What was detected (encoding, sheet, header row) is
// told back, so a person can correct it and have the same file read again their way.
import { inflateRawSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../lazy-libraries.js';
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  importEncodings,
  type ImportEncoding,
  type ImportReading,
  type ImportReadingChoice,
} from '@bureau/common';
import { guessMapping } from './import.parse.js';

export const MAX_ROWS = IMPORT_MAX_ROWS;
export const MAX_BYTES = IMPORT_MAX_BYTES;
/** What an XLSX may unpack to: a 50,000-row sheet is far below it, a zip bomb far above. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
/** How far down a sheet its header is looked for, and how many of those rows are offered to choose from. */
const HEADER_SEARCH_ROWS = 30;
const TOP_ROWS_SHOWN = 12;

export type ImportFileErrorReason =
  'empty' | 'unsupported' | 'too_many_rows' | 'too_large' | 'malformed' | 'no_such_sheet' | 'no_such_row';

/** A file we refuse as a whole; `reason` is what the caller translates, `message` is for logs only. */
export class ImportFileError extends Error {
  constructor(
    readonly reason: ImportFileErrorReason,
    message: string = reason,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export type Spreadsheet = {
  headers: string[];
  rows: string[][];
  /** The line (CSV) or row (XLSX) a person finds each entry of `rows` on: blank rows and quoted line breaks make them differ from index + 2. */
  rowNumbers: number[];
  reading: ImportReading;
};

/** Entries of [line or row number, cells]; blank rows are already gone. */
type NumberedRow = [number, string[]];

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Legacy .xls and other Office binaries (OLE compound files): recognisable, but not something we read.
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * Reads an XLSX or a CSV (`,` `;` or tab; UTF-8, UTF-16, Windows-1250, ISO-8859-2 or Windows-1252); the content decides,
 * not the name. `choice` overrides what would be detected; `countryHint` (the office's) breaks a tie between encodings.
 */
export async function readSpreadsheet(
  buffer: Buffer,
  filename: string,
  choice: ImportReadingChoice = {},
  countryHint = 'PL',
): Promise<Spreadsheet> {
  if (buffer.length > MAX_BYTES) throw new ImportFileError('too_large', `${buffer.length} bytes`);
  if (buffer.length === 0) throw new ImportFileError('empty');
  if (startsWith(buffer, ZIP_MAGIC)) {
    const { sheets, sheet, rows } = await readXlsxRows(buffer, choice.sheet);
    return finish(rows, { format: 'xlsx', encoding: null, encodingDetected: false, sheets, sheet }, choice.headerRow);
  }
  if (startsWith(buffer, OLE_MAGIC)) throw new ImportFileError('unsupported', 'legacy Office binary (.xls?)');
  // A name promising a workbook over content that is not a ZIP is a damaged or mislabelled file, not a CSV to guess at.
  if (/\.xlsx$/i.test(filename)) throw new ImportFileError('malformed', 'an .xlsx that is not a ZIP');
  const { text, encoding } = decodeText(buffer, choice.encoding, countryHint);
  return finish(
    readCsvRows(text),
    { format: 'csv', encoding, encodingDetected: !choice.encoding, sheets: [], sheet: 0 },
    choice.headerRow,
  );
}

function startsWith(buffer: Buffer, magic: Buffer): boolean {
  return buffer.length >= magic.length && buffer.subarray(0, magic.length).equals(magic);
}

function isBlank(cells: string[]): boolean {
  return cells.every((cell) => cell === '');
}

const filled = (cells: string[]) => cells.filter((cell) => cell !== '').length;

function finish(
  numbered: NumberedRow[],
  read: Pick<ImportReading, 'format' | 'encoding' | 'encodingDetected' | 'sheets' | 'sheet'>,
  headerRow?: number,
): Spreadsheet {
  if (numbered.length === 0) throw new ImportFileError('empty');
  let at: number;
  if (headerRow === undefined) {
    at = findHeader(numbered);
  } else {
    at = numbered.findIndex(([line]) => line === headerRow);
    if (at < 0) throw new ImportFileError('no_such_row', `row ${headerRow}`);
  }
  const header = numbered[at]!;
  const { data, footers } = splitFooters(numbered.slice(at + 1), filled(header[1]));
  // A header alone imports nothing; saying "empty" is clearer than an empty dry run.
  if (data.length === 0) throw new ImportFileError('empty');
  if (data.length > MAX_ROWS) throw new ImportFileError('too_many_rows', `${data.length} rows`);
  // A header shorter than its rows (a column added without a title) still offers every column.
  const width = Math.max(header[1].length, ...data.slice(0, 100).map(([, cells]) => cells.length));
  const headers = Array.from({ length: width }, (_, i) => header[1][i] ?? '');
  const topRows = numbered
    .slice(0, Math.max(TOP_ROWS_SHOWN, at + 3))
    .map(([row, cells]) => ({ row, cells: cells.slice(0, 8) }));
  return {
    headers,
    rows: data.map(([, cells]) => cells),
    rowNumbers: data.map(([line]) => line),
    reading: { ...read, headerRow: header[0], headerDetected: headerRow === undefined, topRows, footers },
  };
}

/**
 * The header is the row among the first ones whose titles name the most fields (merged titles above it have one cell,
 * group headers like "Company data | Contact" name none); failing that, the first row of two titles or more that are
 * words, not numbers; failing that, the first row.
 */
function findHeader(numbered: NumberedRow[]): number {
  let best = -1;
  let bestScore = 0;
  numbered.slice(0, HEADER_SEARCH_ROWS).forEach(([, cells], i) => {
    if (filled(cells) < 2) return;
    const score = Object.values(guessMapping(cells)).filter((column) => column !== null).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  if (best >= 0) return best;
  const wordy = numbered
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex(([, cells]) => filled(cells) >= 2 && cells.every((cell) => cell === '' || !/^[\d\s.,+-]+$/.test(cell)));
  return Math.max(0, wordy);
}

// Totals and counts offices put under a list: "Total: 10 clients", "Razem 10", "Ogółem", "Total général", "Totaal".
const FOOTER_WORDS =
  /^(total|totaal|totalul|razem|suma|sum|ogolem|ogółem|łącznie|lacznie|în total|in total|nombre|liczba|number|count|numar|număr)\b/i;

/**
 * Rows after the data that sum it up are neither data nor errors: a last row with one filled cell (a merged "Total: 10
 * clients") under a header of three columns or more, when it says so or stands apart after a blank row.
 */
function splitFooters(
  rows: NumberedRow[],
  headerWidth: number,
): { data: NumberedRow[]; footers: ImportReading['footers'] } {
  const footers: ImportReading['footers'] = [];
  let end = rows.length;
  while (end > 0 && headerWidth >= 3) {
    const [line, cells] = rows[end - 1]!;
    if (filled(cells) > 1) break;
    const text = cells.find((cell) => cell !== '') ?? '';
    const apart = end === 1 || rows[end - 2]![0] < line - 1;
    if (!FOOTER_WORDS.test(text) && !apart) break;
    footers.unshift({ row: line, text: text.slice(0, 200) });
    end--;
  }
  return { data: rows.slice(0, end), footers };
}

// ——— CSV ———

/** The file's text: in the chosen encoding, else the detected one (a byte-order mark, valid UTF-8, then by its letters). */
function decodeText(
  buffer: Buffer,
  chosen: ImportEncoding | undefined,
  countryHint: string,
): { text: string; encoding: ImportEncoding } {
  const encoding = chosen ?? detectEncoding(buffer, countryHint);
  if (!importEncodings.includes(encoding)) throw new ImportFileError('unsupported', `encoding ${encoding}`);
  // A chosen encoding is read leniently (the person sees the result); a detected UTF-8 must be exactly UTF-8.
  const text = new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(buffer);
  // Control characters other than tab/CR/LF mean a binary file (PDF, image, ODS…), not a CSV.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) throw new ImportFileError('unsupported', 'binary content');
  if (text.trim() === '') throw new ImportFileError('empty');
  return { text, encoding };
}

export function detectEncoding(buffer: Buffer, countryHint = 'PL'): ImportEncoding {
  if (startsWith(buffer, Buffer.from([0xef, 0xbb, 0xbf]))) return 'utf-8';
  if (startsWith(buffer, Buffer.from([0xff, 0xfe]))) return 'utf-16le';
  if (startsWith(buffer, Buffer.from([0xfe, 0xff]))) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return 'utf-8';
  } catch {
    // not UTF-8: one of the 8-bit code pages, or UTF-16 without its mark
  }
  const sample = buffer.subarray(0, 256 * 1024);
  const zeros = (parity: number) => sample.filter((byte, i) => i % 2 === parity && byte === 0).length;
  if (zeros(1) > sample.length / 8) return 'utf-16le';
  if (zeros(0) > sample.length / 8) return 'utf-16be';
  const order: ImportEncoding[] =
    countryHint === 'FR' || countryHint === 'BE'
      ? ['windows-1252', 'windows-1250', 'iso-8859-2']
      : ['windows-1250', 'iso-8859-2', 'windows-1252'];
  let best = order[0]!;
  let bestScore = -Infinity;
  for (const encoding of order) {
    const score = lettersScore(new TextDecoder(encoding).decode(sample));
    if (score > bestScore) {
      best = encoding;
      bestScore = score;
    }
  }
  return best;
}

// The letters of the languages Bureau's offices write names in: Polish, Romanian (both cedilla and comma forms), French, Dutch and German.
const OUR_LETTERS = new Set('ąćęłńóśźżĄĆĘŁŃÓŚŹŻăâîșțşţĂÂÎȘȚŞŢàâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸäößÄÖ');

/**
 * How much a decoding reads like names in those languages. The three code pages agree on ASCII and differ above it: the
 * right one turns those bytes into our letters ("Zakład"), a wrong one into symbols, other alphabets' letters or control
 * codes ("Zak³ad", "Ĺ‚"). A statistical detector (chardet was tried) guesses wrong on the few short names of a small client
 * list; counting letters does not need many. Equal scores decode the bytes present to the same letters.
 */
function lettersScore(text: string): number {
  let score = 0;
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) continue;
    if (OUR_LETTERS.has(char)) score += 2;
    else if (/[\u0080-\u009f\ufffd]/.test(char)) score -= 5;
    else if (!/[„”“‘’«»–—…€°§·×]/.test(char)) score -= 1;
  }
  return score;
}

const DELIMITERS = [';', ',', '\t'] as const;

/**
 * Excel writes `;` where the decimal separator is a comma (PL, RO, FR, BE), `,` elsewhere. Title lines above the header
 * have none, so the delimiter is the one that splits most of the first lines into the same number of cells.
 */
function detectDelimiter(text: string): string {
  const lines = text.split('\n', HEADER_SEARCH_ROWS).filter((line) => line.trim() !== '');
  let best: { delimiter: string; lines: number; cells: number } = { delimiter: ',', lines: 0, cells: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const n = line.split(delimiter).length - 1;
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    for (const [cells, count] of counts) {
      if (count > best.lines || (count === best.lines && cells > best.cells)) best = { delimiter, lines: count, cells };
    }
  }
  return best.delimiter;
}

function readCsvRows(input: string): NumberedRow[] {
  // csv-parse counts a CRLF inside quotes as two lines; with LF only its line count is the file's.
  const text = input.replace(/\r\n/g, '\n');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw new ImportFileError('malformed', error instanceof Error ? error.message : String(error));
  }
  const numbered: NumberedRow[] = [];
  // `lines` is where a record ends; it starts on the line after the previous one ended (a quoted address spans lines).
  let start = 1;
  for (const { record, info } of records) {
    const cells = record.map((cell) => cell.trim());
    if (!isBlank(cells)) numbered.push([start, cells]);
    start = info.lines + 1;
  }
  return numbered;
}

// ——— XLSX ———

/**
 * Reads one worksheet as a stream, stopped one row past the limit: a workbook of a million rows costs the rows we look at,
 * not the whole file in memory. Without a choice the first sheet whose header names a field is read; every sheet's name is
 * told back so a person can pick another.
 */
async function readXlsxRows(
  buffer: Buffer,
  chosen: number | undefined,
): Promise<{ sheets: string[]; sheet: number; rows: NumberedRow[] }> {
  checkUnpackedSize(buffer);
  try {
    return await streamXlsxRows(buffer, chosen);
  } catch (error) {
    // exceljs's streaming reader once refused a valid workbook under a loaded CI run (a worksheet stored before the
    // shared strings goes through a temp file and a second stream); the same bytes read again decide. A damaged file
    // fails twice and is refused as before.
    if (!(error instanceof ImportFileError) || error.reason !== 'malformed') throw error;
    return streamXlsxRows(buffer, chosen);
  }
}

async function streamXlsxRows(
  buffer: Buffer,
  chosen: number | undefined,
): Promise<{ sheets: string[]; sheet: number; rows: NumberedRow[] }> {
  const excel = await loadExcel();
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
  });
  const sheets: string[] = [];
  let picked: { sheet: number; rows: NumberedRow[] } | undefined;
  let fallback: { sheet: number; rows: NumberedRow[] } | undefined;
  try {
    for await (const worksheet of reader) {
      const index = sheets.length;
      sheets.push((worksheet as unknown as { name?: string }).name ?? `Sheet${index + 1}`);
      // Once a sheet is picked the others are only named (their rows still stream past, unkept).
      const keep = picked === undefined && (chosen === undefined || chosen === index);
      const rows: NumberedRow[] = [];
      for await (const row of worksheet) {
        if (!keep) continue;
        // row.values is 1-based with a hole at 0; holes between cells are empty cells.
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const cells = Array.from(values, (value) => cellText(value as ExcelJS.CellValue));
        if (!isBlank(cells) && rows.length <= MAX_ROWS + HEADER_SEARCH_ROWS) rows.push([row.number, cells]);
      }
      if (!keep) continue;
      if (chosen !== undefined || namesFields(rows)) picked = { sheet: index, rows };
      else if (!fallback && rows.length > 0) fallback = { sheet: index, rows };
    }
  } catch (error) {
    throw new ImportFileError('malformed', error instanceof Error ? error.message : String(error));
  }
  if (sheets.length === 0) throw new ImportFileError('empty', 'no worksheet');
  if (chosen !== undefined && !picked) throw new ImportFileError('no_such_sheet', `sheet ${chosen}`);
  const result = picked ?? fallback ?? { sheet: 0, rows: [] };
  return { sheets, ...result };
}

/** A sheet with a header naming at least the company and its tax id: the list, not a cover page or a pivot. */
function namesFields(rows: NumberedRow[]): boolean {
  if (rows.length < 2) return false;
  const mapping = guessMapping(rows[findHeader(rows)]![1]);
  return mapping.name !== null && mapping.taxId !== null;
}

/**
 * Refuses a ZIP that would unpack to more than MAX_UNPACKED_BYTES before exceljs inflates it in memory. The central
 * directory's sizes are only claims, so every entry is also inflated here against what is left of the budget (zlib stops at
 * the limit): a lying bomb costs at most the budget, never the memory of the process.
 */
export function checkUnpackedSize(buffer: Buffer, limit = MAX_UNPACKED_BYTES): void {
  const entries = zipEntries(buffer);
  let declared = 0;
  for (const entry of entries) declared += entry.size;
  if (declared > limit) throw new ImportFileError('too_large', `unpacks to ${declared} bytes`);
  let left = limit;
  for (const entry of entries) {
    const data = buffer.subarray(entry.start, entry.start + entry.compressedSize);
    if (entry.method === 0) {
      left -= data.length;
    } else if (entry.method === 8) {
      try {
        left -= inflateRawSync(data, { maxOutputLength: Math.max(1, left + 1) }).length;
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw new ImportFileError('too_large', 'unpacks beyond the limit');
        throw new ImportFileError('malformed', error instanceof Error ? error.message : String(error));
      }
    } else {
      throw new ImportFileError('malformed', `zip compression method ${entry.method}`);
    }
    if (left < 0) throw new ImportFileError('too_large', 'unpacks beyond the limit');
  }
}

type ZipEntry = { method: number; compressedSize: number; size: number; start: number };

// The End of Central Directory record (22 bytes + a comment of up to 64 KiB) ends the file and points at the directory.
function zipEntries(buffer: Buffer): ZipEntry[] {
  const malformed = (why: string) => new ImportFileError('malformed', `zip: ${why}`);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw malformed('no end of central directory');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  // ZIP64 markers: no spreadsheet of ours needs them, so their sizes mean a file far beyond the limit (or a trick).
  if (count === 0xffff || offset === 0xffffffff) throw new ImportFileError('too_large', 'zip64');
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50)
      throw malformed('bad central directory entry');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw new ImportFileError('too_large', 'zip64 entry');
    const local = buffer.readUInt32LE(offset + 42);
    if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50) throw malformed('bad local header');
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    if (start + compressedSize > buffer.length) throw malformed('entry beyond the end of the file');
    entries.push({ method, compressedSize, size, start });
    offset +=
      46 + buffer.readUInt16LE(offset + 28) + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  return entries;
}

/** Cell text as the user sees it: numbers without ".0", dates as YYYY-MM-DD, rich text joined, formulas by their result. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // exceljs reads date cells as midnight UTC of the calendar day shown in Excel.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value && 'hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return '';
}
