// Phone numbers as SMS needs them: E.164, read with the office's country as the default, and only
// numbers that can receive an SMS. Premium-rate, shared-cost and fixed-line numbers are refused: they
// are where SMS pumping sends its traffic, and a landline cannot read a text anyway.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** `e164` on a refusal: the number was read, but cannot take a text (the log shows it as read). */
export type NumberCheck =
  | { ok: true; e164: string }
  | { ok: false; reason: 'phone_invalid' }
  | { ok: false; reason: 'phone_not_mobile'; e164: string };

const TEXTABLE = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

export function checkMobileNumber(raw: string, defaultCountry: string): NumberCheck {
  const text = raw.trim();
  if (!text || text.length > 40) return { ok: false, reason: 'phone_invalid' };
  const number = parsePhoneNumberFromString(text, { defaultCountry: defaultCountry.toUpperCase() as CountryCode });
  if (!number || !number.isValid()) return { ok: false, reason: 'phone_invalid' };
  const type = number.getType();
  if (!type || !TEXTABLE.has(type)) return { ok: false, reason: 'phone_not_mobile', e164: number.number };
  return { ok: true, e164: number.number };
}
