// The one door: every access to office or company data is decided here. Office-level actions are
// decided from the actor's role; company actions from set-based SQL that always scopes by office
// (and, for restricted employees, by assignment; for client users, by membership of an active
// company). A company the actor may not see answers 404, exactly like one that does not exist.
import { and, eq, exists, getTableColumns, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import {
  assignments,
  channels,
  companies,
  companyUsers,
  conversationParticipants,
  conversations,
} from '../../db/schema.js';
import { AppError, forbidden, notFound } from '../../http/app-error.js';
import type { Actor, StaffActor } from '../identity/actor.js';
import { isUuid, parseId } from '../../http/ids.js';

export type OfficeAction =
  | 'office.read'
  | 'office.manage'
  | 'staff.read'
  | 'staff.manage'
  | 'company.list'
  | 'company.create'
  | 'company.import'
  | 'audit.read'
  | 'outbox.read'
  | 'inbound.read'
  | 'apiToken.manage'
  | 'apiToken.create'
  | 'account.secure'
  | 'session.open'
  | 'channel.read'
  | 'channel.manage'
  | 'conversation.list'
  | 'message.revisions'
  | 'broadcast.send'
  | 'broadcast.announce'
  | 'broadcast.read'
  | 'push.manageOwn'
  | 'push.subscribe'
  | 'sms.manage'
  | 'portfolio.read';

export type CompanyAction =
  | 'company.read'
  | 'company.update'
  | 'company.updateProfile'
  | 'company.setStatus'
  | 'company.statusHistory'
  | 'company.users.read'
  | 'company.users.manage'
  | 'company.assignments.read'
  | 'company.assignments.manage'
  | 'company.invitations.manage'
  | 'company.registryCheck'
  | 'attachment.upload';

/** How the actor relates to one company; 'none' means it must not even learn the company exists. */
export type CompanyRelation = 'none' | 'office_admin' | 'staff' | 'client_full' | 'client_limited';

const isAdminRole = (actor: Actor) => actor.kind === 'staff' && (actor.role === 'owner' || actor.role === 'admin');
/** Signed in by a browser session (a cookie), not by a personal API token. */
const bySession = (actor: Actor) => actor.apiTokenId === null;

/**
 * What a request authenticated by an API token may never do, whoever the person is: a token cannot
 * widen itself (another token, perhaps without expiry; a cookie session that would outlive its
 * revocation; a push subscription that would go on receiving) nor change how the account is secured.
 * Such a request is refused with `auth.session_required`, not a plain 403, so a script's author knows why.
 */
const SESSION_ONLY: ReadonlySet<OfficeAction> = new Set<OfficeAction>([
  'apiToken.create',
  'account.secure',
  'session.open',
  'push.subscribe',
]);

const officeRules: Record<OfficeAction, (actor: Actor) => boolean> = {
  'office.read': (a) => a.kind === 'staff',
  'office.manage': isAdminRole,
  'staff.read': (a) => a.kind === 'staff',
  'staff.manage': isAdminRole,
  'company.list': (a) => a.kind === 'staff',
  'company.create': isAdminRole,
  // Many companies at once, with invitations: the same people who create companies one by one.
  'company.import': isAdminRole,
  'audit.read': isAdminRole,
  'outbox.read': isAdminRole,
  'inbound.read': isAdminRole,
  // Listing and revoking tokens: a token may narrow what exists (revoke itself), never add to it.
  'apiToken.manage': (a) => a.kind === 'staff',
  'apiToken.create': (a) => a.kind === 'staff' && bySession(a),
  // Password, two-factor authentication, the list of sessions and ending them: a signed-in browser only.
  'account.secure': bySession,
  // Minting a cookie session for the same person (switching office or company, accepting an invitation while signed in).
  'session.open': bySession,
  'channel.read': () => true,
  'channel.manage': isAdminRole,
  'conversation.list': () => true,
  'message.revisions': isAdminRole,
  // Any staff member may write to many companies at once — to the companies they may see.
  'broadcast.send': (a) => a.kind === 'staff',
  // An announcement is a critical notice nobody can mute, copied to each company's administrator: admins only.
  'broadcast.announce': isAdminRole,
  'broadcast.read': (a) => a.kind === 'staff',
  // Anyone signed in turns notifications on or off for their own browsers, and nobody else's.
  'push.manageOwn': () => true,
  // A browser turns them on: a subscription made with a token would keep receiving after its revocation.
  'push.subscribe': bySession,
  'sms.manage': isAdminRole,
  // Every staff member sees how the companies they may see stand (own, collaborating, invited, pending).
  'portfolio.read': (a) => a.kind === 'staff',
};

const companyRules: Record<CompanyAction, (relation: Exclude<CompanyRelation, 'none'>) => boolean> = {
  'company.read': () => true,
  'company.update': (r) => r === 'office_admin' || r === 'staff',
  'company.updateProfile': (r) => r === 'office_admin' || r === 'staff' || r === 'client_full',
  'company.setStatus': (r) => r === 'office_admin',
  'company.statusHistory': (r) => r === 'office_admin' || r === 'staff',
  'company.users.read': (r) => r === 'office_admin' || r === 'staff' || r === 'client_full',
  'company.users.manage': (r) => r === 'office_admin' || r === 'staff',
  'company.assignments.read': (r) => r === 'office_admin' || r === 'staff',
  'company.assignments.manage': (r) => r === 'office_admin',
  // Staff invite a company's people; its full-access users invite their colleagues (full or limited).
  'company.invitations.manage': (r) => r === 'office_admin' || r === 'staff' || r === 'client_full',
  // Asking the public registry about the company again and keeping its answer: the office's staff who may edit it.
  'company.registryCheck': (r) => r === 'office_admin' || r === 'staff',
  // Anyone who may write in a conversation of the company may bring a file to it.
  'attachment.upload': () => true,
};

export function canOffice(actor: Actor, action: OfficeAction): boolean {
  return officeRules[action](actor);
}

/** Throws 403 unless the actor may perform an office-level action. */
export function requireOfficeAction(actor: Actor, action: OfficeAction): void {
  if (SESSION_ONLY.has(action) && !bySession(actor)) throw new AppError('auth.session_required');
  if (!canOffice(actor, action)) throw forbidden();
}

/** Whether the company list of a staff member is limited to the companies assigned to them. */
export const isRestrictedEmployee = (actor: StaffActor) => actor.role === 'employee' && actor.restrictEmployees;

/**
 * Whom a scope is for, when not the actor's own ids (query parameters): columns of a list of people
 * who share the actor's role, so that one query checks them all (the realtime gateway's subscribers).
 * Every use of the actor's own ids in a scope goes through it.
 */
export type ScopeSubject = { userId: SQL; companyId: SQL };

/**
 * The SQL condition on `companies` that limits a staff member's company lists; every list or
 * search of companies must include it.
 */
export function companyScope(actor: Actor, subject?: ScopeSubject): SQL {
  const userId = subject?.userId ?? actor.userId;
  if (actor.kind !== 'staff') {
    return and(
      eq(companies.officeId, actor.officeId),
      eq(companies.id, subject?.companyId ?? actor.companyId),
      eq(companies.status, 'active'),
      exists(
        sql`(SELECT 1 FROM ${companyUsers} WHERE ${companyUsers.companyId} = ${companies.id} AND ${companyUsers.userId} = ${userId})`,
      ),
    )!;
  }
  if (!isRestrictedEmployee(actor)) return eq(companies.officeId, actor.officeId);
  return and(
    eq(companies.officeId, actor.officeId),
    exists(
      sql`(SELECT 1 FROM ${assignments} WHERE ${assignments.companyId} = ${companies.id} AND ${assignments.officeId} = ${actor.officeId} AND ${assignments.userId} = ${userId})`,
    ),
  )!;
}

/**
 * Broadcasts: office admins see every broadcast and every company of its report; other staff see
 * their own, and in the report only the companies they may still see.
 */
export const broadcastRules = {
  canSee: (actor: Actor, authorId: string) => isAdminRole(actor) || authorId === actor.userId,
  /** The author a list is limited to (undefined: all of the office's). */
  listedAuthor: (actor: Actor): string | undefined => (isAdminRole(actor) ? undefined : actor.userId),
  /** The companies a report shows (undefined: all of the broadcast's). */
  reportScope: (actor: Actor): SQL | undefined => (isAdminRole(actor) ? undefined : companyScope(actor)),
};

/**
 * Invitations: one is accepted only by the person it is addressed to (the account with its e-mail); to anyone else it is
 * someone else's business. The link itself is the credential of a new person; see InvitationService.
 */
export const invitationRules = {
  isAddressee: (person: { email: string }, invitation: { email: string }) => person.email === invitation.email,
};

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
      ),
    )
    .limit(1);
  if (!row) return 'none';
  return row.access === 'full' ? 'client_full' : 'client_limited';
}

