// Owns company tax identifiers (PL NIP, RO CUI, BE enterprise number, FR SIREN/SIRET/VAT): parsing, checksums, display.

export const companyCountries = ['PL', 'RO', 'FR', 'BE', 'OTHER'] as const;
export type CompanyCountry = (typeof companyCountries)[number];

export type TaxIdKind = 'NIP' | 'CUI' | 'ENTERPRISE_NUMBER' | 'SIREN' | 'SIRET' | 'VAT' | 'OTHER';

/**
 * `normalized` is what identifies the company (stored and compared); `kind` is the form that was typed. A French SIRET,
 * SIREN or FR VAT number all name the company by its SIREN, so `normalized` is the SIREN and a typed SIRET (which names
 * one establishment of it) comes back beside it as `siret`.
 */
export type TaxIdResult =
  { ok: true; normalized: string; kind: TaxIdKind; siret?: string } | { ok: false; reason: 'format' | 'checksum' };

const FORMAT: TaxIdResult = { ok: false, reason: 'format' };
const CHECKSUM: TaxIdResult = { ok: false, reason: 'checksum' };

// Longer than any accepted spelling, separators included; refusing early keeps regexes cheap.
const MAX_RAW_LENGTH = 64;

/** Checks a tax identifier typed by a person and returns its canonical form (what we store and compare). */
export function validateTaxId(country: CompanyCountry, raw: string): TaxIdResult {
  if (raw.length > MAX_RAW_LENGTH) return FORMAT;
  const input = raw.trim().toUpperCase();
  switch (country) {
    case 'PL':
      return validateNip(input);
    case 'RO':
      return validateCui(input);
    case 'BE':
      return validateEnterpriseNumber(input);
    case 'FR':
      return validateFrench(input);
    case 'OTHER':
      return validateOther(raw.trim());
    default:
      return FORMAT; // a country outside the union, from a caller without types
  }
}

/**
 * The one display form of a stored (bare) identifier, as each country writes it: PL NIP 123-456-32-18, BE 0123.456.789,
 * FR SIREN 732 829 320 and SIRET 732 829 320 00074; a RO CUI is written as bare digits (the "RO" prefix marks only a VAT
 * payer, which the stored value does not say). Every screen, report and e-mail shows tax ids through this function.
 */
export function formatTaxId(country: CompanyCountry | (string & {}), normalized: string): string {
  if (country === 'PL' && /^\d{10}$/.test(normalized)) {
    return `${normalized.slice(0, 3)}-${normalized.slice(3, 6)}-${normalized.slice(6, 8)}-${normalized.slice(8)}`;
  }
  if (country === 'BE' && /^\d{10}$/.test(normalized)) {
    return `${normalized.slice(0, 4)}.${normalized.slice(4, 7)}.${normalized.slice(7)}`;
  }
  if (country === 'FR' && /^\d{9}(\d{5})?$/.test(normalized)) {
    const siren = `${normalized.slice(0, 3)} ${normalized.slice(3, 6)} ${normalized.slice(6, 9)}`;
    return normalized.length === 14 ? `${siren} ${normalized.slice(9)}` : siren;
  }
  return normalized;
}

function ok(normalized: string, kind: TaxIdKind): TaxIdResult {
  return { ok: true, normalized, kind };
}

