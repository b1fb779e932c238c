// Portfolio import: staff upload a CSV or XLSX of clients (every row is kept), correct the guessed mapping and see a dry
// run, then commit; the 'import' job creates or updates the companies in chunks, each chunk one transaction that also
// records what became of its rows and advances the counters — so a crash or a retry goes on exactly where it stopped,
// and no company is created, and no invitation sent, twice. The tax id is the key: importing the same file again changes
// nothing. A row with any error is skipped and reported, never half-imported.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  importFieldNames,
  isLocale,
  type ClientAccess,
  type DryRun,
  type DryRunRow,
  type ImportColumnMapping,
  type ImportCountryCode,
  type ImportReadingChoice,
  type ImportRowAction,
  type ImportSettings,
  type Locale,
} from '@bureau/common';
import type { Database, Tx } from '../../db/database.js';
import { AppError, notFound } from '../../http/app-error.js';
import { audit } from '../audit/index.js';
import type { Actor } from '../identity/index.js';
import { loadActor } from '../identity/index.js';
import { createCompanyRecords, updateCompanyRecord, officeRecords } from '../tenancy/index.js';
import type { JobQueue } from '../jobs/index.js';
import { policy } from '../policy/index.js';
import { guessMapping, rowCountry, validateRows, type ImportCompany, type ImportRowResult } from './import.parse.js';
import { ImportFileError, MAX_BYTES, readSpreadsheet } from './import.read.js';
import { mappingOf, presentImport } from './import.presenter.js';
import { importReportCsv, importReportXlsx, type ImportReportRow } from './import.report.js';
import { isUuid } from '../../http/ids.js';
import {
  addProgress,
  companiesByTaxId,
  findImport,
  importSource,
  insertImport,
  insertImportLines,
  linesAfter,
  listImports,
  pendingLines,
  reachedEmails,
  replaceImportLines,
  reportLines,
  sampleLines,
  updateImport,
  writeOutcomes,
  type ExistingCompany,
  type ImportLine,
  type ImportRow,
  type RowOutcome,
} from './import.repository.js';

export type ImportJob = { officeId: string; importId: string };

export type InviteInput = {
  companyId: string;
  email: string;
  name: string;
  phone?: string;
  access: ClientAccess;
  importId: string;
};
/** Sends an invitation in the caller's transaction; the invitation's id, or null when none was sent. */
export type Invite = (tx: Tx, actor: Actor, input: InviteInput) => Promise<string | null>;

const SAMPLE_ROWS = 5;
const LIST_LIMIT = 20;
export const IMPORT_CHUNK = 500;
const DRY_RUN_ROWS = 1000;
/** Rows read at a time by the dry run, the job's duplicate check and the report: memory is one page, whatever the file. */
export const IMPORT_PAGE = 1000;
const IMPORT_COUNTRIES: readonly string[] = ['PL', 'RO', 'FR', 'BE'];

/** A row's verdict once the office's companies are known: what the import would do with it. */
type Decision = {
  line: number;
  action: ImportRowAction;
  company?: ImportCompany;
  existing?: ExistingCompany;
  changes: ('name' | 'email' | 'phone' | 'siret')[];
  errors: ImportRowResult['errors'];
  warnings: ImportRowResult['warnings'];
};

/** The row's e-mails the company does not have yet (addresses compare without regard to case). */
function newEmails(existing: ExistingCompany, company: ImportCompany): string[] {
  const known = new Set(existing.emails.map((e) => e.email.toLowerCase()));
  return [company.email, ...(company.otherEmails ?? [])].filter(
    (email): email is string => Boolean(email) && !known.has(email!.toLowerCase()),
  );
}

/** What an update would change on an existing company: the name, and an e-mail or phone it does not have yet. */
function changesOf(existing: ExistingCompany, company: ImportCompany): Decision['changes'] {
  const changes: Decision['changes'] = [];
  if (existing.name !== company.name) changes.push('name');
  if (newEmails(existing, company).length > 0) changes.push('email');
  // A French row naming its establishment gives a company known by its SIREN alone its SIRET; one it has stays.
  if (company.siret && !existing.siret) changes.push('siret');
  if (company.phone && !existing.phones.some((p) => p.phone === company.phone)) changes.push('phone');
  return changes;
}

