// Owns the rule for people's display names (setup, staff, client users, invitations, My account,
// the import's representatives): what is shown to others must be what it looks like — no
// right-to-left overrides turning "Jan" into something else, no invisible or control characters,
// no line breaks, and never a name of blanks only.

/** The longest name the forms take (the schemas and the import use the same limit). */
export const PERSON_NAME_MAX_LENGTH = 200;

// Bidi controls, zero-width characters, the BOM, soft hyphens: "format" characters (Cf), removed
// first (the BOM would otherwise count as a space).
const FORMAT = /\p{Cf}/gu;
// Control characters (Cc), private-use code points (Co), lone surrogates (Cs), and the Hangul and
// Braille blanks, letters or symbols that draw nothing.
const INVISIBLE = /[\p{Cc}\p{Co}\p{Cs}\u115f\u1160\u3164\uffa0\u2800]/gu;
// Every kind of space and line break: tab, CR/LF, NBSP, thin and ideographic spaces, U+2028/2029.
const SPACES = /[\s\p{Z}]+/gu;

/**
 * A person's name as it is stored and shown: NFC, line breaks and every space (NBSP too) as one
 * plain space, invisible and control characters removed, trimmed. '' when nothing visible is left.
 */
export function cleanPersonName(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(FORMAT, '')
    .replace(SPACES, ' ')
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .trim();
}

export type PersonNameCheck =
  { ok: true; name: string } | { ok: false; reason: 'required' | 'name_blank' | 'too_long' };

/** Cleans a name and says why it cannot be used: empty input, nothing visible left, or too long. */
export function checkPersonName(raw: string): PersonNameCheck {
  const name = cleanPersonName(raw);
  if (!name) return { ok: false, reason: raw.replace(SPACES, '') === '' ? 'required' : 'name_blank' };
  if ([...name].length > PERSON_NAME_MAX_LENGTH) return { ok: false, reason: 'too_long' };
  return { ok: true, name };
}
