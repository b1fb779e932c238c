// Schema pieces shared by routes. Bodies are strict objects: unknown fields are refused.
import { Type, type TProperties } from '@fastify/type-provider-typebox';
import { locales, officeCountries, specialties } from '@bureau/common';
import { UUID_PATTERN } from './ids.js';

export const StrictObject = <T extends TProperties>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

// The pattern as well: the 'uuid' format also takes "urn:uuid:…", which the database does not.
export const Uuid = Type.String({ format: 'uuid', pattern: UUID_PATTERN });
export const IdParams = StrictObject({ id: Type.String({ maxLength: 64 }) });
export const Email = Type.String({ minLength: 1, maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
export const Name = Type.String({ minLength: 1, maxLength: 200 });
export const LocaleSchema = Type.Union(locales.map((l) => Type.Literal(l)));
export const CountrySchema = Type.Union(officeCountries.map((c) => Type.Literal(c)));
export const SpecialtySchema = Type.Union(specialties.map((s) => Type.Literal(s)));
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const NullableDateTime = Type.Unsafe<Date | string | null>({ type: ['string', 'null'], format: 'date-time' });

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
};

export const Paged = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const NoContent = { 204: Type.Null() };