function decide(result: ImportRowResult, existingByKey: Map<string, ExistingCompany>): Decision {
  const { line, warnings } = result;
  if (result.action === 'skip' || !result.company)
    return { line, action: 'skip', changes: [], errors: result.errors, warnings };
  const existing = existingByKey.get(`${result.company.country}:${result.company.taxId}`);
  if (!existing) return { line, action: 'create', company: result.company, changes: [], errors: [], warnings };
  const changes = changesOf(existing, result.company);
  return {
    line,
    action: changes.length > 0 ? 'update' : 'unchanged',
    company: result.company,
    existing,
    changes,
    errors: [],
    warnings,
  };
}

/** An invitation goes out when asked for, to a row's e-mail nobody of the company uses yet nor has an open invitation for. */
function wouldInvite(settings: { invite: boolean }, decision: Decision, reached: Set<string>): boolean {
  const email = decision.company?.email;
  if (!settings.invite || !email || decision.action === 'skip') return false;
  return !decision.existing || !reached.has(`${decision.existing.id}:${email.toLowerCase()}`);
}

/** The mapping must name the company and its tax id, with columns of the file, each column once. */
function checkMapping(mapping: ImportColumnMapping, columns: number): void {
  const fields = Object.fromEntries(
    importFieldNames
      .filter(
        (f) => mapping[f] !== null && !(Number.isInteger(mapping[f]) && mapping[f]! >= 0 && mapping[f]! < columns),
      )
      .map((f) => [`mapping.${f}`, { code: 'invalid' as const }]),
  );
  if (Object.keys(fields).length > 0) throw new AppError('import.mapping_column_invalid', { fields });
  const used = new Map<number, string>();
  for (const field of importFieldNames) {
    const column = mapping[field];
    if (column === null) continue;
    if (used.has(column))
      throw new AppError('import.mapping_column_reused', { fields: { [`mapping.${field}`]: { code: 'invalid' } } });
    used.set(column, field);
  }
  const missing = (['name', 'taxId'] as const).filter((f) => mapping[f] === null);
  if (missing.length > 0)
    throw new AppError('import.mapping_missing', {
      fields: Object.fromEntries(missing.map((f) => [`mapping.${f}`, { code: 'required' as const }])),
    });
}

const DUPLICATE = 'duplicate_in_file';

/**
 * The mapping that makes validateRows read a row's key (country:taxId) and nothing else: the tax id stands in for the
 * name, so a row gets a company — hence its key — unless its tax id or its country fails, as in validateRows' own check.
 */
function keyMapping(mapping: ImportColumnMapping): ImportColumnMapping {
  const none = Object.fromEntries(importFieldNames.map((f) => [f, null])) as ImportColumnMapping;
  return { ...none, name: mapping.taxId, taxId: mapping.taxId, country: mapping.country };
}

/** Every row of an import, a keyset page at a time, in file order. */
async function* pagesOf(tx: Tx, row: ImportRow, pageSize = IMPORT_PAGE): AsyncGenerator<ImportLine[]> {
  for (let after = 0; ;) {
    const lines = await linesAfter(tx, row.officeId, row.id, after, pageSize);
    if (lines.length === 0) return;
    yield lines;
    after = lines.at(-1)!.line;
  }
}

/**
 * The lines whose key an earlier line of the file already has (the first occurrence claims it, as in validateRows): the
 * file's keys are kept as strings while its rows go by a page at a time, and only the duplicates' line numbers stay.
 */
