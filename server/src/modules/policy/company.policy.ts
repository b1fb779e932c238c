// Company actions: how the actor relates to one company (set-based SQL that always scopes by office; by assignment
// for restricted employees; by membership of an active company for client users), then a rule on that relation.
// A company the actor may not see answers 404, exactly like one that does not exist.
import { and, eq, exists, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { assignments, companies, companyUsers } from '../../db/schema.js';
import { forbidden, notFound } from '../../http/app-error.js';
import { isUuid } from '../../http/ids.js';
import type { Actor } from '../identity/index.js';
import { isAdminRole, isRestrictedEmployee } from './roles.js';

/** How the actor relates to one company; 'none' means it must not even learn the company exists. */
export type CompanyRelation = 'none' | 'office_admin' | 'staff' | 'client_full' | 'client_limited';
type Relation = Exclude<CompanyRelation, 'none'>;

/**
 * Whom a scope is for, when not the actor's own ids (query parameters): columns of a list of people
 * who share the actor's role, so that one query checks them all (the realtime gateway's subscribers).
 * Every use of the actor's own ids in a scope goes through it.
 */
export type ScopeSubject = { userId: SQL; companyId: SQL };

/**
 * The SQL condition on `companies` that limits a staff member's company lists; every list or
 * search of companies must include it. A deleted company is in no one's scope: it leaves every
 * list, picker, search and counter the moment it is deleted.
 */
export function companyScope(actor: Actor, subject?: ScopeSubject): SQL {
  const userId = subject?.userId ?? actor.userId;
  if (actor.kind !== 'staff') {
    return and(
      eq(companies.officeId, actor.officeId),
      eq(companies.id, subject?.companyId ?? actor.companyId),
      eq(companies.status, 'active'),
      isNull(companies.deletedAt),
      exists(
        sql`(SELECT 1 FROM ${companyUsers} WHERE ${companyUsers.companyId} = ${companies.id} AND ${companyUsers.userId} = ${userId})`,
      ),
    )!;
  }
  if (!isRestrictedEmployee(actor)) return and(eq(companies.officeId, actor.officeId), isNull(companies.deletedAt))!;
  return and(
    eq(companies.officeId, actor.officeId),
    isNull(companies.deletedAt),
    exists(
      sql`(SELECT 1 FROM ${assignments} WHERE ${assignments.companyId} = ${companies.id} AND ${assignments.officeId} = ${actor.officeId} AND ${assignments.userId} = ${userId})`,
    ),
  )!;
}

export async function companyRelation(tx: Tx, actor: Actor, companyId: string): Promise<CompanyRelation> {
  if (!isUuid(companyId)) return 'none';
  if (actor.kind === 'staff') {
    const [row] = await tx
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.id, companyId), companyScope(actor)))
      .limit(1);
    if (!row) return 'none';
    return isAdminRole(actor) ? 'office_admin' : 'staff';
  }
  // A client user works in one company at a time (the session's); others need a switch first.
  if (companyId !== actor.companyId) return 'none';
  const [row] = await tx
    .select({ access: companyUsers.access })
    .from(companyUsers)
    .innerJoin(companies, and(eq(companies.id, companyUsers.companyId), eq(companies.officeId, companyUsers.officeId)))
    .where(
      and(
        eq(companyUsers.officeId, actor.officeId),
        eq(companyUsers.companyId, companyId),
        eq(companyUsers.userId, actor.userId),
        eq(companies.status, 'active'),
        isNull(companies.deletedAt),
      ),
    )
    .limit(1);
  if (!row) return 'none';
  return row.access === 'full' ? 'client_full' : 'client_limited';
}

const officeSide = (r: Relation) => r === 'office_admin' || r === 'staff';

const companyRules = {
  'company.read': () => true,
  'company.update': officeSide,
  'company.updateProfile': (r: Relation) => officeSide(r) || r === 'client_full',
  'company.setStatus': (r: Relation) => r === 'office_admin',
  // Deleting takes the company from everyone at once (undoable for 30 days): the office's admins, like deactivating.
  'company.delete': (r: Relation) => r === 'office_admin',
  'company.statusHistory': officeSide,
  'company.users.read': (r: Relation) => officeSide(r) || r === 'client_full',
  'company.users.manage': officeSide,
  'company.assignments.read': officeSide,
  'company.assignments.manage': (r: Relation) => r === 'office_admin',
  // Staff invite a company's people; its full-access users invite their colleagues (full or limited).
  'company.invitations.manage': (r: Relation) => officeSide(r) || r === 'client_full',
  // Asking the public registry about the company again and keeping its answer: the office's staff who may edit it.
  'company.registryCheck': officeSide,
  // Anyone who may write in a conversation of the company may bring a file to it.
  'attachment.upload': () => true,
} satisfies Record<string, (relation: Relation) => boolean>;

export type CompanyAction = keyof typeof companyRules;
export type CompanyTarget = { tx: Tx; companyId: string };

/** Throws 404 if the actor may not see the company, 403 if it may see it but not do this; answers the relation. */
async function requireCompany(action: CompanyAction, actor: Actor, { tx, companyId }: CompanyTarget) {
  const relation = await companyRelation(tx, actor, companyId);
  if (relation === 'none') throw notFound();
  if (!companyRules[action](relation)) throw forbidden();
  return relation;
}

export const companyPolicy = Object.fromEntries(
  (Object.keys(companyRules) as CompanyAction[]).map((action) => [
    action,
    (actor: Actor, target: CompanyTarget) => requireCompany(action, actor, target),
  ]),
) as { [A in CompanyAction]: (actor: Actor, target: CompanyTarget) => Promise<Exclude<CompanyRelation, 'none'>> };

/** The company actions this relation allows, for the UI to show only what the actor may do. */
export function companyPermissions(relation: CompanyRelation) {
  const can = (action: CompanyAction) => relation !== 'none' && companyRules[action](relation);
  return {
    update: can('company.update'),
    updateProfile: can('company.updateProfile'),
    setStatus: can('company.setStatus'),
    delete: can('company.delete'),
    manageUsers: can('company.users.manage'),
    manageAssignments: can('company.assignments.manage'),
    manageInvitations: can('company.invitations.manage'),
    checkRegistry: can('company.registryCheck'),
  };
}

/**
 * The relation of a client user to the company of their session, as the request's actor carries it (the auth hook
 * re-checks membership and the company's status on every request): what /api/me offers before any company is loaded.
 */
export const ownCompanyRelation = (actor: Actor): CompanyRelation =>
  actor.kind === 'client' ? (actor.access === 'full' ? 'client_full' : 'client_limited') : 'none';

export const companyAllows = (action: CompanyAction, relation: CompanyRelation): boolean =>
  relation !== 'none' && companyRules[action](relation);
