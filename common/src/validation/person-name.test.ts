import { describe, expect, it } from 'vitest';
import { checkPersonName, cleanPersonName } from './person-name.js';

describe('people’s names', () => {
  it('keeps names as people write them: diacritics, apostrophes, hyphens, other scripts', () => {
    for (const name of [
      'Zażółć Gęślą-Jaźń',
      'Ștefan Țăranu',
      'Renée O’Brien-Lefèvre',
      'Михаил Иванов',
      'محمد علي',
      '李小龍',
    ]) {
      expect(cleanPersonName(name), name).toBe(name);
    }
    // Decomposed accents are stored composed (NFC), so "é" is one letter whatever the keyboard sent.
    expect(cleanPersonName('Rene\u0301e')).toBe('Renée');
  });

  it('strips right-to-left overrides, zero-width and control characters, and makes line breaks spaces', () => {
    expect(cleanPersonName('Jan \u202enowak\u202c')).toBe('Jan nowak');
    expect(cleanPersonName('\u2066Anna\u2069 \u200fKowalska\u200e')).toBe('Anna Kowalska');
    expect(cleanPersonName('Ja\u200bn\u200d Ko\u00adwal\ufeffski')).toBe('Jan Kowalski');
    expect(cleanPersonName('Jan\r\nKowalski\u0007\u0000')).toBe('Jan Kowalski');
    expect(cleanPersonName('Jan\u2028Kowalski\u2029')).toBe('Jan Kowalski');
  });

  it('collapses every kind of space, non-breaking ones too, and trims', () => {
    expect(cleanPersonName('\u00a0 Jan\u00a0\u00a0\t Kowalski\u3000\u202f')).toBe('Jan Kowalski');
  });

  it('refuses a name with nothing visible in it', () => {
    expect(checkPersonName('\u00a0\u00a0\u00a0')).toEqual({ ok: false, reason: 'required' });
    expect(checkPersonName(' \r\n ')).toEqual({ ok: false, reason: 'required' });
    for (const blank of ['\u200b\u200b', '\u202e', '\u3164', '\u2800 \u2800', '\u0000\u0001']) {
      expect(checkPersonName(blank), JSON.stringify(blank)).toEqual({ ok: false, reason: 'name_blank' });
    }
    expect(checkPersonName('x'.repeat(201))).toEqual({ ok: false, reason: 'too_long' });
    expect(checkPersonName(' Jan\u00a0Kowalski ')).toEqual({ ok: true, name: 'Jan Kowalski' });
  });
});
