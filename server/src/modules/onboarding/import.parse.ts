// Portfolio import, the pure half: once a file is read (import.read.ts), the columns are guessed from
// header names in en/pl/ro/fr/nl, and every row is checked the way the add-company form checks one company. No database here:
// the caller passes the tax ids that already exist, so a dry run and the real import see exactly the same verdicts.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import {
  importFieldNames,
  type ImportColumnMapping,
  type ImportCountryCode,
  type ImportFieldName,
} from '@bureau/common';
import { cleanPersonName, isValidEmail, normalizeEmail, validateTaxId } from '@bureau/common/validation';

/** The longest company or person name the forms take. */
export const MAX_NAME = 200;

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
  /** The company's e-mail (the one an invitation goes to), and any further addresses of the same cell. */
  email?: string;
  otherEmails?: string[];
  phone?: string;
  representative?: string;
  access: 'full' | 'limited';
};

export type ImportRowError = { field: ImportField; code: string };

export type ImportRowResult = {
  line: number;
  action: 'create' | 'update' | 'skip';
  company?: ImportCompany;
  errors: ImportRowError[];
  warnings: ImportRowError[];
};

export type ValidateOptions = {
  defaultCountry: ImportCountry;
  /** `${country}:${normalizedTaxId}` of the companies the office already has. */
  existingTaxIds: Set<string>;
  /** From readSpreadsheet; without it a row's line is its index + 2 (header on line 1, no empty rows). */
  rowNumbers?: number[];
};

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
  name: [
    'company',
    'company name',
    'name',
    'client',
    'client name',
    'nazwa',
    'nazwa firmy',
    'firma',
    'nazwa klienta',
    'denumire',
    'denumire firma',
    'societate',
    'raison sociale',
    'societe',
    'nom',
    'entreprise',
    'naam',
    'bedrijf',
    'bedrijfsnaam',
  ],
  country: ['country', 'kraj', 'panstwo', 'tara', 'pays', 'land'],
  taxId: [
    'tax id',
    'tax number',
    'nip',
    'cui',
    'cif',
    'cod fiscal',
    'cod unic de inregistrare',
    'siren',
    'siret',
    'n tva',
    'no tva',
    'numero tva',
    'tva',
    'vat',
    'vat number',
    'vat id',
    'numero d entreprise',
    'ondernemingsnummer',
    'enterprise number',
    'btw',
    'btw nummer',
  ],
  email: [
    'e mail',
    'email',
    'mail',
    'adres e mail',
    'adresa e mail',
    'adresa de email',
    'courriel',
    'adresse e mail',
    'adresse mail',
  ],
  phone: [
    'phone',
    'phone number',
    'telefon kontaktowy',
    'telephone',
    'telefon',
    'numer telefonu',
    'tel',
    'mobile',
    'gsm',
    'telefoon',
  ],
  representative: [
    'contact',
    'contact person',
    'contact name',
    'nom du contact',
    'nume contact',
    'imie i nazwisko',
    'representative',
    'osoba kontaktowa',
    'przedstawiciel',
    'reprezentant',
    'persoana de contact',
    'representant',
    'contactpersoon',
  ],
  access: ['access', 'dostep', 'acces', 'acces portal', 'acces au portail', 'portal access', 'toegang'],
};

// Words naming who a column is about rather than what it holds: "Client e-mail" is an e-mail, "Contact phone" a phone number.
const SUBJECT_WORDS = new Set([
  'company',
  'client',
  'firma',
  'societe',
  'societate',
  'entreprise',
  'bedrijf',
  'contact',
]);

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
      const score = Math.max(
        0,
        ...HEADER_SYNONYMS[field].map((synonym) => headerScore(label, normalizeLabel(synonym))),
      );
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
const COUNTRY_BY_LABEL = new Map(
  Object.entries(COUNTRY_NAMES).flatMap(([code, names]) => names.map((name) => [name, code as ImportCountry])),
);

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

/** A row's country: its country cell, else what its tax id's form says, else the office's; null when the cell names none we serve. */
export function rowCountry(countryCell: string, taxId: string, defaultCountry: ImportCountry): ImportCountry | null {
  return countryCell.trim() === '' ? inferCountry(taxId, defaultCountry) : parseCountry(countryCell, defaultCountry);
}

/**
 * Checks each row on its own and against the file and the office. What identifies the company (name, country, tax id)
 * must be right or the row is skipped, never half-imported; a doubtful optional cell (a phone that is no number, an
 * unreadable e-mail, an over-long contact name) is left out with a warning and the company is imported all the same.
 */
