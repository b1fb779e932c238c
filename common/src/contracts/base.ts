// Schema pieces shared by routes. Bodies are strict objects: unknown fields are refused.
import { Type, type TProperties, type TSchema, type TUnsafe } from 'typebox';
import { clientAccessLevels, companyStatuses, locales, officeCountries, specialties, staffRoles } from '../domain.js';

/** For JSON Schema `pattern`, which takes no flags. */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * A union of string literals built from a list: the same schema as writing each literal, typed as the list
 * (TypeBox cannot infer a union from a mapped array).
 */
export const LiteralUnion = <const T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnsafe<T[number]>;

export const StrictObject = <T extends TProperties>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

// The pattern as well: the 'uuid' format also takes "urn:uuid:…", which the database does not.
export const Uuid = Type.String({ format: 'uuid', pattern: UUID_PATTERN });
export const IdParams = StrictObject({ id: Type.String({ maxLength: 64 }) });
export const Email = Type.String({ minLength: 1, maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
export const Name = Type.String({ minLength: 1, maxLength: 200 });
export const LocaleSchema = LiteralUnion(locales);
export const CountrySchema = LiteralUnion(officeCountries);
export const AccessSchema = Type.Union([Type.Literal('full'), Type.Literal('limited')]);
export const SpecialtySchema = LiteralUnion(specialties);
/** A string from a fixed list, typed as that list; answers are serialised as any string. */
export const StringEnum = <const T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

/** Enumerations as answers carry them. */
export const LocaleOut = StringEnum(locales);
export const CountryOut = StringEnum(officeCountries);
export const SpecialtyOut = StringEnum(specialties);
export const StaffRoleOut = StringEnum(staffRoles);
export const AccessOut = StringEnum(clientAccessLevels);
export const CompanyStatusOut = StringEnum(companyStatuses);

export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const NullableDateTime = Type.Unsafe<Date | string | null>({ type: ['string', 'null'], format: 'date-time' });

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
};

/** The query of a plain paged list. */
export const PageQueryObject = StrictObject(PageQuery);

/** A downloadable report's format. */
export const ReportQuery = StrictObject({ format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) });

export const Paged = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const NoContent = { 204: Type.Null() };

/** A value as it travels in JSON: the server may hold dates, the client reads ISO strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** An answer without a body: the request was taken (202). */
export const Accepted = { 202: Type.Null() };

/** A page of a list as the client receives it (the type beside the schema builder of the same name). */
export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
