// Finding a search's words in a text the way the server's search does (case and diacritics ignored, each word a
// prefix), so a snippet can be cut around them and the words highlighted where they really are.

/** Letters that carry no combining mark in Unicode, so decomposition alone does not fold them. */
const FOLDED: Record<string, string> = { ł: 'l', đ: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th' };

function foldChar(char: string): string {
  const lower = char.toLowerCase();
  return FOLDED[lower] ?? lower.normalize('NFD').replace(/\p{M}/gu, '');
}

/** The text without case and diacritics ("Ședință" → "sedinta", "Złoty" → "zloty"). */
export function fold(text: string): string {
  return Array.from(text, foldChar).join('');
}

/** The words of a query as the server splits them (letters and digits; anything else separates). */
export function queryWords(query: string): string[] {
  return query
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(fold);
}

export type Range = { start: number; end: number };

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** Where the words start words of the text (as prefixes), as ranges of the original text, in order, not overlapping. */
export function findWords(text: string, words: string[]): Range[] {
  if (words.length === 0) return [];
  // The folded text, with the original index of each of its characters (a folded character may be longer: ß → ss).
  const chars = Array.from(text);
  let folded = '';
  const origin: number[] = [];
  let offset = 0;
  for (const char of chars) {
    const f = foldChar(char);
    for (let i = 0; i < f.length; i++) origin.push(offset);
    folded += f;
    offset += char.length;
  }
  origin.push(text.length);
  const ranges: Range[] = [];
  for (const word of words) {
    let at = folded.indexOf(word);
    while (at !== -1) {
      if (!isWordChar(folded[at - 1])) {
        let end = at + word.length;
        // The whole word is highlighted, not only the typed prefix ("bilan" marks "bilanț").
        while (end < folded.length && isWordChar(folded[end])) end++;
        ranges.push({ start: origin[at]!, end: origin[end]! });
      }
      at = folded.indexOf(word, at + 1);
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

export type Snippet = { text: string; ranges: Range[]; cutStart: boolean; cutEnd: boolean };

/**
 * At most `max` characters of a one-line text around its first match, cut at spaces where possible, with the
 * ranges of the matched words in the cut text.
 */
export function snippet(text: string, words: string[], max = 160): Snippet {
  const line = text.replace(/\s+/g, ' ').trim();
  const ranges = findWords(line, words);
  if (line.length <= max) return { text: line, ranges, cutStart: false, cutEnd: false };
  const first = ranges[0]?.start ?? 0;
  let start = Math.max(0, Math.min(first - Math.floor(max / 3), line.length - max));
  if (start > 0) {
    const space = line.indexOf(' ', start);
    if (space !== -1 && space < first) start = space + 1;
  }
  let end = Math.min(line.length, start + max);
  if (end < line.length) {
    const space = line.lastIndexOf(' ', end);
    if (space > start && space > (ranges[0]?.end ?? 0)) end = space;
  }
  return {
    text: line.slice(start, end),
    ranges: ranges
      .filter((r) => r.end > start && r.start < end)
      .map((r) => ({ start: Math.max(0, r.start - start), end: Math.min(end, r.end) - start })),
    cutStart: start > 0,
    cutEnd: end < line.length,
  };
}
