// Portfolio import, the pure half: a CSV or XLSX upload becomes header + rows of trimmed strings, the columns are guessed from
// header names in en/pl/ro/fr/nl, and every row is checked the way the add-company form checks one company. No database here:
// the caller passes the tax ids that already exist, so a dry run and the real import see exactly the same verdicts.
import { inflateRawSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { importFieldNames, type ImportColumnMapping, type ImportCountryCode, type ImportFieldName } from '@bureau/common';
import { cleanPersonName, isValidEmail, normalizeEmail, validateTaxId } from '@bureau/common/validation';

export const MAX_ROWS = 50_000;
export const MAX_BYTES = 20 * 1024 * 1024;
/** The longest company or person name the forms take. */
export const MAX_NAME = 200;
/** What an XLSX may unpack to: a 50,000-row sheet is far below it, a zip bomb far above. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

export type ImportFileErrorReason = 'empty' | 'unsupported' | 'too_many_rows' | 'too_large' | 'malformed';

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
  /** The spreadsheet row number of each entry of `rows` (empty rows are dropped, so they can differ from index + 2). */
  rowNumbers: number[];
};

// The fields, the mapping and the countries are the contract the web app shares (common/src/onboarding.ts).
export const importFields = importFieldNames;
export type ImportField = ImportFieldName;
export type ImportMapping = ImportColumnMapping;
export type ImportCountry = ImportCountryCode;

export type ImportCompany = {
  name: string;
  country: ImportCountry;
  taxId: string;
  /** France: the SIRET the row gave (its establishment); `taxId` is then the SIREN. */
  siret?: string;
  email?: string;
  phone?: string;
  representative?: string;
  access: 'full' | 'limited';
};

export type ImportRowError = { field: ImportField; code: string };

export type ImportRowResult = { line: number; action: 'create' | 'update' | 'skip'; company?: ImportCompany; errors: ImportRowError[] };

export type ValidateOptions = {
  defaultCountry: ImportCountry;
  /** `${country}:${normalizedTaxId}` of the companies the office already has. */
  existingTaxIds: Set<string>;
  /** From readSpreadsheet; without it a row's line is its index + 2 (header on line 1, no empty rows). */
  rowNumbers?: number[];
};

// ——— Reading files ———

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Legacy .xls and other Office binaries (OLE compound files): recognisable, but not something we read.
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Reads the first worksheet of an XLSX or a CSV (`,` `;` or tab, UTF-8 with or without BOM); the content decides, not the name. */
export async function readSpreadsheet(buffer: Buffer, filename: string): Promise<Spreadsheet> {
  if (buffer.length > MAX_BYTES) throw new ImportFileError('too_large', `${buffer.length} bytes`);
  if (buffer.length === 0) throw new ImportFileError('empty');
  if (startsWith(buffer, ZIP_MAGIC)) return finish(await readXlsxRows(buffer));
  if (startsWith(buffer, OLE_MAGIC)) throw new ImportFileError('unsupported', 'legacy Office binary (.xls?)');
  // A name promising a workbook over content that is not a ZIP is a damaged or mislabelled file, not a CSV to guess at.
  if (/\.xlsx$/i.test(filename)) throw new ImportFileError('malformed', 'an .xlsx that is not a ZIP');
  return finish(readCsvRows(decodeText(buffer)));
}

function startsWith(buffer: Buffer, magic: Buffer): boolean {
  return buffer.length >= magic.length && buffer.subarray(0, magic.length).equals(magic);
}

/** Entries of [spreadsheet row number, cells]; blank rows are already gone. */
type NumberedRow = [number, string[]];

function finish(numbered: NumberedRow[]): Spreadsheet {
  const [header, ...data] = numbered;
  // A header alone imports nothing; saying "empty" is clearer than an empty dry run.
  if (!header || data.length === 0) throw new ImportFileError('empty');
  if (data.length > MAX_ROWS) throw new ImportFileError('too_many_rows', `${data.length} rows`);
  return { headers: header[1], rows: data.map(([, cells]) => cells), rowNumbers: data.map(([line]) => line) };
}

function isBlank(cells: string[]): boolean {
  return cells.every((cell) => cell === '');
}

