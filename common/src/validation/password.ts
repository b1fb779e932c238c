// Owns the password policy shared by sign-up forms and the server: length, breached passwords, personal data.
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
// Shorter name or e-mail parts ("jan", "ola") occur in too many good passwords to refuse them.
const PERSONAL_TOKEN_MIN_LENGTH = 4;

export type PasswordContext = { email?: string; name?: string };

export type PasswordCheck =
  { ok: true } | { ok: false; reason: 'too_short' | 'too_long' | 'common' | 'contains_personal' };

let commonPasswords: ReadonlySet<string> | undefined;

// Built on first use, not at import, so pages that never check a password pay nothing for it.
// The list (passwords seen in breaches, ~49k entries) is all lowercase.
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common']);
  return commonPasswords.has(password.toLowerCase());
}

/** Checks a new password against the policy. Lengths count Unicode code points, not UTF-16 units. */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, reason: 'too_short' };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, reason: 'too_long' };
  if (isCommonPassword(password)) return { ok: false, reason: 'common' };
  const lower = password.toLowerCase();
  if (personalTokens(context).some((token) => lower.includes(token))) {
    return { ok: false, reason: 'contains_personal' };
  }
  return { ok: true };
}

// The e-mail local part and the name, whole and split into words ("jan.kowalski" → "kowalski").
function personalTokens({ email, name }: PasswordContext): string[] {
  const tokens: string[] = [];
  if (email) {
    const at = email.lastIndexOf('@');
    const local = at === -1 ? email : email.slice(0, at);
    tokens.push(local, ...local.split(/[._+-]+/));
  }
  if (name) {
    const words = name.trim().split(/[\s-]+/);
    tokens.push(name.trim(), words.join(''), ...words);
  }
  return tokens.map((token) => token.toLowerCase()).filter((token) => [...token].length >= PERSONAL_TOKEN_MIN_LENGTH);
}
