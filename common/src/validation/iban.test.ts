import { describe, expect, it } from 'vitest';
import { formatIban, IBAN_LENGTHS, validateIban } from './iban.js';

const VALID_IBANS = [
  'PL61109010140000071219812874',
  'RO49AAAA1B31007593840000',
  'FR1420041010050500013M02606',
  'BE68539007547034',
  'DE89370400440532013000',
  'GB82WEST12345698765432',
  'NO9386011117947',
  'MT84MALT011000012345MTLCAST001S',
];

describe('validateIban', () => {
  it('accepts real IBANs and reports their country', () => {
    for (const iban of VALID_IBANS) {
      expect(validateIban(iban)).toEqual({ ok: true, normalized: iban, country: iban.slice(0, 2) });
    }
  });

  it('accepts the printed form with spaces and lowercase letters', () => {
    expect(validateIban(' pl61 1090 1014 0000 0712 1981 2874 ')).toEqual({
      ok: true,
      normalized: 'PL61109010140000071219812874',
      country: 'PL',
    });
    expect(validateIban('fr14 2004 1010 0505 0001 3m02 606').ok).toBe(true);
  });

  it('refuses an IBAN with one character altered', () => {
    expect(validateIban('PL61109010140000071219812875')).toEqual({ ok: false, reason: 'checksum' });
    expect(validateIban('RO49AAAA1B31007593840001')).toEqual({ ok: false, reason: 'checksum' });
    expect(validateIban('FR1420041010050500013N02606')).toEqual({ ok: false, reason: 'checksum' });
    expect(validateIban('BE68539007547035')).toEqual({ ok: false, reason: 'checksum' });
    expect(validateIban('DE89370400440532013001')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('refuses every single-digit substitution in the valid examples', () => {
    // A digit change alters the number by d·10^k, never a multiple of the prime 97.
    for (const iban of VALID_IBANS) {
      for (let i = 2; i < iban.length; i++) {
        if (!/\d/.test(iban[i]!)) continue;
        for (let d = 0; d <= 9; d++) {
          if (String(d) === iban[i]) continue;
          const changed = iban.slice(0, i) + String(d) + iban.slice(i + 1);
          expect(validateIban(changed).ok, changed).toBe(false);
        }
      }
    }
  });

  it('refuses two swapped neighbouring characters', () => {
    expect(validateIban('DE89370400440532031000').ok).toBe(false);
  });

  it('refuses check digits 00, 01 and 99 even when mod 97 would pass', () => {
    // DE02…24 is valid; 99 ≡ 2 (mod 97), so DE99…24 satisfies the raw mod-97 test.
    expect(validateIban('DE02370400440000000024').ok).toBe(true);
    expect(validateIban('DE99370400440000000024')).toEqual({ ok: false, reason: 'checksum' });
  });

  it('refuses a known country with the wrong length', () => {
    expect(validateIban('DE8937040044053201300')).toEqual({ ok: false, reason: 'length' });
    expect(validateIban('DE893704004405320130000')).toEqual({ ok: false, reason: 'length' });
    expect(validateIban('PL6110901014000007121981287')).toEqual({ ok: false, reason: 'length' });
  });

  it('refuses unknown countries and malformed input', () => {
    for (const raw of [
      '',
      'DE',
      'XX89370400440532013000',
      'US12345678901234',
      '89370400440532013000',
      'DEAB370400440532013000',
      'DE89-3704-0044-0532-0130-00',
      'DE89 3704 0044 0532 0130 0Ä',
      'DE89'.repeat(20),
    ]) {
      expect(validateIban(raw), raw).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('knows the IBAN length of every SEPA country', () => {
    const sepa = [
      'AD',
      'AT',
      'BE',
      'BG',
      'CH',
      'CY',
      'CZ',
      'DE',
      'DK',
      'EE',
      'ES',
      'FI',
      'FR',
      'GB',
      'GI',
      'GR',
      'HR',
      'HU',
      'IE',
      'IS',
      'IT',
      'LI',
      'LT',
      'LU',
      'LV',
      'MC',
      'MT',
      'NL',
      'NO',
      'PL',
      'PT',
      'RO',
      'SE',
      'SI',
      'SK',
      'SM',
      'VA',
    ];
    for (const country of sepa) expect(IBAN_LENGTHS[country], country).toBeGreaterThanOrEqual(15);
    expect(Object.values(IBAN_LENGTHS).every((length) => length >= 15 && length <= 34)).toBe(true);
  });
});

describe('formatIban', () => {
  it('prints groups of four with the remainder last', () => {
    expect(formatIban('PL61109010140000071219812874')).toBe('PL61 1090 1014 0000 0712 1981 2874');
    expect(formatIban('FR1420041010050500013M02606')).toBe('FR14 2004 1010 0505 0001 3M02 606');
    expect(formatIban('BE68539007547034')).toBe('BE68 5390 0754 7034');
  });

  it('round-trips: the printed form validates back to the same IBAN', () => {
    for (const iban of VALID_IBANS)
      expect(validateIban(formatIban(iban))).toEqual(expect.objectContaining({ normalized: iban }));
  });
});
