// SQL of portfolio imports: the import, the file's rows and what became of each, and the facts the verdicts need (the
// office's companies by tax id, who already has access or an open invitation). Every function takes the office id.
import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { companies, companyUsers, invitations, portfolioImportRows, portfolioImports, users } from '../../db/schema.js';

// The uploaded file itself (`source`, up to 20 MB) stays in the database unless asked for: an import is read on every
// poll, every chunk of the job and every list of imports.
const { source: _source, ...importColumns } = getTableColumns(portfolioImports);
export type ImportRow = Omit<typeof portfolioImports.$inferSelect, 'source'>;
export type ImportLine = { line: number; cells: string[] };
export type RowOutcome = {
  line: number;
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped';
  errors: { field: string; code: string }[] | null;
  warnings: { field: string; code: string }[] | null;
  companyId: string | null;
  invitationId: string | null;
};

export async function insertImport(tx: Tx, values: typeof portfolioImports.$inferInsert): Promise<void> {
  await tx.insert(portfolioImports).values(values);
}

/** Rows per INSERT: one JSON parameter of a few hundred kB. */
const INSERT_CHUNK = 5000;

// Each batch travels as one JSON text that PostgreSQL unpacks: binding 4 parameters a row built a query object per value
// (a 50,000-row file's upload spent most of its memory there, not in reading the file).
export async function insertImportLines(
  tx: Tx,
  officeId: string,
  importId: string,
  lines: ImportLine[],
): Promise<void> {
  for (let i = 0; i < lines.length; i += INSERT_CHUNK) {
    const batch = JSON.stringify(lines.slice(i, i + INSERT_CHUNK).map((l) => ({ line: l.line, cells: l.cells })));
    await tx.execute(sql`
      INSERT INTO ${portfolioImportRows} (office_id, import_id, line, cells)
      SELECT ${officeId}, ${importId}, r.line, r.cells FROM jsonb_to_recordset(${batch}::jsonb) AS r(line int, cells jsonb)`);
  }
}

/** The file of a draft import as it was uploaded (null once the import is committed, or for imports from before it was kept). */
export async function importSource(tx: Tx, officeId: string, importId: string): Promise<Buffer | null> {
  const [row] = await tx
    .select({ source: portfolioImports.source })
    .from(portfolioImports)
    .where(and(eq(portfolioImports.officeId, officeId), eq(portfolioImports.id, importId)));
  return row?.source ?? null;
}

/** The file read again another way: its rows replace the ones read before. */
export async function replaceImportLines(
  tx: Tx,
  officeId: string,
  importId: string,
  lines: ImportLine[],
): Promise<void> {
  await tx
    .delete(portfolioImportRows)
    .where(and(eq(portfolioImportRows.officeId, officeId), eq(portfolioImportRows.importId, importId)));
  await insertImportLines(tx, officeId, importId, lines);
}

