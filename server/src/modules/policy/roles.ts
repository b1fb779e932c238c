// The one definition of what a staff role means for authorization. Rules in TypeScript and conditions in SQL
// are both derived from it, so a new role (or a change of who counts as an admin) is made here once.
import { sql, type SQL } from 'drizzle-orm';
import type { StaffRole } from '@bureau/common';
import type { Actor, StaffActor } from '../identity/index.js';

/** The roles that administer an office: its settings, staff, channels, audit log, announcements. */
export const ADMIN_ROLES: readonly StaffRole[] = ['owner', 'admin'];
/** The only role that may hand out or take away ownership. */
export const OWNER_ROLE: StaffRole = 'owner';

export const isAdminRole = (actor: Actor): boolean => actor.kind === 'staff' && ADMIN_ROLES.includes(actor.role);
export const isOwner = (actor: Actor): boolean => actor.kind === 'staff' && actor.role === OWNER_ROLE;

/** Whether the company list of a staff member is limited to the companies assigned to them. */
export const isRestrictedEmployee = (actor: StaffActor): boolean =>
  !ADMIN_ROLES.includes(actor.role) && actor.restrictEmployees;

/** Signed in by a browser session (a cookie), not by a personal API token. */
export const bySession = (actor: Actor): boolean => actor.apiTokenId === null;

/** `column IN ('owner', 'admin')` for SQL that decides in bulk (who is told about a conversation). */
export const adminRoleSql = (column: SQL): SQL =>
  sql`${column} IN (${sql.join(
    ADMIN_ROLES.map((role) => sql`${role}`),
    sql`, `,
  )})`;