/** Throws 404 if the actor may not see the company, 403 if it may see it but not do this. */
export async function requireCompanyAction(
  tx: Tx,
  actor: Actor,
  action: CompanyAction,
  companyId: string,
): Promise<CompanyRelation> {
  const relation = await companyRelation(tx, actor, companyId);
  if (relation === 'none') throw notFound();
  if (!companyRules[action](relation)) throw forbidden();
  return relation;
}

/** The company actions this relation allows, for the UI to show only what the actor may do. */
export function companyPermissions(relation: CompanyRelation) {
  const can = (action: CompanyAction) => relation !== 'none' && companyRules[action](relation);
  return {
    update: can('company.update'),
    updateProfile: can('company.updateProfile'),
    setStatus: can('company.setStatus'),
    manageUsers: can('company.users.manage'),
    manageAssignments: can('company.assignments.manage'),
    manageInvitations: can('company.invitations.manage'),
    checkRegistry: can('company.registryCheck'),
  };
}

// --- conversations -------------------------------------------------------------------------------

export type Side = 'office' | 'client';
export const sideOf = (actor: Actor): Side => (actor.kind === 'staff' ? 'office' : 'client');

export type ConversationAction =
  'conversation.read' | 'conversation.post' | 'conversation.close' | 'conversation.reopen';