async function duplicateLines(tx: Tx, row: ImportRow, pageSize = IMPORT_PAGE): Promise<Set<number>> {
  const mapping = keyMapping(mappingOf(row));
  const seen = new Set<string>();
  const duplicates = new Set<number>();
  for await (const lines of pagesOf(tx, row, pageSize)) {
    const options = {
      defaultCountry: row.defaultCountry as ImportCountryCode,
      existingTaxIds: new Set<string>(),
      rowNumbers: lines.map((l) => l.line),
    };
    for (const result of validateRows(
      lines.map((l) => l.cells),
      mapping,
      options,
    )) {
      if (result.errors.some((e) => e.code === DUPLICATE)) duplicates.add(result.line);
      if (!result.company) continue;
      const key = `${result.company.country}:${result.company.taxId}`;
      if (seen.has(key)) duplicates.add(result.line);
      else seen.add(key);
    }
  }
  return duplicates;
}

/**
 * Some rows of the file checked on their own and against the whole file (not yet against the office's companies):
 * `duplicates` (from duplicateLines) says which repeat a tax id of an earlier row, on this page or another.
 */
function checkRows(row: ImportRow, lines: ImportLine[], duplicates: Set<number>): ImportRowResult[] {
  const results = validateRows(
    lines.map((l) => l.cells),
    mappingOf(row),
    {
      defaultCountry: row.defaultCountry as ImportCountryCode,
      existingTaxIds: new Set(),
      rowNumbers: lines.map((l) => l.line),
    },
  );
  return results.map((result) => {
    if (!duplicates.has(result.line) || result.errors.some((e) => e.code === DUPLICATE)) return result;
    // Where validateRows puts it when both rows are on one page: after the row's own fields, before its contact person.
    const errors = [...result.errors];
    const at = errors.findIndex((e) => e.field === 'representative');
    errors.splice(at < 0 ? errors.length : at, 0, { field: 'taxId', code: DUPLICATE });
    const { company: _company, ...rest } = result;
    return { ...rest, action: 'skip' as const, errors };
  });
}

const keysOf = (results: ImportRowResult[]) =>
  results.flatMap((r) => (r.company ? [`${r.company.country}:${r.company.taxId}`] : []));

/** Reads an upload into memory, refusing it as too large as soon as it passes the limit. */
async function readUpload(file: Readable & { truncated?: boolean }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) {
      file.resume();
      throw new AppError('import.file_too_large');
    }
    chunks.push(chunk as Buffer);
  }
  if (file.truncated) throw new AppError('import.file_too_large');
  return Buffer.concat(chunks);
}

/** Whether the saved settings are those of the dry run the person is looking at. */
function sameSettings(row: ImportRow, seen: ImportSettings): boolean {
  const saved = mappingOf(row);
  return (
    row.defaultCountry === seen.defaultCountry &&
    row.invite === seen.invite &&
    importFieldNames.every((f) => (saved[f] ?? null) === (seen.mapping[f] ?? null))
  );
}

/** A file read, or refused as a whole with a reason the person is told in their language. */
async function read(buffer: Buffer, fileName: string, choice: ImportReadingChoice, countryHint: string) {
  try {
    return await readSpreadsheet(buffer, fileName, choice, countryHint);
  } catch (error) {
    if (error instanceof ImportFileError) throw new AppError(`import.file_${error.reason}`);
    throw error;
  }
}

export class ImportService {
  constructor(
    private readonly db: Database,
    private readonly jobs: Pick<JobQueue, 'enqueue' | 'nudge'>,
    private readonly invite: Invite,
    /** Rows per page read by the dry run, the duplicate check and the report (small in tests, to cross pages). */
    private readonly pageSize = IMPORT_PAGE,
  ) {}

  /** An import of the actor's office (404 for any other id). */
  private async load(tx: Tx, actor: Actor, id: string, lock = false): Promise<ImportRow> {
    const row = isUuid(id) ? await findImport(tx, actor.officeId, id, lock) : undefined;
    if (!row) throw notFound();
    return row;
  }

  private async view(tx: Tx, row: ImportRow) {
    return presentImport(row, (await sampleLines(tx, row.officeId, [row.id], SAMPLE_ROWS)).get(row.id) ?? []);
  }