// UTF-8 only (TextDecoder drops the BOM); Windows-1250/1252 exports fail here rather than import mojibake.
function decodeText(buffer: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new ImportFileError('unsupported', 'not UTF-8 text');
  }
  // Control characters other than tab/CR/LF mean a binary file (PDF, image, ODS…), not a CSV.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) throw new ImportFileError('unsupported', 'binary content');
  if (text.trim() === '') throw new ImportFileError('empty');
  return text;
}

const DELIMITERS = [';', ',', '\t'] as const;

// Excel writes `;` where the decimal separator is a comma (PL, RO, FR, BE), `,` elsewhere; the header line has the most of the real one.
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = DELIMITERS.map((d) => firstLine.split(d).length - 1);
  const best = Math.max(...counts);
  return best === 0 ? ',' : DELIMITERS[counts.indexOf(best)]!;
}

function readCsvRows(text: string): NumberedRow[] {
  let records: string[][];
  try {
    // Empty lines stay records so the index still is the spreadsheet row a user sees when opening the file in Excel.
    records = parseCsv(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (error) {
    throw new ImportFileError('malformed', error instanceof Error ? error.message : String(error));
  }
  const numbered: NumberedRow[] = [];
  records.forEach((record, i) => {
    const cells = record.map((cell) => cell.trim());
    if (!isBlank(cells)) numbered.push([i + 1, cells]);
  });
  return numbered;
}

// Read as a stream, the first worksheet only, and stopped one row past the limit: a workbook of a million rows costs the
// rows we look at, not the whole file in memory (exceljs' full load keeps every cell as an object).
async function readXlsxRows(buffer: Buffer): Promise<NumberedRow[]> {
  checkUnpackedSize(buffer);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore' });
  const numbered: NumberedRow[] = [];
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet) {
        // row.values is 1-based with a hole at 0; holes between cells are empty cells.
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const cells = Array.from(values, (value) => cellText(value as ExcelJS.CellValue));
        if (!isBlank(cells)) numbered.push([row.number, cells]);
        // Header plus one row over the limit is enough to refuse the file.
        if (numbered.length > MAX_ROWS + 1) break;
      }
      break;
    }
  } catch (error) {
    throw new ImportFileError('malformed', error instanceof Error ? error.message : String(error));
  }
  if (sheets === 0) throw new ImportFileError('empty', 'no worksheet');
  return numbered;
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
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ImportFileError('too_large', 'unpacks beyond the limit');
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
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) throw malformed('bad central directory entry');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw new ImportFileError('too_large', 'zip64 entry');
    const local = buffer.readUInt32LE(offset + 42);
    if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50) throw malformed('bad local header');
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    if (start + compressedSize > buffer.length) throw malformed('entry beyond the end of the file');
    entries.push({ method, compressedSize, size, start });
    offset += 46 + buffer.readUInt16LE(offset + 28) + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
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
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value && 'hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return '';
}

// ——— Guessing the mapping ———

