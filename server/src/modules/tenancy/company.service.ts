// Client companies: create, list (scoped by the policy), read, edit (office fields by staff, contact
// data also by full-access client users), activate/deactivate with history, and staff assignments.
import { randomUUID } from 'node:crypto';
import type { Specialty } from '@bureau/common';
import { isValidEmail, normalizeEmail, type CompanyCountry } from '@bureau/common/validation';
import type { Database, Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError, invalid, notFound, type FieldError } from '../../http/app-error.js';
import { isUuid } from '../../http/ids.js';
import { audit, auditAnonymous, auditMany } from '../audit/index.js';
import type { JobQueue } from '../jobs/index.js';
import type { Actor, SessionService } from '../identity/index.js';
import { registryRecord, type RegistryRecord, type RegistryService } from '../registry/index.js';
import { purgeCompanyData } from './company-purge.repository.js';
import {
  auditedCompany,
  presentAssignment,
  presentCompany,
  presentDeletedCompany,
  presentCompanyListItem,
  presentStatusChange,
} from './company.presenter.js';
import {
  normalizeCompanyTaxId,
  normalizeProfile,
  normalizeTags,
  throwIfErrors,
  type CompanyProfile,
} from './company.validation.js';
import { policy, companyScope } from '../policy/index.js';
import {
  activeStaffIds,
  findCompany,
  findCompanyByTaxId,
  findCompanyPage,
  findCompanyTags,
  findDeletedCompany,
  insertCompanies,
  listDeletedCompanies,
  insertStatusChange,
  insertStatusChanges,
  listAssignments,
  listStatusChanges,
  replaceAssignments,
  updateCompany,
  type CompanyListFilter,
  type CompanyRow,
  type CompanyValues,
} from './tenancy.repository.js';

export type NewCompany = CompanyProfile & { name: string; country: CompanyCountry; taxId: string; tags?: string[] };
export type CompanyPatch = CompanyProfile & {
  name?: string;
  notificationEmail?: string | null;
  country?: CompanyCountry;
  taxId?: string;
  tags?: string[];
};

/**
 * Writes new, active companies with what every creation brings — the first entry of each one's status history and its audit
 * entry — whoever creates them (the add-company form, a portfolio import's chunk: one statement per table). Values are
 * already checked and normalized.
 */
export async function createCompanyRecords(
  tx: Tx,
  actor: Actor,
  input: Omit<CompanyValues, 'officeId' | 'status'>[],
): Promise<CompanyRow[]> {
  const rows = await insertCompanies(
    tx,
    input.map((company) => ({ ...company, officeId: actor.officeId })),
  );
  await insertStatusChanges(
    tx,
    rows.map((row) => ({
      officeId: actor.officeId,
      companyId: row.id,
      status: 'active' as const,
      changedBy: actor.userId,
    })),
  );
  await auditMany(
    tx,
    actor,
    rows.map((row) => ({
      action: 'company.created' as const,
      objectType: 'company' as const,
      objectId: row.id,
      companyId: row.id,
      after: auditedCompany(row),
    })),
  );
  return rows;
}

/** Changes a company's checked values and audits the change (before and after); returns the company as it is now. */
export async function updateCompanyRecord(
  tx: Tx,
  actor: Actor,
  before: CompanyRow,
  values: Partial<CompanyValues>,
): Promise<CompanyRow> {
  await updateCompany(tx, actor.officeId, before.id, values);
  const after = (await findCompany(tx, actor.officeId, before.id))!;
  await audit(tx, actor, {
    action: 'company.updated',
    objectType: 'company',
    objectId: before.id,
    companyId: before.id,
    before: auditedCompany(before),
    after: auditedCompany(after),
  });
  return after;
}

/** How long a deleted company may be restored; then the purge job removes what need not be kept. */
export const RESTORE_DAYS = 30;
const RESTORE_MS = RESTORE_DAYS * 24 * 3600_000;

/** The 'company-purge' job: one deleted company, due 30 days after its deletion. */
export type CompanyPurgeJob = { officeId: string; companyId: string };