  /** Reads the file (refused as a whole with a reason), keeps every row, and guesses the mapping. */
  async upload(actor: Actor, input: { fileName: string; file: Readable & { truncated?: boolean } }) {
    policy.require(actor, 'company.import');
    const buffer = await readUpload(input.file);
    const office = await this.db.asActor(actor, (tx) => officeRecords.findOffice(tx, actor.officeId));
    const defaultCountry = office && IMPORT_COUNTRIES.includes(office.country) ? office.country : 'PL';
    const sheet = await read(buffer, input.fileName, {}, defaultCountry);
    const id = randomUUID();
    return this.db.asActor(actor, async (tx) => {
      await insertImport(tx, {
        id,
        officeId: actor.officeId,
        createdBy: actor.userId,
        fileName: input.fileName.slice(0, 255) || 'import',
        headers: sheet.headers,
        // Kept while a draft, so the same file can be read again in another encoding, sheet or header row.
        source: buffer,
        reading: sheet.reading,
        mapping: guessMapping(sheet.headers),
        defaultCountry,
        invite: false,
        rowCount: sheet.rows.length,
      });
      await insertImportLines(
        tx,
        actor.officeId,
        id,
        sheet.rows.map((cells, i) => ({ line: sheet.rowNumbers[i]!, cells })),
      );
      return this.view(tx, (await findImport(tx, actor.officeId, id))!);
    });
  }

  /**
   * Reads a draft's file again as the person chose (another encoding, worksheet or header row): its rows, columns and
   * guessed mapping replace the ones read before. A new worksheet has its header detected again.
   */
  async reread(actor: Actor, id: string, choice: ImportReadingChoice) {
    policy.require(actor, 'company.import');
    return this.db.asActor(actor, async (tx) => {
      const row = await this.load(tx, actor, id, true);
      if (row.status !== 'draft') throw new AppError('import.not_draft');
      const source = await importSource(tx, actor.officeId, id);
      if (!source) throw new AppError('import.source_gone');
      const before = (row.reading ?? {}) as Partial<ImportReadingChoice> & {
        encodingDetected?: boolean;
        sheet?: number;
      };
      const sheetChanged = choice.sheet !== undefined && choice.sheet !== before.sheet;
      const merged: ImportReadingChoice = {
        ...(choice.encoding
          ? { encoding: choice.encoding }
          : before.encodingDetected === false && before.encoding
            ? { encoding: before.encoding }
            : {}),
        ...(choice.sheet !== undefined
          ? { sheet: choice.sheet }
          : before.sheet !== undefined
            ? { sheet: before.sheet }
            : {}),
        ...(choice.headerRow !== undefined && !sheetChanged ? { headerRow: choice.headerRow } : {}),
      };
      const sheet = await read(source, row.fileName, merged, row.defaultCountry);
      await updateImport(tx, actor.officeId, id, {
        headers: sheet.headers,
        reading: sheet.reading,
        mapping: guessMapping(sheet.headers),
        rowCount: sheet.rows.length,
      });
      await replaceImportLines(
        tx,
        actor.officeId,
        id,
        sheet.rows.map((cells, i) => ({ line: sheet.rowNumbers[i]!, cells })),
      );
      return this.view(tx, (await findImport(tx, actor.officeId, id))!);
    });
  }

  /** The office's latest imports, newest first. */
  async list(actor: Actor) {
    policy.require(actor, 'company.import');
    return this.db.asActor(actor, async (tx) => {
      const rows = await listImports(tx, actor.officeId, LIST_LIMIT);
      const samples = await sampleLines(
        tx,
        actor.officeId,
        rows.map((r) => r.id),
        SAMPLE_ROWS,
      );
      return { items: rows.map((r) => presentImport(r, samples.get(r.id) ?? [])) };
    });
  }

  async get(actor: Actor, id: string) {
    policy.require(actor, 'company.import');
    return this.db.asActor(actor, async (tx) => this.view(tx, await this.load(tx, actor, id)));
  }

