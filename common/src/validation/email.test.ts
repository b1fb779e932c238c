import { describe, expect, it } from 'vitest';
import { EMAIL_MAX_LENGTH, isValidEmail, normalizeEmail } from './email.js';

describe('isValidEmail', () => {
  it('accepts ordinary addresses, tags, apostrophes and internationalized domains', () => {
    for (const email of [
      'anna.nowak@example.pl',
      'Anna.Nowak@Example.PL',
      'biuro+faktury@sub.example.co.uk',
      "o'brien@example.ie",
      'a@b.io',
      'kontakt@żółw.pl',
      'user@xn--zw-jia0ic.pl',
      'x_y-z@my-firm.be',
    ]) {
      expect(isValidEmail(email), email).toBe(true);
    }
  });

  it('refuses addresses without exactly one @, local part or dotted domain', () => {
    for (const email of [
      '',
      'plainaddress',
      '@example.com',
      'anna@',
      'anna@example',
      'anna@@example.com',
      'a@b@example.com',
    ]) {
      expect(isValidEmail(email), email).toBe(false);
    }
  });

  it('refuses misplaced dots, hyphens and spaces', () => {
    for (const email of [
      '.anna@example.com',
      'anna.@example.com',
      'an..na@example.com',
      'anna@.example.com',
      'anna@example..com',
      'anna@example.com.',
      'anna@-example.com',
      'anna@example-.com',
      'an na@example.com',
      ' anna@example.com',
      'anna@exa mple.com',
      'anna@example_firm.com',
      '"anna"@example.com',
    ]) {
      expect(isValidEmail(email), email).toBe(false);
    }
  });

  it('refuses numeric or one-letter top-level domains', () => {
    expect(isValidEmail('anna@example.c')).toBe(false);
    expect(isValidEmail('anna@example.123')).toBe(false);
    expect(isValidEmail('anna@192.168.0.1')).toBe(false);
  });

  it(`allows at most ${EMAIL_MAX_LENGTH} characters, and 64 in the local part`, () => {
    const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(62)}.pl`; // 193 characters
    const atLimit = `${'a'.repeat(60)}@${domain}`;
    expect(atLimit).toHaveLength(EMAIL_MAX_LENGTH);
    expect(isValidEmail(atLimit)).toBe(true);
    expect(isValidEmail(`a${atLimit}`)).toBe(false);
    expect(isValidEmail(`${'a'.repeat(64)}@example.com`)).toBe(true);
    expect(isValidEmail(`${'a'.repeat(65)}@example.com`)).toBe(false);
    expect(isValidEmail(`anna@${'l'.repeat(64)}.com`)).toBe(false);
  });
});

describe('normalizeEmail', () => {
  it('trims and lowercases, so one person has one address', () => {
    expect(normalizeEmail('  Anna.Nowak@Example.PL \n')).toBe('anna.nowak@example.pl');
    expect(normalizeEmail('KONTAKT@ŻÓŁW.PL')).toBe('kontakt@żółw.pl');
  });

  it('composes decomposed characters (NFC) so equal-looking domains compare equal', () => {
    expect(normalizeEmail('kontakt@z\u0307o\u0301łw.pl')).toBe('kontakt@żółw.pl');
  });

  it('produces a valid address from a padded, mixed-case one', () => {
    expect(isValidEmail(normalizeEmail(' Biuro@Firma.PL '))).toBe(true);
  });
});
