// Checks and normalizes a company's identity and contact data; every problem becomes a field
// error (e.g. `bankAccounts.1.iban`) translated for the user.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import {
  isValidEmail,
  normalizeEmail,
  validateIban,
  validateTaxId,
  type CompanyCountry,
} from '@bureau/common/validation';
import { invalid, type FieldError } from '../../http/app-error.js';
import type { Address, BankAccount, EmailContact, PhoneContact } from '../../db/schema.js';

export type CompanyProfile = {
  addresses?: Address[];
  emails?: EmailContact[];
  phones?: PhoneContact[];
  bankAccounts?: BankAccount[];
};

const taxIdKind = (country: CompanyCountry) => ({ kind: country });

/** The company's tax id as stored (a French SIREN, whichever form was typed) and, for France, the SIRET typed, if any. */
export function normalizeCompanyTaxId(
  country: CompanyCountry,
  raw: string,
  errors: Record<string, FieldError>,
): { taxId: string; siret: string | null } {
  const result = validateTaxId(country, raw);
  if (result.ok) return { taxId: result.normalized, siret: result.siret ?? null };
  errors.taxId = {
    code: result.reason === 'checksum' ? 'tax_id_checksum' : 'tax_id_format',
    params: taxIdKind(country),
  };
  return { taxId: raw, siret: null };
}

/** Tags: trimmed, inner spaces collapsed, each once (whatever its case), at most 20 of at most 40 characters. */
export function normalizeTags(tags: string[], errors: Record<string, FieldError>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  tags.forEach((raw, i) => {
    const tag = raw.trim().replace(/\s+/g, ' ');
    if (!tag) errors[`tags.${i}`] = { code: 'required' };
    else if ([...tag].length > 40) errors[`tags.${i}`] = { code: 'too_long', params: { max: 40 } };
    else if (!seen.has(tag.toLocaleLowerCase())) {
      seen.add(tag.toLocaleLowerCase());
      out.push(tag);
    }
  });
  return out;
}

export function normalizeProfile(
  profile: CompanyProfile,
  errors: Record<string, FieldError>,
  defaultCountry: string,
): CompanyProfile {
  const out: CompanyProfile = {};
  if (profile.addresses) {
    out.addresses = profile.addresses.map((a, i) => {
      const trimmed = Object.fromEntries(
        Object.entries(a).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]),
      ) as Address;
      for (const field of ['line1', 'postalCode', 'city'] as const) {
        if (!trimmed[field]) errors[`addresses.${i}.${field}`] = { code: 'required' };
      }
      return { ...trimmed, country: (trimmed.country || defaultCountry).toUpperCase() };
    });
  }
  if (profile.emails) {
    out.emails = profile.emails.map((e, i) => {
      const email = normalizeEmail(e.email);
      if (!isValidEmail(email)) errors[`emails.${i}.email`] = { code: 'email_invalid' };
      return { ...(e.label && { label: e.label.trim() }), email };
    });
  }
  if (profile.phones) {
    out.phones = profile.phones.map((p, i) => {
      const region = ['PL', 'RO', 'FR', 'BE'].includes(defaultCountry) ? (defaultCountry as 'PL') : undefined;
      const parsed = parsePhoneNumberFromString(p.phone, region);
      if (!parsed?.isValid()) {
        errors[`phones.${i}.phone`] = { code: 'phone_invalid' };
        return p;
      }
      return { ...(p.label && { label: p.label.trim() }), phone: parsed.number };
    });
  }
  if (profile.bankAccounts) {
    out.bankAccounts = profile.bankAccounts.map((b, i) => {
      const result = validateIban(b.iban);
      if (!result.ok) {
        errors[`bankAccounts.${i}.iban`] = { code: `iban_${result.reason}` };
        return b;
      }
      return {
        ...(b.label && { label: b.label.trim() }),
        iban: result.normalized,
        ...(b.bankName && { bankName: b.bankName.trim() }),
        ...(b.currency && { currency: b.currency.toUpperCase() }),
      };
    });
  }
  return out;
}

export function throwIfErrors(errors: Record<string, FieldError>): void {
  if (Object.keys(errors).length > 0) throw invalid(errors);
}