function withoutPrefix(value: string, prefix: string): string {
  return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

function digitAt(value: string, index: number): number {
  return value.charCodeAt(index) - 48;
}

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

// NIP: 10 digits, the last one is the weighted sum of the first nine mod 11; a remainder of 10 is never issued.
function validateNip(input: string): TaxIdResult {
  const digits = withoutPrefix(input.replace(/[\s-]/g, ''), 'PL');
  if (!/^\d{10}$/.test(digits)) return FORMAT;
  const check = NIP_WEIGHTS.reduce((sum, weight, i) => sum + weight * digitAt(digits, i), 0) % 11;
  return check !== 10 && check === digitAt(digits, 9) ? ok(digits, 'NIP') : CHECKSUM;
}

const CUI_KEY = [7, 5, 3, 2, 1, 7, 5, 3, 2];

// CUI/CIF: 2–10 digits; "RO" only marks a VAT payer, so it is dropped, however offices write it (RO, RO-, R.O., ro 123).
// CUIs are plain numbers, never written with leading zeros, and refusing those keeps one spelling per company.
function validateCui(input: string): TaxIdResult {
  const digits = withoutPrefix(input.replace(/[\s.-]/g, ''), 'RO');
  if (!/^[1-9]\d{1,9}$/.test(digits)) return FORMAT;
  // The body is right-aligned under the 9-digit key 753217532.
  const body = digits.slice(0, -1).padStart(9, '0');
  const sum = CUI_KEY.reduce((acc, weight, i) => acc + weight * digitAt(body, i), 0);
  const check = ((sum * 10) % 11) % 10; // a remainder of 10 becomes 0
  return check === digitAt(digits, digits.length - 1) ? ok(digits, 'CUI') : CHECKSUM;
}

// Enterprise number (KBO/BCE): 10 digits starting with 0 or 1; old 9-digit numbers gain a leading 0.
function validateEnterpriseNumber(input: string): TaxIdResult {
  let digits = withoutPrefix(input.replace(/[\s.]/g, ''), 'BE');
  if (/^\d{9}$/.test(digits)) digits = `0${digits}`;
  if (!/^[01]\d{9}$/.test(digits)) return FORMAT;
  const check = 97 - (Number(digits.slice(0, 8)) % 97);
  return check === Number(digits.slice(8)) ? ok(digits, 'ENTERPRISE_NUMBER') : CHECKSUM;
}

const LA_POSTE_SIREN = '356000000';

// France: SIREN (9 digits), SIRET (SIREN + 5-digit establishment number), or VAT "FR" + 2-digit key + SIREN; all three
// are stored as the SIREN, so one company typed three ways is one company.
function validateFrench(input: string): TaxIdResult {
  const compact = input.replace(/[\s.-]/g, '');
  if (compact.startsWith('FR')) {
    if (!/^FR\d{11}$/.test(compact)) return FORMAT;
    const key = Number(compact.slice(2, 4));
    const siren = compact.slice(4);
    if (!luhnValid(siren)) return CHECKSUM;
    return frenchVatKey(siren) === key ? ok(siren, 'VAT') : CHECKSUM;
  }
  if (/^\d{9}$/.test(compact)) {
    return luhnValid(compact) ? ok(compact, 'SIREN') : CHECKSUM;
  }
  if (/^\d{14}$/.test(compact)) {
    const siren = compact.slice(0, 9);
    if (!luhnValid(siren)) return CHECKSUM;
    // INSEE's rule (https://github.com/InseeFrLab/validinsee, R/validation_sirene.R): La Poste keeps all its establishments under one SIREN,
    // too many for the Luhn key, so a La Poste SIRET that fails Luhn is valid when its digits add up to a multiple of 5.
    const valid = luhnValid(compact) || (siren === LA_POSTE_SIREN && digitSum(compact) % 5 === 0);
    return valid ? { ok: true, normalized: siren, kind: 'SIRET', siret: compact } : CHECKSUM;
  }
  return FORMAT;
}

/** The key of an FR VAT number ("FR" + key + SIREN): (12 + 3 × (SIREN mod 97)) mod 97. */
export function frenchVatKey(siren: string): number {
  return (12 + 3 * (Number(siren) % 97)) % 97;
}

/**
 * The SIREN a search term names when it is a whole French tax id in any of its forms (SIREN, SIRET, FR VAT number), so a
 * company stored by its SIREN is found by any of them; undefined otherwise.
 */
export function sirenInSearch(term: string): string | undefined {
  const result = validateTaxId('FR', term);
  return result.ok ? result.normalized : undefined;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digitAt(digits, i);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digitAt(digits, i);
  return sum;
}

// Other countries: no checksum we can trust, so only a sane shape; spaces are dropped, dots and dashes kept.
function validateOther(trimmed: string): TaxIdResult {
  if (!/^[A-Za-z0-9.\- ]{2,32}$/.test(trimmed) || !/[A-Za-z0-9]/.test(trimmed)) return FORMAT;
  return ok(trimmed.replace(/ /g, '').toUpperCase(), 'OTHER');
}
