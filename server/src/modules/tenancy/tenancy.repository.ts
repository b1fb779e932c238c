// SQL for offices, staff, client companies, their users and staff assignments. Every function
// takes the office id and filters by it, even though row-level security would too.
import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { sirenInSearch } from '@bureau/common/validation';
import type { Tx } from '../../db/database.js';
import { OWNER_ROLE } from '../policy/index.js';
import {
  assignments,
  companies,
  companyStatusChanges,
  companyUsers,
  offices,
  staffMembers,
  users,
} from '../../db/schema.js';

export async function insertOffice(tx: Tx, office: typeof offices.$inferInsert): Promise<void> {
  await tx.insert(offices).values(office);
}

/** Serializes first-run setups: two browsers submitting at once create one office. */
export async function lockSetup(tx: Tx, key: number): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${key})`);
}

export async function updateOffice(
  tx: Tx,
  officeId: string,
  values: Partial<typeof offices.$inferInsert>,
): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await tx.update(offices).set(values).where(eq(offices.id, officeId));
}

/** How many staff members and companies the office has (the operator's list). */
export async function countOfficePeople(tx: Tx, officeId: string): Promise<{ staff: number; companies: number }> {
  const result = await tx.execute<{ staff: number; companies: number }>(sql`SELECT
      (SELECT count(*)::int FROM ${staffMembers} WHERE ${staffMembers.officeId} = ${officeId}) AS staff,
      (SELECT count(*)::int FROM ${companies} WHERE ${companies.officeId} = ${officeId}) AS companies`);
  return result.rows[0]!;
}

// --- staff -----------------------------------------------------------------------------------

export async function insertStaffMember(tx: Tx, member: typeof staffMembers.$inferInsert): Promise<void> {
  await tx.insert(staffMembers).values(member);
}

// Correlated subqueries below name the outer table's columns literally: drizzle renders a column
// inside a select field unqualified, which the subquery would resolve against its own tables.

export async function listStaff(tx: Tx, officeId: string) {
  return (await listStaffWhere(tx, officeId, sql`true`)).sort((a, b) => a.name.localeCompare(b.name));
}

export async function findStaffMember(tx: Tx, officeId: string, userId: string) {
  const rows = await listStaffWhere(tx, officeId, eq(staffMembers.userId, userId));
  return rows[0];
}

async function listStaffWhere(tx: Tx, officeId: string, where: SQL) {
  return tx
    .select({
      userId: staffMembers.userId,
      name: users.name,
      email: users.email,
      role: staffMembers.role,
      specialties: staffMembers.specialties,
      disabledAt: staffMembers.disabledAt,
      totpEnabled: users.totpEnabled,
      createdAt: staffMembers.createdAt,
      assignedCompanies: sql<number>`(SELECT count(DISTINCT a.company_id)::int FROM ${assignments} a WHERE a.office_id = staff_members.office_id AND a.user_id = staff_members.user_id)`,
    })
    .from(staffMembers)
    .innerJoin(users, eq(users.id, staffMembers.userId))
    .where(and(eq(staffMembers.officeId, officeId), where));
}

export async function updateStaffMember(
  tx: Tx,
  officeId: string,
  userId: string,
  values: Partial<typeof staffMembers.$inferInsert>,
): Promise<void> {
  await tx
    .update(staffMembers)
    .set(values)
    .where(and(eq(staffMembers.officeId, officeId), eq(staffMembers.userId, userId)));
}

export async function countActiveOwners(tx: Tx, officeId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(staffMembers)
    .where(
      and(
        eq(staffMembers.officeId, officeId),
        eq(staffMembers.role, OWNER_ROLE),
        sql`${staffMembers.disabledAt} IS NULL`,
      ),
    );
  return row?.n ?? 0;
}

// --- companies -------------------------------------------------------------------------------

export type CompanyRow = typeof companies.$inferSelect;
export type CompanyValues = typeof companies.$inferInsert;

/** Many companies in one statement (a portfolio import's chunk), as stored. */
export async function insertCompanies(tx: Tx, rows: (typeof companies.$inferInsert)[]): Promise<CompanyRow[]> {
  return rows.length > 0 ? tx.insert(companies).values(rows).returning() : [];
}

export async function findCompany(tx: Tx, officeId: string, companyId: string): Promise<CompanyRow | undefined> {
  const [row] = await tx
    .select()
    .from(companies)
    .where(and(eq(companies.officeId, officeId), eq(companies.id, companyId)));
  return row;
}

export async function findCompanyByTaxId(
  tx: Tx,
  officeId: string,
  country: string,
  taxId: string,
): Promise<CompanyRow | undefined> {
  const [row] = await tx
    .select()
    .from(companies)
    .where(and(eq(companies.officeId, officeId), eq(companies.country, country), eq(companies.taxId, taxId)));
  return row;
}

export async function updateCompany(
  tx: Tx,
  officeId: string,
  companyId: string,
  values: Partial<typeof companies.$inferInsert>,
): Promise<void> {
  await tx
    .update(companies)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(companies.officeId, officeId), eq(companies.id, companyId)));
}

/** Companies carrying `tag`, whatever its case. */
export const tagged = (tag: string): SQL =>
  sql`EXISTS (SELECT 1 FROM unnest(${companies.tags}) t WHERE lower(t) = lower(${tag.trim()}))`;

/**
 * Companies whose name contains `search` (any case), or whose tax id contains it once separators are dropped. French
 * companies are stored by their SIREN, so a whole SIRET or FR VAT number finds its company by the SIREN it holds.
 */
export function companySearch(search: string): SQL {
  const term = `%${search
    .trim()
    .toLowerCase()
    .replace(/[%_\\]/g, '\\$&')}%`;
  const compact = search.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  const siren = sirenInSearch(search);
  return or(
    // Diacritics forgiven both ways: "zloty klos" finds Złoty Kłos, "cofetaria" finds Cofetăria (and the reverse).
    sql`lower(bureau_unaccent(${companies.name})) LIKE lower(bureau_unaccent(${term}))`,
    compact ? ilike(companies.taxId, `%${compact}%`) : undefined,
    siren ? and(eq(companies.country, 'FR'), eq(companies.taxId, siren)) : undefined,
  )!;
}

/** Every tag the office uses on the companies within `scope`, by name. */
export async function findCompanyTags(tx: Tx, scope: SQL): Promise<string[]> {
  // One spelling per tag, whatever its case (the filter treats "VIP" and "vip" as one).
  const rows = await tx.execute<{ tag: string }>(
    sql`SELECT min(tag) AS tag FROM (SELECT unnest(${companies.tags}) AS tag FROM ${companies} WHERE ${scope}) t GROUP BY lower(tag) ORDER BY lower(tag)`,
  );
  return rows.rows.map((r) => r.tag);
}

export type CompanyListFilter = {
  search?: string;
  status?: 'active' | 'inactive';
  country?: string;
  assignedTo?: string;
  /** Companies carrying this tag (any case). */
  tag?: string;
  sort?: 'name' | '-name' | 'createdAt' | '-createdAt';
};

/** One page of companies within `scope` (the policy's company scope), with assignees and user counts. */
export async function findCompanyPage(tx: Tx, scope: SQL, filter: CompanyListFilter, page: number, pageSize: number) {
  const conditions: SQL[] = [scope];
  if (filter.search) conditions.push(companySearch(filter.search));
  if (filter.status) conditions.push(eq(companies.status, filter.status));
  if (filter.country) conditions.push(eq(companies.country, filter.country));
  if (filter.assignedTo) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${assignments} a WHERE a.company_id = ${companies.id} AND a.office_id = ${companies.officeId} AND a.user_id = ${filter.assignedTo})`,
    );
  }
  if (filter.tag) conditions.push(tagged(filter.tag));
  const where = and(...conditions);
  const order =
    filter.sort === '-name'
      ? [desc(companies.name)]
      : filter.sort === 'createdAt'
        ? [asc(companies.createdAt)]
        : filter.sort === '-createdAt'
          ? [desc(companies.createdAt)]
          : [asc(companies.name)];
  // Pick the page's ids first, so that the per-row subqueries run for its rows only, not for
  // every row skipped by OFFSET.
  const pageIds = tx
    .select({ pageId: companies.id })
    .from(companies)
    .where(where)
    .orderBy(...order, asc(companies.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .as('page');
  const [items, [total]] = await Promise.all([
    tx
      .select({
        id: companies.id,
        name: companies.name,
        country: companies.country,
        taxId: companies.taxId,
        status: companies.status,
        statusChangedAt: companies.statusChangedAt,
        tags: companies.tags,
        userCount: sql<number>`(SELECT count(*)::int FROM ${companyUsers} cu WHERE cu.company_id = companies.id AND cu.office_id = companies.office_id)`,
        assigned: sql<{ userId: string; name: string; specialty: string }[]>`coalesce((
          SELECT json_agg(json_build_object('userId', a.user_id, 'name', u.name, 'specialty', a.specialty) ORDER BY a.specialty, u.name)
            FROM ${assignments} a JOIN ${users} u ON u.id = a.user_id
           WHERE a.company_id = companies.id AND a.office_id = companies.office_id), '[]'::json)`,
      })
      .from(companies)
      .innerJoin(pageIds, eq(companies.id, pageIds.pageId))
      .orderBy(...order, asc(companies.id)),
    tx.select({ n: count() }).from(companies).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function insertStatusChange(tx: Tx, change: typeof companyStatusChanges.$inferInsert): Promise<void> {
  await insertStatusChanges(tx, [change]);
}

export async function insertStatusChanges(
  tx: Tx,
  changes: (typeof companyStatusChanges.$inferInsert)[],
): Promise<void> {
  if (changes.length > 0) await tx.insert(companyStatusChanges).values(changes);
}

export async function listStatusChanges(tx: Tx, officeId: string, companyId: string) {
  return tx
    .select({
      status: companyStatusChanges.status,
      reason: companyStatusChanges.reason,
      changedAt: companyStatusChanges.changedAt,
      changedById: companyStatusChanges.changedBy,
      changedByName: users.name,
    })
    .from(companyStatusChanges)
    .leftJoin(users, eq(users.id, companyStatusChanges.changedBy))
    .where(and(eq(companyStatusChanges.officeId, officeId), eq(companyStatusChanges.companyId, companyId)))
    .orderBy(desc(companyStatusChanges.changedAt), desc(companyStatusChanges.id));
}

// --- company users ---------------------------------------------------------------------------

export async function listCompanyUsers(tx: Tx, officeId: string, companyId: string) {
  return tx
    .select({
      userId: companyUsers.userId,
      name: users.name,
      email: users.email,
      access: companyUsers.access,
      hasPassword: sql<boolean>`${users.passwordHash} IS NOT NULL`,
      createdAt: companyUsers.createdAt,
    })
    .from(companyUsers)
    .innerJoin(users, eq(users.id, companyUsers.userId))
    .where(and(eq(companyUsers.officeId, officeId), eq(companyUsers.companyId, companyId)))
    .orderBy(asc(users.name));
}

export async function findCompanyUser(tx: Tx, officeId: string, companyId: string, userId: string) {
  const rows = await listCompanyUsers(tx, officeId, companyId);
  return rows.find((r) => r.userId === userId);
}

export async function insertCompanyUser(tx: Tx, member: typeof companyUsers.$inferInsert): Promise<void> {
  await tx.insert(companyUsers).values(member);
}

export async function updateCompanyUser(
  tx: Tx,
  officeId: string,
  companyId: string,
  userId: string,
  access: 'full' | 'limited',
): Promise<number> {
  const result = await tx
    .update(companyUsers)
    .set({ access })
    .where(
      and(eq(companyUsers.officeId, officeId), eq(companyUsers.companyId, companyId), eq(companyUsers.userId, userId)),
    );
  return result.rowCount ?? 0;
}

export async function deleteCompanyUser(tx: Tx, officeId: string, companyId: string, userId: string): Promise<number> {
  const result = await tx
    .delete(companyUsers)
    .where(
      and(eq(companyUsers.officeId, officeId), eq(companyUsers.companyId, companyId), eq(companyUsers.userId, userId)),
    );
  return result.rowCount ?? 0;
}

// --- assignments -----------------------------------------------------------------------------

export async function listAssignments(tx: Tx, officeId: string, companyId: string) {
  return tx
    .select({ userId: assignments.userId, name: users.name, specialty: assignments.specialty })
    .from(assignments)
    .innerJoin(users, eq(users.id, assignments.userId))
    .where(and(eq(assignments.officeId, officeId), eq(assignments.companyId, companyId)))
    .orderBy(asc(assignments.specialty), asc(users.name));
}

export async function replaceAssignments(
  tx: Tx,
  officeId: string,
  companyId: string,
  items: { userId: string; specialty: 'accounting' | 'payroll' | 'invoicing' }[],
): Promise<void> {
  await tx.delete(assignments).where(and(eq(assignments.officeId, officeId), eq(assignments.companyId, companyId)));
  if (items.length > 0) await tx.insert(assignments).values(items.map((i) => ({ ...i, officeId, companyId })));
}

export async function activeStaffIds(tx: Tx, officeId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx
    .select({ userId: staffMembers.userId })
    .from(staffMembers)
    .where(
      and(
        eq(staffMembers.officeId, officeId),
        inArray(staffMembers.userId, userIds),
        sql`${staffMembers.disabledAt} IS NULL`,
      ),
    );
  return new Set(rows.map((r) => r.userId));
}

// --- offices: reached before a tenant is known only through the SECURITY DEFINER functions of migration 0000 ---

export async function officeExists(tx: Tx): Promise<boolean> {
  const result = await tx.execute<{ exists: boolean }>(sql`SELECT bureau_office_exists() AS exists`);
  return result.rows[0]?.exists ?? false;
}

/** The office's name when the portal serves exactly one office, else null. */
export async function portalOfficeName(tx: Tx): Promise<string | null> {
  const result = await tx.execute<{ name: string | null }>(sql`SELECT bureau_portal_office_name() AS name`);
  return result.rows[0]?.name ?? null;
}

/** The office's own row (in its tenant). */
export async function findOffice(tx: Tx, officeId: string) {
  const [row] = await tx.select().from(offices).where(eq(offices.id, officeId));
  return row;
}

/** Every office of the instance (the operator's list; each office is then read in its own tenant). */
export async function allOfficeIds(tx: Tx): Promise<string[]> {
  const result = await tx.execute<{ id: string }>(sql`SELECT bureau_office_ids() AS id`);
  return result.rows.map((r) => r.id);
}

// --- deleted companies -----------------------------------------------------------------------

/** A deleted company not yet purged, to restore or purge; none if it is not deleted or already purged. */
export async function findDeletedCompany(
  tx: Tx,
  officeId: string,
  companyId: string,
  options: { lock?: boolean } = {},
) {
  const query = tx
    .select()
    .from(companies)
    .where(
      and(
        eq(companies.officeId, officeId),
        eq(companies.id, companyId),
        isNotNull(companies.deletedAt),
        isNull(companies.purgedAt),
      ),
    );
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** The office's companies deleted since `since` and not purged, newest first, with who deleted them. */
export async function listDeletedCompanies(tx: Tx, officeId: string, since: Date) {
  return tx
    .select({
      id: companies.id,
      name: companies.name,
      country: companies.country,
      taxId: companies.taxId,
      deletedAt: companies.deletedAt,
      deletedById: companies.deletedBy,
      deletedByName: users.name,
    })
    .from(companies)
    .leftJoin(users, eq(users.id, companies.deletedBy))
    .where(
      and(
        eq(companies.officeId, officeId),
        isNotNull(companies.deletedAt),
        isNull(companies.purgedAt),
        gte(companies.deletedAt, since),
      ),
    )
    .orderBy(desc(companies.deletedAt), desc(companies.id));
}