/** The import, locked against a concurrent commit or chunk when `lock` is set. */
export async function findImport(
  tx: Tx,
  officeId: string,
  importId: string,
  lock = false,
): Promise<ImportRow | undefined> {
  const query = tx
    .select(importColumns)
    .from(portfolioImports)
    .where(and(eq(portfolioImports.officeId, officeId), eq(portfolioImports.id, importId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function listImports(tx: Tx, officeId: string, limit: number): Promise<ImportRow[]> {
  return tx
    .select(importColumns)
    .from(portfolioImports)
    .where(eq(portfolioImports.officeId, officeId))
    .orderBy(desc(portfolioImports.createdAt), desc(portfolioImports.id))
    .limit(limit);
}

export async function updateImport(
  tx: Tx,
  officeId: string,
  importId: string,
  values: Partial<typeof portfolioImports.$inferInsert>,
): Promise<void> {
  await tx
    .update(portfolioImports)
    .set(values)
    .where(and(eq(portfolioImports.officeId, officeId), eq(portfolioImports.id, importId)));
}

/** The first `perImport` rows of each import (the sample shown next to the mapping): one index range scan per import. */
export async function sampleLines(
  tx: Tx,
  officeId: string,
  importIds: string[],
  perImport: number,
): Promise<Map<string, string[][]>> {
  const samples = new Map<string, string[][]>(importIds.map((id) => [id, []]));
  if (importIds.length === 0) return samples;
  const result = await tx.execute<{ importId: string; cells: string[] }>(sql`
    SELECT i.id AS "importId", r.cells
    FROM jsonb_array_elements_text(${JSON.stringify(importIds)}::jsonb) WITH ORDINALITY AS j(id, n)
    CROSS JOIN LATERAL (SELECT j.id::uuid AS id) i
    CROSS JOIN LATERAL (
      SELECT cells, line FROM ${portfolioImportRows}
      WHERE office_id = ${officeId} AND import_id = i.id ORDER BY line LIMIT ${perImport}
    ) r
    ORDER BY j.n, r.line`);
  for (const row of result.rows) samples.get(row.importId)?.push(row.cells);
  return samples;
}

/**
 * The file's rows after line `after`, at most `limit` of them, in file order: a keyset page (one range scan of the primary
 * key), so going through a 50,000-row file holds one page at a time.
 */
export async function linesAfter(
  tx: Tx,
  officeId: string,
  importId: string,
  after: number,
  limit: number,
): Promise<ImportLine[]> {
  return tx
    .select({ line: portfolioImportRows.line, cells: portfolioImportRows.cells })
    .from(portfolioImportRows)
    .where(
      and(
        eq(portfolioImportRows.officeId, officeId),
        eq(portfolioImportRows.importId, importId),
        gt(portfolioImportRows.line, after),
      ),
    )
    .orderBy(asc(portfolioImportRows.line))
    .limit(limit);
}

/** The next rows the import has not dealt with yet, in file order. */
export async function pendingLines(tx: Tx, officeId: string, importId: string, limit: number): Promise<ImportLine[]> {
  return tx
    .select({ line: portfolioImportRows.line, cells: portfolioImportRows.cells })
    .from(portfolioImportRows)
    .where(
      and(
        eq(portfolioImportRows.officeId, officeId),
        eq(portfolioImportRows.importId, importId),
        isNull(portfolioImportRows.outcome),
      ),
    )
    .orderBy(asc(portfolioImportRows.line))
    .limit(limit);
}

/** Records what became of a chunk's rows (one statement). */
export async function writeOutcomes(tx: Tx, officeId: string, importId: string, outcomes: RowOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await tx.execute(sql`
    UPDATE ${portfolioImportRows} r SET outcome = o.outcome, errors = o.errors, warnings = o.warnings, company_id = o.company_id, invitation_id = o.invitation_id
    FROM jsonb_to_recordset(${JSON.stringify(outcomes.map((o) => ({ line: o.line, outcome: o.outcome, errors: o.errors, warnings: o.warnings, company_id: o.companyId, invitation_id: o.invitationId })))}::jsonb)
      AS o(line int, outcome text, errors jsonb, warnings jsonb, company_id uuid, invitation_id uuid)
    WHERE r.office_id = ${officeId} AND r.import_id = ${importId} AND r.line = o.line
      -- The chunk's range of lines: without it the planner guesses one row for the import's rows and re-reads the JSON for
      -- each of them (a nested loop: 0.5–0.8 s a chunk, growing with the table); with it, it reads just the chunk's rows.
      AND r.line BETWEEN ${Math.min(...outcomes.map((o) => o.line))} AND ${Math.max(...outcomes.map((o) => o.line))}`);
}

/** Advances the progress and the counters by a chunk's numbers. */
export async function addProgress(
  tx: Tx,
  officeId: string,
  importId: string,
  add: { processed: number; created: number; updated: number; unchanged: number; skipped: number; invited: number },
): Promise<void> {
  await tx
    .update(portfolioImports)
    .set({
      processed: sql`${portfolioImports.processed} + ${add.processed}`,
      created: sql`${portfolioImports.created} + ${add.created}`,
      updated: sql`${portfolioImports.updated} + ${add.updated}`,
      unchanged: sql`${portfolioImports.unchanged} + ${add.unchanged}`,
      skipped: sql`${portfolioImports.skipped} + ${add.skipped}`,
      invited: sql`${portfolioImports.invited} + ${add.invited}`,
    })
    .where(and(eq(portfolioImports.officeId, officeId), eq(portfolioImports.id, importId)));
}

export type ExistingCompany = typeof companies.$inferSelect;

/** The office's companies with these `country:taxId` keys (all of them when `keys` is omitted), by key. */
export async function companiesByTaxId(
  tx: Tx,
  officeId: string,
  keys?: string[],
): Promise<Map<string, ExistingCompany>> {
  if (keys && keys.length === 0) return new Map();
  const where = keys
    ? and(
        eq(companies.officeId, officeId),
        sql`(${companies.country}, ${companies.taxId}) IN (SELECT split_part(k, ':', 1), split_part(k, ':', 2) FROM jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb) k)`,
      )
    : eq(companies.officeId, officeId);
  const rows = await tx.select().from(companies).where(where);
  return new Map(rows.map((c) => [`${c.country}:${c.taxId}`, c]));
}

/**
 * `companyId:email` of these companies' people who need no invitation: a client user with that e-mail, or an invitation
 * still open for it (not accepted, revoked or expired).
 */
export async function reachedEmails(tx: Tx, officeId: string, companyIds: string[]): Promise<Set<string>> {
  if (companyIds.length === 0) return new Set();
  const [members, open] = await Promise.all([
    tx
      .select({ companyId: companyUsers.companyId, email: users.email })
      .from(companyUsers)
      .innerJoin(users, eq(users.id, companyUsers.userId))
      .where(and(eq(companyUsers.officeId, officeId), inArray(companyUsers.companyId, companyIds))),
    tx
      .select({ companyId: invitations.companyId, email: invitations.email })
      .from(invitations)
      .where(
        and(
          eq(invitations.officeId, officeId),
          inArray(invitations.companyId, companyIds),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          sql`${invitations.expiresAt} > now()`,
        ),
      ),
  ]);
  return new Set([...members, ...open].map((r) => `${r.companyId}:${r.email.toLowerCase()}`));
}

export type ReportLine = {
  line: number;
  cells: string[];
  outcome: RowOutcome['outcome'] | null;
  errors: { field: string; code: string }[] | null;
  warnings: { field: string; code: string }[] | null;
  invitationId: string | null;
  companyName: string | null;
  companyCountry: string | null;
  companyTaxId: string | null;
};

/** The rows after line `after` (at most `limit`) with their outcome and the company each became (if any), in file order. */
export async function reportLines(
  tx: Tx,
  officeId: string,
  importId: string,
  after: number,
  limit: number,
): Promise<ReportLine[]> {
  return tx
    .select({
      line: portfolioImportRows.line,
      cells: portfolioImportRows.cells,
      outcome: portfolioImportRows.outcome,
      errors: portfolioImportRows.errors,
      warnings: portfolioImportRows.warnings,
      invitationId: portfolioImportRows.invitationId,
      companyName: companies.name,
      companyCountry: companies.country,
      companyTaxId: companies.taxId,
    })
    .from(portfolioImportRows)
    .leftJoin(
      companies,
      and(eq(companies.officeId, portfolioImportRows.officeId), eq(companies.id, portfolioImportRows.companyId)),
    )
    .where(
      and(
        eq(portfolioImportRows.officeId, officeId),
        eq(portfolioImportRows.importId, importId),
        gt(portfolioImportRows.line, after),
      ),
    )
    .orderBy(asc(portfolioImportRows.line))
    .limit(limit);
}