export class CompanyService {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionService,
    private readonly jobs: Pick<JobQueue, 'enqueue'>,
    private readonly registry?: RegistryService,
  ) {}

  /**
   * What this server itself read about the tax id in its registry look-up (kept for a while): a company created or
   * renumbered right after a look-up carries the registry's status, and nothing the browser could have made up.
   */
  private rememberedRecord(country: CompanyCountry, taxId: string): RegistryRecord | null {
    const reading = this.registry?.remembered(country, taxId);
    return reading ? registryRecord(reading) : null;
  }

  async list(actor: Actor, filter: CompanyListFilter, page: number, pageSize: number) {
    policy.require(actor, 'company.list');
    const result = await this.db.asActor(actor, (tx) =>
      findCompanyPage(tx, companyScope(actor), filter, page, pageSize),
    );
    return { items: result.items.map(presentCompanyListItem), total: result.total, page, pageSize };
  }

  /** The tags in use on the companies the actor may see, for pickers and filters. */
  async tags(actor: Actor): Promise<string[]> {
    policy.require(actor, 'company.list');
    return this.db.asActor(actor, (tx) => findCompanyTags(tx, companyScope(actor)));
  }

  async create(actor: Actor, input: NewCompany) {
    policy.require(actor, 'company.create');
    const errors: Record<string, FieldError> = {};
    const name = input.name.trim();
    if (!name) errors.name = { code: 'required' };
    // One company whichever form names it: a SIRET or an FR VAT number is stored as the SIREN (the unique key).
    const { taxId, siret } = normalizeCompanyTaxId(input.country, input.taxId, errors);
    const profile = normalizeProfile(input, errors, input.country);
    const tags = normalizeTags(input.tags ?? [], errors);
    throwIfErrors(errors);
    const id = randomUUID();
    try {
      return await this.db.asActor(actor, async (tx) => {
        const registry = this.rememberedRecord(input.country, taxId);
        const [row] = await createCompanyRecords(tx, actor, [
          { id, name, country: input.country, taxId, siret, tags, ...profile, registry },
        ]);
        return presentCompany(row!, 'office_admin');
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw await this.taxIdTaken(actor, input.country, taxId);
      throw err;
    }
  }

  /**
   * The duplicate names the company that already has the tax id, so the form can link to it — only when the actor may
   * see that company (a restricted employee learns only that it exists, as the unique key already tells them).
   */
  private async taxIdTaken(actor: Actor, country: string, taxId: string): Promise<AppError> {
    const existing = await this.db.asActor(actor, async (tx) => {
      const row = await findCompanyByTaxId(tx, actor.officeId, country, taxId);
      return row && (await policy.can(actor, 'company.read', { tx, companyId: row.id })) ? row : undefined;
    });
    return new AppError('company.tax_id_taken', {
      fields: { taxId: { code: 'tax_id_taken' } },
      ...(existing && { details: { companyId: existing.id, companyName: existing.name } }),
    });
  }

  async get(actor: Actor, companyId: string) {
    return this.db.asActor(actor, async (tx) => {
      const relation = await policy.require(actor, 'company.read', { tx, companyId });
      return presentCompany((await findCompany(tx, actor.officeId, companyId))!, relation);
    });
  }

  async update(actor: Actor, companyId: string, patch: CompanyPatch) {
    // Tags are the office's own: only staff change them, like the company's identity.
    // So is where the office's messages go: the company's own address is the office's choice.
    const touchesIdentity =
      patch.name !== undefined ||
      patch.country !== undefined ||
      patch.taxId !== undefined ||
      patch.tags !== undefined ||
      patch.notificationEmail !== undefined;
    // The tax id this update tried to give the company, to name the company that already has it.
    let attempted: { country: string; taxId: string } | undefined;
    try {
      return await this.db.asActor(actor, async (tx) => {
        const relation = await policy.require(actor, touchesIdentity ? 'company.update' : 'company.updateProfile', {
          tx,
          companyId,
        });
        const before = (await findCompany(tx, actor.officeId, companyId))!;
        const errors: Record<string, FieldError> = {};
        const country = patch.country ?? (before.country as CompanyCountry);
        const values: Record<string, unknown> = normalizeProfile(patch, errors, country);
        if (patch.tags !== undefined) values.tags = normalizeTags(patch.tags, errors);
        if (patch.notificationEmail !== undefined) {
          const email = patch.notificationEmail === null ? '' : normalizeEmail(patch.notificationEmail);
          if (email && !isValidEmail(email)) errors.notificationEmail = { code: 'email_invalid' };
          values.notificationEmail = email || null;
        }
        if (patch.name !== undefined) {
          values.name = patch.name.trim();
          if (!values.name) errors.name = { code: 'required' };
        }
        if (patch.country !== undefined || patch.taxId !== undefined) {
          values.country = country;
          // What is typed names both: a SIRET sets the establishment, a SIREN or VAT number alone clears it. A country
          // patched without a tax id re-reads the stored one, SIRET included, so the establishment survives it.
          const raw = patch.taxId ?? ((country === 'FR' && before.siret) || before.taxId);
          Object.assign(values, normalizeCompanyTaxId(country, raw, errors));
          // The last reading was about the old number: keep it only while the number stays; else what was just read, or nothing.
          if (values.country !== before.country || values.taxId !== before.taxId)
            values.registry = this.rememberedRecord(country, values.taxId as string);
        }
        throwIfErrors(errors);
        attempted = { country: values.country as string, taxId: values.taxId as string };
        const after = await updateCompanyRecord(tx, actor, before, values);
        return presentCompany(after, relation);
      });
    } catch (err) {
      if (isUniqueViolation(err) && attempted) throw await this.taxIdTaken(actor, attempted.country, attempted.taxId);
      throw err;
    }
  }

  /** Activates or deactivates; deactivation ends the sessions of the company's users at once. */
  async setStatus(actor: Actor, companyId: string, input: { status: 'active' | 'inactive'; reason?: string }) {
    return this.db.asActor(actor, async (tx) => {
      const relation = await policy.require(actor, 'company.setStatus', { tx, companyId });
      const before = (await findCompany(tx, actor.officeId, companyId))!;
      if (before.status !== input.status) {
        await updateCompany(tx, actor.officeId, companyId, { status: input.status, statusChangedAt: new Date() });
        await insertStatusChange(tx, {
          officeId: actor.officeId,
          companyId,
          status: input.status,
          reason: input.reason?.trim() || null,
          changedBy: actor.userId,
        });
        if (input.status === 'inactive') await this.sessions.end.ofCompany(tx, actor.officeId, companyId);
        await audit(tx, actor, {
          action: input.status === 'active' ? 'company.activated' : 'company.deactivated',
          objectType: 'company',
          objectId: companyId,
          companyId,
          before: { status: before.status },
          after: { status: input.status, reason: input.reason ?? null },
        });
      }
      return presentCompany((await findCompany(tx, actor.officeId, companyId))!, relation);
    });
  }

  /**
   * Deletes the company softly: from this commit it is in no list, search, picker or counter, and its client users are
   * signed out of it and cannot sign into it. Everything stays in place for 30 days, when the purge job runs.
   */
  async delete(actor: Actor, companyId: string): Promise<void> {
    await this.db.asActor(actor, async (tx) => {
      await policy.require(actor, 'company.delete', { tx, companyId });
      const before = (await findCompany(tx, actor.officeId, companyId))!;
      const deletedAt = new Date();
      await updateCompany(tx, actor.officeId, companyId, { deletedAt, deletedBy: actor.userId });
      await this.sessions.end.ofCompany(tx, actor.officeId, companyId);
      await audit(tx, actor, {
        action: 'company.deleted',
        objectType: 'company',
        objectId: companyId,
        companyId,
        before: auditedCompany(before),
        after: { deletedAt, restorableUntil: new Date(deletedAt.getTime() + RESTORE_MS) },
      });
      await this.jobs.enqueue(tx, 'company-purge', { officeId: actor.officeId, companyId } satisfies CompanyPurgeJob, {
        startAfter: new Date(deletedAt.getTime() + RESTORE_MS),
      });
    });
  }

  /** The office's companies deleted in the last 30 days, which may still be restored. */
  async listDeleted(actor: Actor) {
    policy.require(actor, 'company.restore');
    const rows = await this.db.asActor(actor, (tx) =>
      listDeletedCompanies(tx, actor.officeId, new Date(Date.now() - RESTORE_MS)),
    );
    return rows.map((row) => presentDeletedCompany(row, RESTORE_MS));
  }

  /** Brings a company deleted less than 30 days ago back as it was: its conversations, people and access. */
  async restore(actor: Actor, companyId: string) {
    return this.db.asActor(actor, async (tx) => {
      policy.require(actor, 'company.restore');
      const row = isUuid(companyId)
        ? await findDeletedCompany(tx, actor.officeId, companyId, { lock: true })
        : undefined;
      // Past the 30 days the purge may already be under way: the company is gone for the office, as if never there.
      if (!row || row.deletedAt!.getTime() + RESTORE_MS <= Date.now()) throw notFound();
      await updateCompany(tx, actor.officeId, companyId, { deletedAt: null, deletedBy: null });
      await audit(tx, actor, {
        action: 'company.restored',
        objectType: 'company',
        objectId: companyId,
        companyId,
        before: { deletedAt: row.deletedAt },
        after: { deletedAt: null },
      });
      return presentCompany((await findCompany(tx, actor.officeId, companyId))!, 'office_admin');
    });
  }

  /**
   * The 'company-purge' job: if the company is still deleted and its 30 days are over, removes what need not be kept
   * (company-purge.repository.ts) and says so in the audit log; otherwise (restored, or deleted again later) nothing.
   */
  async purge(job: CompanyPurgeJob): Promise<void> {
    await this.db.inTenant({ officeId: job.officeId }, async (tx) => {
      const row = await findDeletedCompany(tx, job.officeId, job.companyId, { lock: true });
      if (!row || row.deletedAt!.getTime() + RESTORE_MS > Date.now()) return;
      const removed = await purgeCompanyData(tx, job.officeId, job.companyId);
      await auditAnonymous(
        tx,
        job.officeId,
        { userId: null, name: null, ip: null, requestId: null },
        {
          action: 'company.purged',
          objectType: 'company',
          objectId: job.companyId,
          companyId: job.companyId,
          before: { deletedAt: row.deletedAt },
          after: removed,
        },
      );
    });
  }

  /**
   * Asks the company's registry again (never from the cache) and keeps its answer on the company, audited; "not found"
   * is kept too (a company struck off may vanish from a register). The registry is asked outside any transaction, and
   * the answer is kept only if the company still has the tax id it was asked about.
   */
  async checkRegistry(actor: Actor, companyId: string) {
    const before = await this.db.asActor(actor, async (tx) => {
      await policy.require(actor, 'company.registryCheck', { tx, companyId });
      return (await findCompany(tx, actor.officeId, companyId))!;
    });
    const country = before.country as CompanyCountry;
    if (country === 'OTHER' || !this.registry) throw new AppError('registry.unsupported_country');
    const record = registryRecord(await this.registry.read(actor, country, before.taxId, { fresh: true }));
    return this.db.asActor(actor, async (tx) => {
      const relation = await policy.require(actor, 'company.registryCheck', { tx, companyId });
      const current = (await findCompany(tx, actor.officeId, companyId))!;
      if (current.country !== before.country || current.taxId !== before.taxId) throw new AppError('conflict');
      await updateCompany(tx, actor.officeId, companyId, { registry: record });
      await audit(tx, actor, {
        action: 'company.registry_checked',
        objectType: 'company',
        objectId: companyId,
        companyId,
        before: { registry: current.registry ?? null },
        after: { registry: record },
      });
      return presentCompany((await findCompany(tx, actor.officeId, companyId))!, relation);
    });
  }

  async statusHistory(actor: Actor, companyId: string) {
    return this.db.asActor(actor, async (tx) => {
      await policy.require(actor, 'company.statusHistory', { tx, companyId });
      const rows = await listStatusChanges(tx, actor.officeId, companyId);
      return rows.map(presentStatusChange);
    });
  }

  async assignments(actor: Actor, companyId: string) {
    return this.db.asActor(actor, async (tx) => {
      await policy.require(actor, 'company.assignments.read', { tx, companyId });
      return (await listAssignments(tx, actor.officeId, companyId)).map(presentAssignment);
    });
  }

  async setAssignments(actor: Actor, companyId: string, items: { userId: string; specialty: Specialty }[]) {
    return this.db.asActor(actor, async (tx) => {
      await policy.require(actor, 'company.assignments.manage', { tx, companyId });
      const unique = [...new Map(items.map((i) => [`${i.userId}:${i.specialty}`, i])).values()];
      const staff = await activeStaffIds(tx, actor.officeId, [...new Set(unique.map((i) => i.userId))]);
      const errors: Record<string, FieldError> = {};
      unique.forEach((item, index) => {
        if (!staff.has(item.userId)) errors[`items.${index}.userId`] = { code: 'invalid' };
      });
      if (Object.keys(errors).length) throw invalid(errors);
      const before = await listAssignments(tx, actor.officeId, companyId);
      await replaceAssignments(tx, actor.officeId, companyId, unique);
      const after = await listAssignments(tx, actor.officeId, companyId);
      await audit(tx, actor, {
        action: 'company.assignments_changed',
        objectType: 'company',
        objectId: companyId,
        companyId,
        before: before.map(({ userId, specialty }) => ({ userId, specialty })),
        after: after.map(({ userId, specialty }) => ({ userId, specialty })),
      });
      return after.map(presentAssignment);
    });
  }
}
