import { describe, expect, it } from 'vitest';
import { createFormat, LOCALE_TAGS } from './format';
import { plainLine } from './plainText';

const en = createFormat(LOCALE_TAGS.en!);
const pl = createFormat(LOCALE_TAGS.pl!);
// Intl separates a number from its unit with a (narrow) no-break space in some languages: compare with plain spaces.
const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('file sizes', () => {
  it('use decimal units with one decimal below ten and none above', () => {
    expect(spaced(en.fileSize(512))).toBe('512 byte');
    expect(spaced(en.fileSize(2_400))).toBe('2.4 kB');
    expect(spaced(en.fileSize(840_000))).toBe('840 kB');
    expect(spaced(en.fileSize(2_450_000))).toBe('2.5 MB');
    expect(spaced(en.fileSize(25_000_000))).toBe('25 MB');
  });

  it('write the decimal separator of the language', () => {
    expect(spaced(pl.fileSize(2_400))).toBe('2,4 kB');
  });
});

describe('dates', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');

  it('say "now", minutes, hours and days for recent activity, then the day', () => {
    expect(en.relative('2026-12-07T11:59:40Z', now)).toBe('now');
    expect(en.relative('2026-12-07T11:55:00Z', now)).toBe('5 min ago');
    expect(en.relative('2026-12-07T09:00:00Z', now)).toBe('3 hr ago');
    expect(en.relative('2026-12-06T12:00:00Z', now)).toBe('yesterday');
    expect(en.relative('2025-03-01T12:00:00Z', now)).toMatch(/2025/);
  });

  it('show a calendar day the same in every time zone, and a dash for nothing or nonsense', () => {
    expect(en.day('2026-01-05')).toBe('5 Jan 2026');
    expect(en.day('05.01.2026')).toBe('—');
    expect(en.dateTime(null)).toBe('—');
    expect(en.date('not a date')).toBe('—');
    expect(en.when(undefined)).toBe('—');
  });

  it('give a message of today its time alone, and an older one its date too', () => {
    const today = new Date(now).toISOString();
    expect(en.when(today, now)).not.toMatch(/2026/);
    expect(en.when('2026-11-02T12:00:00Z', now)).toMatch(/2026/);
  });

  it('join names with the language’s own "and"', () => {
    expect(en.list(['Anna', 'Paweł', 'Marta'])).toBe('Anna, Paweł and Marta');
    expect(pl.list(['Anna', 'Paweł'])).toBe('Anna i Paweł');
  });
});

describe('one-line excerpts', () => {
  it('drop the Markdown marks and keep the words', () => {
    expect(plainLine('**VAT** for [May](https://x.pl)\n- `one`')).toBe('VAT for May one');
    expect(plainLine('snake_case stays, _emphasis_ goes')).toBe('snake_case stays, emphasis goes');
  });
});