export function validateRows(rows: string[][], mapping: ImportMapping, options: ValidateOptions): ImportRowResult[] {
  const seen = new Set<string>();
  return rows.map((row, index) => {
    const line = options.rowNumbers?.[index] ?? index + 2;
    const cell = (field: ImportField) => {
      const column = mapping[field];
      return column === null ? '' : (row[column] ?? '').trim();
    };
    const errors: ImportRowError[] = [];
    const warnings: ImportRowError[] = [];
    const name = cell('name');
    if (name === '') errors.push({ field: 'name', code: 'required' });
    // The add-company and invitation forms' limit: a longer name could never be edited there afterwards.
    else if ([...name].length > MAX_NAME) errors.push({ field: 'name', code: 'too_long' });
    // Without a country cell the tax id's own form may say where the company is (a Polish office's Romanian clients).
    const country = rowCountry(cell('country'), cell('taxId'), options.defaultCountry);
    if (country === null) errors.push({ field: 'country', code: 'country_unsupported' });
    const checked = checkTaxId(cell('taxId'), country, errors);
    const taxId = checked?.taxId;
    const emails = checkEmails(cell('email'), warnings);
    const phone = checkPhone(cell('phone'), country ?? options.defaultCountry, warnings);

    const key = taxId && country ? `${country}:${taxId}` : null;
    // The first occurrence claims the id even when it fails for another reason: fixing that row is what the user should do.
    if (key !== null && seen.has(key)) errors.push({ field: 'taxId', code: 'duplicate_in_file' });
    if (key !== null) seen.add(key);

    // A person's name, cleaned like in the forms; one of blanks or invisible characters only is no name at all.
    let representative: string | undefined = cleanPersonName(cell('representative'));
    if ([...representative].length > MAX_NAME) {
      warnings.push({ field: 'representative', code: 'too_long' });
      representative = undefined;
    }
    if (errors.length > 0 || !country || !taxId) return { line, action: 'skip', errors, warnings };
    const company: ImportCompany = { name, country, taxId, access: parseAccess(cell('access')) };
    if (emails[0]) company.email = emails[0];
    if (emails.length > 1) company.otherEmails = emails.slice(1);
    if (phone) company.phone = phone;
    if (representative) company.representative = representative;
    if (checked?.siret) company.siret = checked.siret;
    return { line, action: options.existingTaxIds.has(key!) ? 'update' : 'create', company, errors, warnings };
  });
}

function checkTaxId(
  raw: string,
  country: ImportCountry | null,
  errors: ImportRowError[],
): { taxId: string; siret?: string } | undefined {
  if (raw === '') {
    errors.push({ field: 'taxId', code: 'required' });
    return undefined;
  }
  if (country === null) return undefined; // no rule to check it against; the country error already explains the row
  const result = validateTaxId(country, raw);
  // The canonical id (a French SIREN whichever form was written) keys duplicates in the file and against the office.
  if (result.ok) return { taxId: result.normalized, siret: result.siret };
  const restored = withLeadingZeros(country, raw);
  if (restored) return restored;
  errors.push({ field: 'taxId', code: `tax_id_${result.reason}` });
  return undefined;
}

/**
 * A number cell drops leading zeros (Excel shows 0358121525 as 358121525, and a CSV saved from it keeps that): where
 * the id of the country has a fixed length, the zeros are put back if the check digits then agree.
 */
function withLeadingZeros(country: ImportCountry, raw: string): { taxId: string; siret?: string } | undefined {
  if (!/^\d+$/.test(raw)) return undefined;
  const lengths: Partial<Record<ImportCountry, number[]>> = { BE: [10], FR: [9, 14] };
  for (const length of lengths[country] ?? []) {
    if (raw.length >= length || length - raw.length > 2) continue;
    const result = validateTaxId(country, raw.padStart(length, '0'));
    if (result.ok) return { taxId: result.normalized, siret: result.siret };
  }
  return undefined;
}

/** An e-mail as written in its local part (a mailbox may tell cases apart), its domain in lower case. */
export function importEmail(raw: string): string {
  const email = raw.trim().normalize('NFC');
  const at = email.lastIndexOf('@');
  return at < 0 ? email : `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}`;
}

/** Every readable address of an e-mail cell ("a@x.pl; b@x.pl", "a@x.pl, b@x.pl", "a@x.pl / b@x.pl"): the first is the company's, the others secondary. */
function checkEmails(raw: string, warnings: ImportRowError[]): string[] {
  if (raw === '') return [];
  const emails: string[] = [];
  let unreadable = false;
  for (const part of raw.split(/[;,\s/]+/).filter(Boolean)) {
    const email = importEmail(part.replace(/^<|>$/g, ''));
    if (!isValidEmail(normalizeEmail(email))) unreadable = true;
    else if (!emails.some((e) => e.toLowerCase() === email.toLowerCase())) emails.push(email);
  }
  if (unreadable) warnings.push({ field: 'email', code: 'email_invalid' });
  if (emails.length > 1) warnings.push({ field: 'email', code: 'email_secondary' });
  return emails;
}

// Numbers without a "+" are read as national numbers of the company's country, which is how offices type them.
function checkPhone(raw: string, country: ImportCountry, warnings: ImportRowError[]): string | undefined {
  if (raw === '') return undefined;
  const phone = parsePhoneNumberFromString(raw, country);
  if (phone?.isValid()) return phone.number;
  warnings.push({ field: 'phone', code: 'phone_invalid' });
  return undefined;
}