/**
 * The SQL condition on `conversations` that every read of conversations or messages includes: staff
 * see the conversations of the companies they may see; client users see those of their session's
 * company that are open to all its full-access users (if they have full access) or meant for them.
 */
export function conversationScope(actor: Actor, subject?: ScopeSubject): SQL {
  if (actor.kind === 'staff') {
    // Every conversation's company is of its office (a foreign key on both ids): staff who see the
    // whole office need no look at companies, and counting an inbox stays an index-only scan.
    if (!isRestrictedEmployee(actor)) return eq(conversations.officeId, actor.officeId);
    return and(
      eq(conversations.officeId, actor.officeId),
      exists(
        sql`(SELECT 1 FROM ${companies} WHERE ${companies.id} = ${conversations.companyId} AND ${companyScope(actor, subject)})`,
      ),
    )!;
  }
  const meantForMe = exists(
    sql`(SELECT 1 FROM ${conversationParticipants}
      WHERE ${conversationParticipants.conversationId} = ${conversations.id} AND ${conversationParticipants.userId} = ${subject?.userId ?? actor.userId})`,
  );
  return and(
    eq(conversations.officeId, actor.officeId),
    eq(conversations.companyId, subject?.companyId ?? actor.companyId),
    actor.access === 'full' ? or(eq(conversations.visibility, 'company'), meantForMe) : meantForMe,
  )!;
}

/**
 * Conversations routed to a staff member: their channel's specialty is assigned to them for the
 * conversation's company. Conversations of a channel without a specialty go to admins only.
 */
export function routedTo(userId: string): SQL {
  return exists(
    sql`(SELECT 1 FROM ${channels} JOIN ${assignments} ON ${assignments.specialty} = ${channels.specialty}
          WHERE ${channels.id} = ${conversations.channelId} AND ${assignments.companyId} = ${conversations.companyId}
            AND ${assignments.officeId} = ${conversations.officeId} AND ${assignments.userId} = ${userId})`,
  );
}

/** Conversations that wait for the actor: open, the other side wrote last, and (staff) routed to them. */
export function needsActionOf(actor: Actor): SQL {
  const waiting = and(eq(conversations.status, 'open'), sql`${conversations.lastMessageSide} <> ${sideOf(actor)}`)!;
  if (actor.kind === 'staff' && !isAdminRole(actor)) return and(waiting, routedTo(actor.userId))!;
  return waiting;
}

const { searchVector: _vector, ...conversationColumns } = getTableColumns(conversations);
export type ConversationRow = Omit<typeof conversations.$inferSelect, 'searchVector'>;