/** Lower-case, no diacritics, punctuation as spaces: "N° TVA" → "n tva", "Adres e-mail" → "adres e mail", "Țara" → "tara". */
export function normalizeLabel(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const HEADER_SYNONYMS: Record<ImportField, string[]> = {
  name: ['company', 'company name', 'name', 'client', 'client name', 'nazwa', 'nazwa firmy', 'firma', 'nazwa klienta', 'denumire', 'denumire firma',
    'societate', 'raison sociale', 'societe', 'nom', 'entreprise', 'naam', 'bedrijf', 'bedrijfsnaam'],
  country: ['country', 'kraj', 'panstwo', 'tara', 'pays', 'land'],
  taxId: ['tax id', 'tax number', 'nip', 'cui', 'cif', 'cod fiscal', 'cod unic de inregistrare', 'siren', 'siret', 'n tva', 'no tva', 'numero tva', 'tva',
    'vat', 'vat number', 'vat id', 'numero d entreprise', 'ondernemingsnummer', 'enterprise number', 'btw', 'btw nummer'],
  email: ['e mail', 'email', 'mail', 'adres e mail', 'adresa e mail', 'adresa de email', 'courriel', 'adresse e mail', 'adresse mail'],
  phone: ['phone', 'phone number', 'telefon kontaktowy', 'telephone', 'telefon', 'numer telefonu', 'tel', 'mobile', 'gsm', 'telefoon'],
  representative: ['contact', 'contact person', 'contact name', 'nom du contact', 'nume contact', 'imie i nazwisko', 'representative', 'osoba kontaktowa', 'przedstawiciel', 'reprezentant', 'persoana de contact',
    'representant', 'contactpersoon'],
  access: ['access', 'dostep', 'acces', 'acces portal', 'acces au portail', 'portal access', 'toegang'],
};

// Words naming who a column is about rather than what it holds: "Client e-mail" is an e-mail, "Contact phone" a phone number.
const SUBJECT_WORDS = new Set(['company', 'client', 'firma', 'societe', 'societate', 'entreprise', 'bedrijf', 'contact']);

// Exact beats contained; a contained attribute beats a contained subject word; then the longer synonym is the more specific one.
function headerScore(header: string, synonym: string): number {
  if (header === synonym) return 1000 + synonym.length;
  if (!` ${header} `.includes(` ${synonym} `)) return 0;
  return (SUBJECT_WORDS.has(synonym) ? 0 : 100) + synonym.length;
}

/** Column index per field, or null; each column serves one field and the strongest (field, column) pairs are taken first. */
export function guessMapping(headers: string[]): ImportMapping {
  const labels = headers.map(normalizeLabel);
  const candidates: { field: ImportField; column: number; score: number }[] = [];
  for (const field of importFields) {
    labels.forEach((label, column) => {
      const score = Math.max(0, ...HEADER_SYNONYMS[field].map((synonym) => headerScore(label, normalizeLabel(synonym))));
      if (score > 0) candidates.push({ field, column, score });
    });
  }
  // Ties go to the leftmost column, the one a person most likely meant.
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping = Object.fromEntries(importFields.map((field) => [field, null])) as ImportMapping;
  const used = new Set<number>();
  for (const { field, column } of candidates) {
    if (mapping[field] !== null || used.has(column)) continue;
    mapping[field] = column;
    used.add(column);
  }
  return mapping;
}

// ——— Validating rows ———

const COUNTRY_NAMES: Record<ImportCountry, string[]> = {
  PL: ['pl', 'pol', 'poland', 'polska', 'pologne', 'polonia', 'polen'],
  RO: ['ro', 'rou', 'romania', 'roumanie', 'rumunia', 'rumanien', 'roemenie'],
  FR: ['fr', 'fra', 'france', 'francja', 'franta', 'frankrijk', 'frankreich'],
  BE: ['be', 'bel', 'belgium', 'belgia', 'belgique', 'belgie', 'belgien'],
};
const COUNTRY_BY_LABEL = new Map(Object.entries(COUNTRY_NAMES).flatMap(([code, names]) => names.map((name) => [name, code as ImportCountry])));

/** A country cell as code or name in en/pl/ro/fr/nl; blank → the default; anything else → null. */
export function parseCountry(value: string, defaultCountry: ImportCountry): ImportCountry | null {
  const label = normalizeLabel(value);
  if (label === '') return defaultCountry;
  return COUNTRY_BY_LABEL.get(label) ?? null;
}

const IMPORT_COUNTRIES: readonly ImportCountry[] = ['PL', 'RO', 'FR', 'BE'];
/** A VAT prefix before the number (PL, RO, R.O., FR, BE), with the separators people put after it. */
const PREFIX = /^(PL|R\.?O\.?|FR|BE)[\s.-]*\d/i;

/**
 * The country of a row without a country cell, read from its tax id when that is unambiguous: a VAT prefix names it;
 * an id of the office's country's form stays there (a wrong check digit is a typo to report, not another country);
 * else the one country where it is valid. A CUI's check digit matches one number in eleven, so Romania counts only
 * when no other country's stricter form fits. Otherwise the office's country, whose check then explains the row.
 */
export function inferCountry(taxId: string, defaultCountry: ImportCountry): ImportCountry {
  const prefix = PREFIX.exec(taxId.trim())?.[1]?.replace(/\./g, '').toUpperCase();
  if (prefix) return prefix as ImportCountry;
  const own = validateTaxId(defaultCountry, taxId);
  if (taxId === '' || own.ok || own.reason === 'checksum') return defaultCountry;
  const valid = IMPORT_COUNTRIES.filter((country) => validateTaxId(country, taxId).ok);
  const strict = valid.filter((country) => country !== 'RO');
  const candidates = strict.length > 0 ? strict : valid;
  return candidates.length === 1 ? candidates[0]! : defaultCountry;
}

// Prefixes so every grammatical form counts: limited, ograniczony/-e/-a, limitat/-ă, limité(e), restricted, restreint, beperkt.
const LIMITED_PREFIXES = ['limit', 'ogranicz', 'restrict', 'restreint', 'beperkt'];

function parseAccess(value: string): 'full' | 'limited' {
  const label = normalizeLabel(value);
  return LIMITED_PREFIXES.some((prefix) => label.startsWith(prefix)) ? 'limited' : 'full';
}

/** Checks each row on its own and against the file and the office; a row with any error is skipped, never half-imported. */
export function validateRows(rows: string[][], mapping: ImportMapping, options: ValidateOptions): ImportRowResult[] {
  const seen = new Set<string>();
  return rows.map((row, index) => {
    const line = options.rowNumbers?.[index] ?? index + 2;
    const cell = (field: ImportField) => {
      const column = mapping[field];
      return column === null ? '' : (row[column] ?? '').trim();
    };
    const errors: ImportRowError[] = [];
    const name = cell('name');
    if (name === '') errors.push({ field: 'name', code: 'required' });
    // The add-company and invitation forms' limit: a longer name could never be edited there afterwards.
    else if ([...name].length > MAX_NAME) errors.push({ field: 'name', code: 'too_long' });
    // Without a country cell the tax id's own form may say where the company is (a Polish office's Romanian clients).
    const country = cell('country') === '' ? inferCountry(cell('taxId'), options.defaultCountry) : parseCountry(cell('country'), options.defaultCountry);
    if (country === null) errors.push({ field: 'country', code: 'country_unsupported' });
    const checked = checkTaxId(cell('taxId'), country, errors);
    const taxId = checked?.taxId;
    const email = checkEmail(cell('email'), errors);
    const phone = checkPhone(cell('phone'), country ?? options.defaultCountry, errors);

    const key = taxId && country ? `${country}:${taxId}` : null;
    // The first occurrence claims the id even when it fails for another reason: fixing that row is what the user should do.
    if (key !== null && seen.has(key)) errors.push({ field: 'taxId', code: 'duplicate_in_file' });
    if (key !== null) seen.add(key);

    // A person's name, cleaned like in the forms; one of blanks or invisible characters only is no name at all.
    const representative = cleanPersonName(cell('representative'));
    if ([...representative].length > MAX_NAME) errors.push({ field: 'representative', code: 'too_long' });
    if (errors.length > 0 || !country || !taxId) return { line, action: 'skip', errors };
    const company: ImportCompany = { name, country, taxId, access: parseAccess(cell('access')) };
    if (email) company.email = email;
    if (phone) company.phone = phone;
    if (representative) company.representative = representative;
    if (checked?.siret) company.siret = checked.siret;
    return { line, action: options.existingTaxIds.has(key!) ? 'update' : 'create', company, errors };
  });
}

function checkTaxId(raw: string, country: ImportCountry | null, errors: ImportRowError[]): { taxId: string; siret?: string } | undefined {
  if (raw === '') {
    errors.push({ field: 'taxId', code: 'required' });
    return undefined;
  }
  if (country === null) return undefined; // no rule to check it against; the country error already explains the row
  const result = validateTaxId(country, raw);
  // The canonical id (a French SIREN whichever form was written) keys duplicates in the file and against the office.
  if (result.ok) return { taxId: result.normalized, siret: result.siret };
  errors.push({ field: 'taxId', code: `tax_id_${result.reason}` });
  return undefined;
}

function checkEmail(raw: string, errors: ImportRowError[]): string | undefined {
  if (raw === '') return undefined;
  const email = normalizeEmail(raw);
  if (isValidEmail(email)) return email;
  errors.push({ field: 'email', code: 'email_invalid' });
  return undefined;
}

// Numbers without a "+" are read as national numbers of the company's country, which is how offices type them.
function checkPhone(raw: string, country: ImportCountry, errors: ImportRowError[]): string | undefined {
  if (raw === '') return undefined;
  const phone = parsePhoneNumberFromString(raw, country);
  if (phone?.isValid()) return phone.number;
  errors.push({ field: 'phone', code: 'phone_invalid' });
  return undefined;
}
