// Romanian text as ANAF stores it, turned into what people write: ANAF keeps many names in capitals ("MUNICIPIUL
// BUCUREŞTI", "STR. AVRAM IANCU") and with the old cedilla letters ş/ţ that Romanian orthography replaced by the
// comma-below ș/ț. Mixed-case text was written by someone on purpose and keeps its casing.

/** ş ţ Ş Ţ (cedilla, from old code pages) → ș ț Ș Ț (comma below, the correct letters). */
export const commaBelow = (value: string): string =>
  value.replace(/[şţŞŢ]/g, (c) => ({ ş: 'ș', ţ: 'ț', Ş: 'Ș', Ţ: 'Ț' })[c]!);

/** Words that stay in lower case inside a name ("Calea Dudești de la Vale"), unless abbreviated ("De." is not one). */
const SMALL_WORDS = new Set(['de', 'la', 'cu', 'din', 'și', 'si', 'pe', 'sub', 'în', 'lui', 'cel', 'nr']);
const ROMAN = /^(?=[ivxl]{2,})x{0,3}(ix|iv|v?i{0,3})$/;

/**
 * The casing people write: "MUNICIPIUL BUCUREŞTI" → "Municipiul București", "BL. A1, SC. 2, ET. 3, AP. 12" →
 * "Bl. A1, Sc. 2, Et. 3, Ap. 12", "STR. 1 DECEMBRIE 1918" → "Str. 1 Decembrie 1918". Words with digits (block "A1",
 * "7A") and Roman numerals ("II") stay in capitals; "nr." is written in lower case, as in "nr. 5".
 */
export function writtenCase(value: string): string {
  const text = commaBelow(value);
  if (/\p{Ll}/u.test(text) || !/\p{Lu}/u.test(text)) return text;
  let first = true;
  return text.replace(/[\p{L}\p{N}]+(\.)?/gu, (word, dot: string | undefined) => {
    const bare = (dot ? word.slice(0, -1) : word).toLocaleLowerCase('ro');
    const isFirst = first;
    first = false;
    if (/\p{N}/u.test(bare) || ROMAN.test(bare)) return word.toLocaleUpperCase('ro');
    if (bare === 'nr' || (!isFirst && !dot && SMALL_WORDS.has(bare))) return bare + (dot ?? '');
    return bare.charAt(0).toLocaleUpperCase('ro') + bare.slice(1) + (dot ?? '');
  });
}
