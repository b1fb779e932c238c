// Request and response schemas of the portfolio import routes (the contract of common/src/onboarding.ts).
import { Type } from 'typebox';
import { importEncodings, importFieldNames, type ImportEncoding } from '../onboarding.js';
import { DateTime, NullableDateTime, StrictObject } from './base.js';

// One schema of two types: with the app's type coercion a union would turn null into 0 (or 0 into null).
const Column = Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 0, maximum: 1000 });
const Mapping = StrictObject(
  Object.fromEntries(importFieldNames.map((field) => [field, Column])) as Record<
    (typeof importFieldNames)[number],
    typeof Column
  >,
);
const ImportCountry = Type.Union([Type.Literal('PL'), Type.Literal('RO'), Type.Literal('FR'), Type.Literal('BE')]);
const Action = Type.Union([
  Type.Literal('create'),
  Type.Literal('update'),
  Type.Literal('unchanged'),
  Type.Literal('skip'),
]);

const FieldName = Type.Unsafe<(typeof importFieldNames)[number]>({ type: 'string', enum: [...importFieldNames] });
/** The largest import file the server reads, and the most data rows it takes. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;

const Encoding = Type.Unsafe<ImportEncoding>({ type: 'string', enum: [...importEncodings] });

/** Read the file again: another encoding (CSV), worksheet (XLSX) or header row. */
export const ImportReadingBody = StrictObject({
  encoding: Type.Optional(Encoding),
  sheet: Type.Optional(Type.Integer({ minimum: 0, maximum: 255 })),
  headerRow: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_100_000 })),
});

const ReadingSchema = Type.Object({
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  encoding: Type.Union([Encoding, Type.Null()]),
  encodingDetected: Type.Boolean(),
  sheets: Type.Array(Type.String()),
  sheet: Type.Integer(),
  headerRow: Type.Integer(),
  headerDetected: Type.Boolean(),
  topRows: Type.Array(Type.Object({ row: Type.Integer(), cells: Type.Array(Type.String()) })),
  footers: Type.Array(Type.Object({ row: Type.Integer(), text: Type.String() })),
});

export const ImportSettingsBody = StrictObject({
  mapping: Mapping,
  defaultCountry: ImportCountry,
  invite: Type.Boolean(),
});
/** The settings of the dry run the person saw: refused if they changed since (another tab, another admin). */
export const CommitBody = StrictObject({ settings: Type.Optional(ImportSettingsBody) });

export const ImportViewSchema = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  headers: Type.Array(Type.String()),
  sample: Type.Array(Type.Array(Type.String())),
  reading: Type.Union([ReadingSchema, Type.Null()]),
  rowCount: Type.Integer(),
  mapping: Mapping,
  defaultCountry: ImportCountry,
  invite: Type.Boolean(),
  status: Type.Union([
    Type.Literal('draft'),
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('failed'),
  ]),
  processed: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  skipped: Type.Integer(),
  invited: Type.Integer(),
  createdAt: DateTime,
  finishedAt: NullableDateTime,
  /** Set when the import failed (a reason for the log and support, not a translated message). */
  error: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

const DryRunRowSchema = Type.Object({
  line: Type.Integer(),
  action: Action,
  name: Type.String(),
  country: Type.String(),
  taxId: Type.String(),
  email: Type.String(),
  changes: Type.Array(Type.String()),
  /** Error codes per field; their text is web.json `import.errors.<code>`. */
  errors: Type.Array(Type.Object({ field: FieldName, code: Type.String() })),
  warnings: Type.Array(Type.Object({ field: FieldName, code: Type.String() })),
  invite: Type.Boolean(),
});

export const DryRunSchema = Type.Object({
  import: ImportViewSchema,
  summary: Type.Object({
    create: Type.Integer(),
    update: Type.Integer(),
    unchanged: Type.Integer(),
    skip: Type.Integer(),
    invite: Type.Integer(),
    warn: Type.Integer(),
  }),
  rows: Type.Array(DryRunRowSchema),
});
export const ImportList = Type.Object({ items: Type.Array(ImportViewSchema) });