  /** Keeps the settings and answers what the import would do with every row, against the office's companies now. */
  async dryRun(actor: Actor, id: string, settings: ImportSettings): Promise<DryRun> {
    policy.require(actor, 'company.import');
    return this.db.asActor(actor, async (tx) => {
      const before = await this.load(tx, actor, id, true);
      if (before.status !== 'draft') throw new AppError('import.not_draft');
      checkMapping(settings.mapping, before.headers.length);
      await updateImport(tx, actor.officeId, id, {
        mapping: settings.mapping,
        defaultCountry: settings.defaultCountry,
        invite: settings.invite,
      });
      const row = (await findImport(tx, actor.officeId, id))!;
      const duplicates = await duplicateLines(tx, row, this.pageSize);
      const summary = { create: 0, update: 0, unchanged: 0, skip: 0, invite: 0, warn: 0 };
      // Only the rows that can be shown are kept: rows to fix first, then those imported with a warning, then the rest in
      // file order, DRY_RUN_ROWS in all.
      const skipped: DryRunRow[] = [];
      const warned: DryRunRow[] = [];
      const others: DryRunRow[] = [];
      for await (const lines of pagesOf(tx, row, this.pageSize)) {
        const results = checkRows(row, lines, duplicates);
        const existing = await companiesByTaxId(tx, actor.officeId, keysOf(results));
        const decisions = results.map((r) => decide(r, existing));
        const reached = await reachedEmails(tx, actor.officeId, [
          ...new Set(decisions.flatMap((d) => (d.existing ? [d.existing.id] : []))),
        ]);
        decisions.forEach((d, i) => {
          const invite = wouldInvite(row, d, reached);
          summary[d.action]++;
          if (invite) summary.invite++;
          const bucket = d.action === 'skip' ? skipped : d.warnings.length > 0 ? (summary.warn++, warned) : others;
          if (bucket.length < DRY_RUN_ROWS) {
            bucket.push({
              ...this.describe(row, d.company, lines[i]!.cells),
              line: d.line,
              action: d.action,
              changes: d.changes,
              errors: d.errors,
              warnings: d.warnings,
              invite,
            });
          }
        });
      }
      return {
        import: await this.view(tx, row),
        summary,
        rows: [...skipped, ...warned, ...others].slice(0, DRY_RUN_ROWS),
      };
    });
  }

  /** Name, country, tax id and e-mail of a row: as the import reads them, or as typed when the row is skipped. */
  private describe(row: ImportRow, company: ImportCompany | undefined, cells: string[]) {
    if (company)
      return { name: company.name, country: company.country, taxId: company.taxId, email: company.email ?? '' };
    const mapping = mappingOf(row);
    const cell = (f: keyof ImportColumnMapping) => (mapping[f] === null ? '' : (cells[mapping[f]!] ?? '').trim());
    const country =
      rowCountry(cell('country'), cell('taxId'), row.defaultCountry as ImportCountryCode) ?? cell('country');
    return { name: cell('name'), country, taxId: cell('taxId'), email: cell('email') };
  }

  /** Queues the import (once: committing again answers the import as it stands). */
  async commit(actor: Actor, id: string, seen?: ImportSettings) {
    policy.require(actor, 'company.import');
    const view = await this.db.asActor(actor, async (tx) => {
      const row = await this.load(tx, actor, id, true);
      if (row.status !== 'draft') return this.view(tx, row);
      if (seen && !sameSettings(row, seen)) throw new AppError('import.settings_changed');
      checkMapping(mappingOf(row), row.headers.length);
      // The file is read for good: its rows are kept, the upload itself is no longer needed.
      await updateImport(tx, actor.officeId, id, { status: 'queued', committedBy: actor.userId, source: null });
      await this.jobs.enqueue(tx, 'import', { officeId: actor.officeId, importId: id } satisfies ImportJob);
      return this.view(tx, (await findImport(tx, actor.officeId, id))!);
    });
    this.jobs.nudge('import');
    return view;
  }

