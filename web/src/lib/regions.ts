// Countries offered for postal addresses, named by Intl in the user's language.
const REGION_CODES = [
  'PL',
  'RO',
  'FR',
  'BE',
  'DE',
  'AT',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PT',
  'SK',
  'SI',
  'ES',
  'SE',
  'GB',
  'CH',
  'NO',
  'UA',
  'MD',
  'US',
];

export function regionName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function regionOptions(language: string, current?: string): { value: string; label: string }[] {
  const codes = current && !REGION_CODES.includes(current) ? [current, ...REGION_CODES] : REGION_CODES;
  const first = codes.slice(0, 4);
  const rest = codes
    .slice(4)
    .map((value) => ({ value, label: regionName(value, language) }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
  return [...first.map((value) => ({ value, label: regionName(value, language) })), ...rest];
}

/** An IBAN in groups of four, as printed on statements. */
export function formatIban(iban: string): string {
  return iban
    .replace(/\s+/g, '')
    .replace(/(.{4})/g, '$1 ')
    .trim();
}