/** Loads a conversation the actor may see (404 otherwise) and checks the action's rule on it. */
export async function requireConversationAction(
  tx: Tx,
  actor: Actor,
  action: ConversationAction,
  conversationId: string,
): Promise<ConversationRow> {
  parseId(conversationId);
  const [conversation] = await tx
    .select(conversationColumns)
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), conversationScope(actor)));
  if (!conversation) throw notFound();
  const side = sideOf(actor);
  switch (action) {
    case 'conversation.read':
      break;
    case 'conversation.post':
      if (conversation.status === 'closed') throw new AppError('conversation.closed');
      break;
    case 'conversation.close':
      if (conversation.startedBySide !== side) throw new AppError('conversation.close_not_allowed');
      if (conversation.status === 'closed') throw new AppError('conversation.closed');
      break;
    case 'conversation.reopen':
      if (conversation.status === 'open') throw new AppError('conversation.open');
      if (conversation.closedBySide !== side) throw new AppError('conversation.reopen_not_allowed');
      break;
  }
  return conversation;
}

// --- attachments ---------------------------------------------------------------------------------

export type AttachmentAccess = {
  uploadedBy: string;
  messageId: string | null;
  conversationId: string | null;
  messageDeletedAt: Date | null;
};

/**
 * A file is seen by whoever may read its conversation; an upload no message took yet only by its
 * uploader; the files of a deleted message only by office admins (the history is permanent).
 * Anything else answers 404, like a file that does not exist.
 */
export async function requireAttachmentRead(tx: Tx, actor: Actor, attachment: AttachmentAccess): Promise<void> {
  if (!attachment.messageId || !attachment.conversationId) {
    if (attachment.uploadedBy !== actor.userId) throw notFound();
    return;
  }
  if (attachment.messageDeletedAt && !isAdminRole(actor)) throw notFound();
  await requireConversationAction(tx, actor, 'conversation.read', attachment.conversationId);
}

export type AudienceMember = {
  userId: string;
  name: string;
  email: string;
  locale: string;
  side: 'office' | 'client';
  /** Staff: the conversation's channel is assigned to them for its company. */
  routed: boolean;
  isAdmin: boolean;
  /** Clients: their company is active (an inactive company's people are reached by e-mail only). */
  companyActive: boolean;
  /** Their mobile number in E.164, for SMS (null when they gave none). */
  phone: string | null;
};

/**
 * Everyone who may see a conversation now, with what decides whether they are told about it: the
 * same rules as conversationScope, seen from the conversation's side (one statement).
 */
export async function conversationAudience(
  tx: Tx,
  officeId: string,
  conversationId: string,
): Promise<AudienceMember[]> {
  const result = await tx.execute<AudienceMember>(sql`
    SELECT u.id AS "userId", u.name, u.email, u.locale, u.phone, 'office' AS side,
      EXISTS (SELECT 1 FROM ${channels} ch JOIN ${assignments} a ON a.specialty = ch.specialty
              WHERE ch.id = c.channel_id AND a.office_id = c.office_id AND a.company_id = c.company_id AND a.user_id = s.user_id) AS routed,
      s.role IN ('owner', 'admin') AS "isAdmin", true AS "companyActive"
    FROM ${conversations} c
    JOIN offices o ON o.id = c.office_id
    JOIN staff_members s ON s.office_id = c.office_id AND s.disabled_at IS NULL
    JOIN users u ON u.id = s.user_id
    WHERE c.office_id = ${officeId} AND c.id = ${conversationId}
      AND (s.role IN ('owner', 'admin') OR NOT o.restrict_employees
           OR EXISTS (SELECT 1 FROM ${assignments} a WHERE a.office_id = c.office_id AND a.company_id = c.company_id AND a.user_id = s.user_id))
    UNION ALL
    SELECT u.id, u.name, u.email, u.locale, u.phone, 'client', false, false, co.status = 'active'
    FROM ${conversations} c
    JOIN ${companies} co ON co.office_id = c.office_id AND co.id = c.company_id
    JOIN ${companyUsers} cu ON cu.office_id = c.office_id AND cu.company_id = c.company_id
    JOIN users u ON u.id = cu.user_id
    WHERE c.office_id = ${officeId} AND c.id = ${conversationId}
      AND ((c.visibility = 'company' AND cu.access = 'full')
           OR EXISTS (SELECT 1 FROM ${conversationParticipants} p WHERE p.conversation_id = c.id AND p.user_id = cu.user_id))`);
  return result.rows;
}