  /** The report of a finished (or failed) import as a file, in the reader's language; rows never reached say so. */
  async report(actor: Actor, id: string, format: 'csv' | 'xlsx') {
    policy.require(actor, 'company.import');
    const row = await this.db.asActor(actor, async (tx) => {
      const row = await this.load(tx, actor, id);
      if (row.status !== 'done' && row.status !== 'failed') throw new AppError('import.not_done');
      return row;
    });
    const lang: Locale = isLocale(actor.locale) ? actor.locale : 'en';
    const pages = this.reportPages(actor, row);
    const name = `import-${row.createdAt.toISOString().slice(0, 10)}-${row.id.slice(0, 8)}`;
    if (format === 'csv')
      return { filename: `${name}.csv`, type: 'text/csv; charset=utf-8', body: importReportCsv(pages, lang) };
    return {
      filename: `${name}.xlsx`,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: importReportXlsx(pages, lang, row.fileName),
    };
  }

  /**
   * The report's rows a page at a time, in file order, each page read in a transaction of its own as the file is written:
   * the import is finished, so its rows no longer change.
   */
  private async *reportPages(actor: Actor, row: ImportRow): AsyncGenerator<ImportReportRow[]> {
    for (let after = 0; ;) {
      const lines = await this.db.asActor(actor, (tx) => reportLines(tx, actor.officeId, row.id, after, this.pageSize));
      if (lines.length === 0) return;
      yield lines.map((l) => {
        const typed = this.describe(row, undefined, l.cells);
        return {
          line: l.line,
          name: l.companyName ?? typed.name,
          taxId: l.companyTaxId ?? typed.taxId,
          country: l.companyCountry ?? typed.country,
          outcome: l.outcome ?? 'not_processed',
          errors: l.errors ?? [],
          warnings: l.warnings ?? [],
          invited: l.invitationId !== null,
        };
      });
      after = lines.at(-1)!.line;
    }
  }

  // ——— The 'import' job ———

  /** The whole job: the file's duplicate tax ids once, then chunk after chunk until none is left. */
  async run(job: ImportJob, chunkSize = IMPORT_CHUNK): Promise<void> {
    const duplicates = await this.duplicates(job);
    while (!(await this.processChunk(job, chunkSize, duplicates)));
  }

  /** The lines repeating an earlier line's tax id (pure, so the same on every attempt). */
  private async duplicates(job: ImportJob): Promise<Set<number>> {
    return this.db.inTenant({ officeId: job.officeId }, async (tx) => {
      const row = await findImport(tx, job.officeId, job.importId);
      return row ? duplicateLines(tx, row, this.pageSize) : new Set<number>();
    });
  }

