// What leaves the server about a registry's answer: the look-up's company, and the reading a company keeps.
import { Type, type Static } from 'typebox';
import { CountrySchema, StrictObject, StringEnum } from './base.js';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const RegistryStatusSchema = Type.Object({
  vat: Type.Union([
    Type.Literal('active'),
    Type.Literal('exempt'),
    Type.Literal('not_registered'),
    Type.Literal('removed'),
    Type.Literal('unknown'),
  ]),
  vatEndedOn: Type.Optional(Day),
  vatRestoredOn: Type.Optional(Day),
  inactive: Type.Optional(Type.Boolean()),
  inactiveSince: Type.Optional(Day),
  struckOff: Type.Optional(Type.Boolean()),
  struckOffOn: Type.Optional(Day),
  wording: Type.Optional(Type.String()),
});

const Address = Type.Object({
  raw: Type.String(),
  line1: Type.String(),
  line2: Type.Optional(Type.String()),
  postalCode: Type.Optional(Type.String()),
  city: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
  country: Type.String(),
});

export const registrySources = ['anaf', 'whitelist', 'vies'] as const;
export type RegistrySource = (typeof registrySources)[number];

export const RegistryCompanySchema = Type.Object({
  source: StringEnum(registrySources),
  country: Type.String(),
  taxId: Type.String(),
  name: Type.String(),
  address: Type.Optional(Address),
  vatStatus: StringEnum(['active', 'inactive', 'unknown']),
  status: RegistryStatusSchema,
  eInvoicing: Type.Optional(Type.Boolean()),
  bankAccounts: Type.Optional(Type.Array(Type.String())),
  checkedAt: Type.String(),
});

/** companies.registry as presented: the last reading, found or not. */
export const RegistryRecordSchema = Type.Object({
  source: StringEnum(registrySources),
  outcome: Type.Union([Type.Literal('found'), Type.Literal('not_found')]),
  country: Type.String(),
  taxId: Type.String(),
  checkedAt: Type.String(),
  name: Type.Optional(Type.String()),
  status: Type.Optional(RegistryStatusSchema),
  eInvoicing: Type.Optional(Type.Boolean()),
});

export const RegistryLookupQuery = StrictObject({
  country: CountrySchema,
  taxId: Type.String({ minLength: 1, maxLength: 40 }),
});

/** A registry's verdict in detail (docs/REGISTRIES.md): dates are YYYY-MM-DD, `wording` the registry's own words. */
export type RegistryStatus = Static<typeof RegistryStatusSchema>;
/** What a company keeps of its last registry reading. */
export type RegistryRecord = Static<typeof RegistryRecordSchema>;
/** What a country's public registry knows of a company, by its tax id. */
export type RegistryCompany = Static<typeof RegistryCompanySchema>;
