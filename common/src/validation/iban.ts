// Owns IBAN checks (ISO 13616): per-country length, ISO 7064 mod-97 checksum, grouped display.

export type IbanResult =
  { ok: true; normalized: string; country: string } | { ok: false; reason: 'format' | 'length' | 'checksum' };

/** IBAN length per country code, from the SWIFT IBAN registry (territories such as GP or JE use FR or GB IBANs). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.freeze({
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
});

// The registry's longest IBAN is 34 characters; anything far beyond that is not worth parsing.
const MAX_RAW_LENGTH = 64;

/** Checks an IBAN as typed or pasted (spaces allowed, any case) and returns it compact and uppercase. */
export function validateIban(raw: string): IbanResult {
  if (raw.length > MAX_RAW_LENGTH) return { ok: false, reason: 'format' };
  const normalized = raw.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(normalized)) return { ok: false, reason: 'format' };
  const country = normalized.slice(0, 2);
  const expectedLength = IBAN_LENGTHS[country];
  if (expectedLength === undefined) return { ok: false, reason: 'format' };
  if (normalized.length !== expectedLength) return { ok: false, reason: 'length' };
  // Check digits are always 02–98; 00, 01 and 99 can satisfy mod 97 but are never issued.
  const checkDigits = normalized.slice(2, 4);
  if (checkDigits === '00' || checkDigits === '01' || checkDigits === '99') {
    return { ok: false, reason: 'checksum' };
  }
  if (mod97(normalized.slice(4) + normalized.slice(0, 4)) !== 1) return { ok: false, reason: 'checksum' };
  return { ok: true, normalized, country };
}

/** Display form in groups of four: "PL61 1090 1014 0000 0712 1981 2874". */
export function formatIban(normalized: string): string {
  return normalized.replace(/(.{4})(?=.)/g, '$1 ');
}

// Remainder mod 97 of the number obtained by replacing A..Z with 10..35, one character at a time
// so it never overflows (no BigInt needed).
function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const char of alphanumeric) {
    const code = char.charCodeAt(0);
    remainder = code <= 57 ? (remainder * 10 + (code - 48)) % 97 : (remainder * 100 + (code - 55)) % 97;
  }
  return remainder;
}
