// Owns e-mail address rules: a pragmatic syntax check and the one normalized form we store and compare.

/** RFC 5321 limits a forward path to 256 octets, i.e. 254 for the address itself. */
export const EMAIL_MAX_LENGTH = 254;
const LOCAL_PART_MAX_LENGTH = 64;

// Unquoted RFC 5322 dot-atom: no leading, trailing or doubled dots. Quoted local parts are refused on purpose.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Letters include non-ASCII ones so internationalized domains (e.g. "żółw.pl") pass; no hyphen at either end.
const DOMAIN_LABEL = /^[\p{L}\p{Nd}](?:[\p{L}\p{M}\p{Nd}-]{0,61}[\p{L}\p{M}\p{Nd}])?$/u;
// Top-level domains are alphabetic, or punycode; a dotless or numeric "domain" is a typo, not an address.
const TOP_LEVEL_DOMAIN = /^(?:\p{L}[\p{L}\p{M}]{1,62}|XN--[A-Z0-9-]{1,59})$/iu;

/** True when the address looks deliverable: one "@", a dot-atom local part and a dotted domain with a real TLD. */
export function isValidEmail(value: string): boolean {
  if (value.length > EMAIL_MAX_LENGTH) return false;
  const at = value.lastIndexOf('@');
  if (at < 1) return false;
  const local = value.slice(0, at);
  if (local.length > LOCAL_PART_MAX_LENGTH || !LOCAL_PART.test(local)) return false;
  const labels = value.slice(at + 1).split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  return TOP_LEVEL_DOMAIN.test(labels[labels.length - 1] ?? '');
}

/** Canonical form for storage and lookups: trimmed, NFC, lowercase (we treat addresses as case-insensitive). */
export function normalizeEmail(value: string): string {
  return value.trim().normalize('NFC').toLowerCase();
}
