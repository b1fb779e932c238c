// Invitations: SQL only. Every query names the office; the list is limited by the policy module's company scope.
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { InvitationStatus } from '@bureau/common';
import type { Tx } from '../../db/database.js';
import { companies, companyUsers, invitations, staffMembers, users } from '../../db/schema.js';

export type InvitationRow = typeof invitations.$inferSelect;
export type InvitationListRow = InvitationRow & {
  companyId: string;
  access: 'full' | 'limited';
  companyName: string;
  invitedByName: string | null;
};
export type StaffInvitationListRow = InvitationRow & { invitedByName: string | null };

/** The SQL twin of invitationStatus(), for filters. */
const statusSql: Record<InvitationStatus, SQL> = {
  revoked: sql`${invitations.revokedAt} IS NOT NULL`,
  accepted: sql`${invitations.revokedAt} IS NULL AND ${invitations.acceptedAt} IS NOT NULL`,
  expired: sql`${invitations.revokedAt} IS NULL AND ${invitations.acceptedAt} IS NULL AND ${invitations.expiresAt} <= now()`,
  opened: sql`${invitations.revokedAt} IS NULL AND ${invitations.acceptedAt} IS NULL AND ${invitations.expiresAt} > now() AND ${invitations.openedAt} IS NOT NULL`,
  sent: sql`${invitations.revokedAt} IS NULL AND ${invitations.acceptedAt} IS NULL AND ${invitations.expiresAt} > now() AND ${invitations.openedAt} IS NULL`,
};

/** Waiting for the person: neither accepted, revoked nor expired. */
export const isOpenInvitation = sql`${invitations.revokedAt} IS NULL AND ${invitations.acceptedAt} IS NULL AND ${invitations.expiresAt} > now()`;

export async function insertInvitation(tx: Tx, row: typeof invitations.$inferInsert): Promise<void> {
  await tx.insert(invitations).values(row);
}

export async function findInvitation(
  tx: Tx,
  officeId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<InvitationRow | undefined> {
  const query = tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.officeId, officeId), eq(invitations.id, id)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** Invitations of the companies in `scope` (the policy module's company scope), newest first. */
export async function listInvitations(
  tx: Tx,
  officeId: string,
  scope: SQL | undefined,
  filter: { id?: string; companyId?: string; status?: InvitationStatus; open?: boolean; email?: string },
  limit = 500,
) {
  return tx
    .select({ invitation: invitations, companyName: companies.name, invitedByName: users.name })
    .from(invitations)
    .innerJoin(companies, and(eq(companies.officeId, invitations.officeId), eq(companies.id, invitations.companyId)))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.officeId, officeId),
        scope,
        filter.id ? eq(invitations.id, filter.id) : undefined,
        filter.companyId ? eq(invitations.companyId, filter.companyId) : undefined,
        filter.open ? isOpenInvitation : undefined,
        filter.status ? statusSql[filter.status] : undefined,
        filter.email ? eq(invitations.email, filter.email) : undefined,
      ),
    )
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(limit)
    .then((rows) =>
      rows.map((r): InvitationListRow => ({
        ...r.invitation,
        companyId: r.invitation.companyId!,
        access: r.invitation.access!,
        companyName: r.companyName,
        invitedByName: r.invitedByName,
      })),
    );
}

/** The office's invitations to its staff (no company), newest first. */
export async function listStaffInvitations(
  tx: Tx,
  officeId: string,
  filter: { id?: string; email?: string; open?: boolean },
  limit = 200,
): Promise<StaffInvitationListRow[]> {
  const rows = await tx
    .select({ invitation: invitations, invitedByName: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.officeId, officeId),
        isNull(invitations.companyId),
        filter.id ? eq(invitations.id, filter.id) : undefined,
        filter.email ? eq(invitations.email, filter.email) : undefined,
        filter.open ? isOpenInvitation : undefined,
      ),
    )
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.invitation, invitedByName: r.invitedByName }));
}

export async function findOpenInvitation(
  tx: Tx,
  officeId: string,
  companyId: string,
  email: string,
): Promise<InvitationRow | undefined> {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.officeId, officeId),
        eq(invitations.companyId, companyId),
        eq(invitations.email, email),
        isOpenInvitation,
      ),
    )
    .limit(1);
  return row;
}

export async function updateInvitation(
  tx: Tx,
  officeId: string,
  id: string,
  values: Partial<typeof invitations.$inferInsert>,
): Promise<void> {
  await tx
    .update(invitations)
    .set(values)
    .where(and(eq(invitations.officeId, officeId), eq(invitations.id, id)));
}

/** Marks the invitation opened the first time its link is shown; later visits keep the first time. */
export async function markInvitationOpened(tx: Tx, officeId: string, id: string): Promise<void> {
  await tx
    .update(invitations)
    .set({ openedAt: sql`now()` })
    .where(and(eq(invitations.officeId, officeId), eq(invitations.id, id), isNull(invitations.openedAt)));
}

export async function invitationIdByToken(
  tx: Tx,
  tokenHash: string,
): Promise<{ id: string; office_id: string } | undefined> {
  const result = await tx.execute<{ id: string; office_id: string }>(
    sql`SELECT * FROM bureau_invitation_by_token(${tokenHash})`,
  );
  return result.rows[0];
}

/** Whether the person already belongs to the company. */
export async function isCompanyUser(tx: Tx, officeId: string, companyId: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ userId: companyUsers.userId })
    .from(companyUsers)
    .where(
      and(eq(companyUsers.officeId, officeId), eq(companyUsers.companyId, companyId), eq(companyUsers.userId, userId)),
    )
    .limit(1);
  return !!row;
}

/** Whether the person works in the office already (staff, or a user of one of its companies): they can be told in the app. */
export async function isOfficeMember(tx: Tx, officeId: string, userId: string): Promise<boolean> {
  const result = await tx.execute<{ member: boolean }>(sql`SELECT
      EXISTS (SELECT 1 FROM ${staffMembers} WHERE ${staffMembers.officeId} = ${officeId} AND ${staffMembers.userId} = ${userId} AND ${staffMembers.disabledAt} IS NULL)
      OR EXISTS (SELECT 1 FROM ${companyUsers} WHERE ${companyUsers.officeId} = ${officeId} AND ${companyUsers.userId} = ${userId}) AS member`);
  return result.rows[0]?.member === true;
}

/** Serialises invitations of one person to one company, or to the staff ('staff'), until the transaction ends. */
export async function lockInvitee(tx: Tx, officeId: string, companyId: string, email: string): Promise<void> {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`invitation:${officeId}:${companyId}:${email}`}, 0))`,
  );
}