  /**
   * One chunk, one transaction: the next rows without an outcome are checked on their own, against the file and against
   * the companies as they are now, created or updated, invited, and marked with their outcome, and the counters advance.
   * True once the import is finished.
   */
  async processChunk(job: ImportJob, chunkSize = IMPORT_CHUNK, duplicates?: Set<number>): Promise<boolean> {
    const { officeId, importId } = job;
    const repeated = duplicates ?? (await this.duplicates(job));
    return this.db
      .inTenant({ officeId }, async (tx) => {
        // Locked: a second worker on the same import waits, then sees the rows this one did.
        const row = await findImport(tx, officeId, importId, true);
        if (!row || row.status === 'draft' || row.status === 'done' || row.status === 'failed') return true;
        // Whoever committed must still be allowed to import now: the job acts in their name.
        const loaded = await loadActor(tx, {
          userId: row.committedBy ?? row.createdBy,
          officeId,
          companyId: null,
          sessionId: null,
          csrfToken: null,
          apiTokenId: null,
          ip: null,
          requestId: null,
        });
        if (!loaded.ok || !policy.can(loaded.actor, 'company.import')) {
          await updateImport(tx, officeId, importId, { status: 'failed', error: 'forbidden', finishedAt: new Date() });
          return true;
        }
        const actor = loaded.actor;
        if (row.status === 'queued')
          await updateImport(tx, officeId, importId, { status: 'running', startedAt: new Date() });
        const lines = await pendingLines(tx, officeId, importId, chunkSize);
        if (lines.length === 0) {
          await updateImport(tx, officeId, importId, { status: 'done', finishedAt: new Date() });
          await audit(tx, actor, {
            action: 'company.imported',
            objectType: 'portfolio_import',
            objectId: importId,
            after: {
              fileName: row.fileName,
              rows: row.rowCount,
              created: row.created,
              updated: row.updated,
              unchanged: row.unchanged,
              skipped: row.skipped,
              invited: row.invited,
            },
          });
          return true;
        }
        const results = checkRows(row, lines, repeated);
        const existing = await companiesByTaxId(tx, officeId, keysOf(results));
        const decisions = results.map((r) => decide(r, existing));
        const reached = await reachedEmails(
          tx,
          officeId,
          decisions.flatMap((d) => (d.existing ? [d.existing.id] : [])),
        );
        const counts = { processed: lines.length, created: 0, updated: 0, unchanged: 0, skipped: 0, invited: 0 };
        const outcomes: RowOutcome[] = [];
        const invitations: { line: number; input: InviteInput }[] = [];
        const creations: Parameters<typeof createCompanyRecords>[2] = [];
        for (const d of decisions) {
          if (d.action === 'skip' || !d.company) {
            counts.skipped++;
            outcomes.push({
              line: d.line,
              outcome: 'skipped',
              errors: d.errors,
              warnings: null,
              companyId: null,
              invitationId: null,
            });
            continue;
          }
          const c = d.company;
          let companyId: string;
          if (d.action === 'create') {
            companyId = randomUUID();
            const emails = [c.email, ...(c.otherEmails ?? [])].flatMap((email) => (email ? [{ email }] : []));
            creations.push({
              id: companyId,
              name: c.name,
              country: c.country,
              taxId: c.taxId,
              siret: c.siret ?? null,
              emails,
              phones: c.phone ? [{ phone: c.phone }] : [],
            });
            counts.created++;
          } else {
            const before = d.existing!;
            companyId = before.id;
            if (d.action === 'update') {
              await updateCompanyRecord(tx, actor, before, {
                ...(d.changes.includes('name') && { name: c.name }),
                ...(d.changes.includes('email') && {
                  emails: [...before.emails, ...newEmails(before, c).map((email) => ({ email }))],
                }),
                ...(d.changes.includes('siret') && { siret: c.siret! }),
                ...(d.changes.includes('phone') && { phones: [...before.phones, { phone: c.phone! }] }),
              });
              counts.updated++;
            } else {
              counts.unchanged++;
            }
          }
          if (wouldInvite(row, d, reached)) {
            invitations.push({
              line: d.line,
              // The person may correct their name when accepting; without a contact column the company's name stands in.
              input: {
                companyId,
                email: c.email!,
                name: c.representative ?? c.name,
                ...(c.phone && { phone: c.phone }),
                access: c.access,
                importId,
              },
            });
          }
          outcomes.push({
            line: d.line,
            outcome: d.action === 'create' ? 'created' : d.action === 'update' ? 'updated' : 'unchanged',
            errors: null,
            warnings: d.warnings.length > 0 ? d.warnings : null,
            companyId,
            invitationId: null,
          });
        }
        // The chunk's new companies in one statement per table, then the invitations (their companies exist now).
        await createCompanyRecords(tx, actor, creations);
        const byLineOutcome = new Map(outcomes.map((o) => [o.line, o]));
        for (const { line, input } of invitations) {
          const invitationId = await this.invite(tx, actor, input);
          byLineOutcome.get(line)!.invitationId = invitationId;
          if (invitationId) counts.invited++;
        }
        await writeOutcomes(tx, officeId, importId, outcomes);
        await addProgress(tx, officeId, importId, counts);
        return false;
      })
      .finally(() => this.jobs.nudge('sms'));
  }

  /** After the job's last attempt failed: the import is marked failed (the error itself stays in the job's log, never shown). */
  async fail(job: ImportJob): Promise<void> {
    await this.db.inTenant({ officeId: job.officeId }, async (tx) => {
      const row = await findImport(tx, job.officeId, job.importId, true);
      if (row && row.status !== 'done')
        await updateImport(tx, job.officeId, job.importId, {
          status: 'failed',
          error: 'internal',
          finishedAt: new Date(),
        });
    });
  }
}
