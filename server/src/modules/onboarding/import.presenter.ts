// The only serializer of portfolio imports: the ImportView the web app polls (common/src/onboarding.ts).
import {
  importFieldNames,
  type ImportColumnMapping,
  type ImportCountryCode,
  type ImportReading,
  type ImportView,
} from '@bureau/common';
import type { ImportRow } from './import.repository.js';

/** The stored mapping with every field present (null when no column is chosen). */
export function mappingOf(row: Pick<ImportRow, 'mapping'>): ImportColumnMapping {
  return Object.fromEntries(
    importFieldNames.map((field) => [field, row.mapping[field] ?? null]),
  ) as ImportColumnMapping;
}

export function presentImport(row: ImportRow, sample: string[][]): ImportView & { error: string | null } {
  return {
    id: row.id,
    fileName: row.fileName,
    headers: row.headers,
    sample,
    reading: (row.reading as ImportReading | null) ?? null,
    rowCount: row.rowCount,
    mapping: mappingOf(row),
    defaultCountry: row.defaultCountry as ImportCountryCode,
    invite: row.invite,
    status: row.status,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    skipped: row.skipped,
    invited: row.invited,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.error,
  };
}
