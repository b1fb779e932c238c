import { describe, expect, it } from 'vitest';
import { findWords, fold, queryWords, snippet } from './textMatch';

const marked = (text: string, query: string) =>
  findWords(text, queryWords(query)).map((r) => text.slice(r.start, r.end));

describe('folding', () => {
  it('drops case and diacritics, the Polish ł and the German ß included', () => {
    expect(fold('Ședință ZŁOTY Kłos Réunion Straße')).toBe('sedinta zloty klos reunion strasse');
  });
});

describe('finding the words of a search', () => {
  it('finds words typed without diacritics in a text written with them', () => {
    expect(marked('Ședința de bilanț este mâine.', 'sedinta bilant')).toEqual(['Ședința', 'bilanț']);
    expect(marked('Piekarnia Złoty Kłos', 'zloty KLOS')).toEqual(['Złoty', 'Kłos']);
  });

  it('matches a word by its beginning and marks the whole word, as the server searches', () => {
    expect(marked('Zdjęcie paragonu z żółwiem', 'parag zolw')).toEqual(['paragonu', 'żółwiem']);
  });

  it('does not mark a word found inside another word', () => {
    expect(marked('Sprawozdanie i zdanie', 'zdanie')).toEqual(['zdanie']);
  });

  it('keeps the positions right after letters that fold into two', () => {
    expect(marked('Straße Bilanz', 'bilanz')).toEqual(['Bilanz']);
  });
});

describe('snippets', () => {
  it('keeps a short text whole', () => {
    expect(snippet('Krótko:\n  zolw', ['zolw'])).toEqual({
      text: 'Krótko: zolw',
      ranges: [{ start: 8, end: 12 }],
      cutStart: false,
      cutEnd: false,
    });
  });

  it('cuts a long text around its first match, at spaces, with the match inside', () => {
    const text = `${'słowo '.repeat(60)}faktura korygująca ${'koniec '.repeat(60)}`;
    const cut = snippet(text, queryWords('korygujaca'), 80);
    expect(cut.cutStart).toBe(true);
    expect(cut.cutEnd).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(80);
    expect(cut.text.startsWith('słowo')).toBe(true);
    expect(cut.ranges.map((r) => cut.text.slice(r.start, r.end))).toEqual(['korygująca']);
  });
});
