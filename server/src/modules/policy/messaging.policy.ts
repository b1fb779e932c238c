// Conversations and their messages: who sees a conversation (a scope every read includes), which side may close or
// reopen it, who may still change a message, and who is told about it.
import { and, eq, exists, getTableColumns, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import {
  assignments,
  channels,
  companies,
  companyUsers,
  conversationParticipants,
  conversations,
} from '../../db/schema.js';
import { AppError, forbidden, invalid, notFound } from '../../http/app-error.js';
import { parseId } from '../../http/ids.js';
import type { Actor } from '../identity/index.js';
import { companyRelation, companyScope, type CompanyRelation, type ScopeSubject } from './company.policy.js';
import { adminRoleSql, isAdminRole, isRestrictedEmployee } from './roles.js';

export type Side = 'office' | 'client';
export const sideOf = (actor: Actor): Side => (actor.kind === 'staff' ? 'office' : 'client');

/**
 * The SQL condition on `conversations` that every read of conversations or messages includes: staff
 * see the conversations of the companies they may see; client users see those of their session's
 * company that are open to all its full-access users (if they have full access) or meant for them.
 */
export function conversationScope(actor: Actor, subject?: ScopeSubject): SQL {
  if (actor.kind === 'staff') {
    // Every conversation's company is of its office (a foreign key on both ids): staff who see the
    // whole office need no look at companies beyond the office's few deleted ones (a partial index),
    // and counting an inbox stays an index-only scan with an anti-join.
    if (!isRestrictedEmployee(actor))
      return and(eq(conversations.officeId, actor.officeId), notInDeletedCompany(actor.officeId))!;
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
function notInDeletedCompany(officeId: string): SQL {
  return notExists(
    sql`(SELECT 1 FROM ${companies} WHERE ${companies.officeId} = ${officeId} AND ${companies.deletedAt} IS NOT NULL
          AND ${companies.id} = ${conversations.companyId})`,
  );
}

export function routedTo(userId: string): SQL {
  return exists(
    sql`(SELECT 1 FROM ${channels} JOIN ${assignments} ON ${assignments.specialty} = ${channels.specialty}
          WHERE ${channels.id} = ${conversations.channelId} AND ${assignments.companyId} = ${conversations.companyId}
            AND ${assignments.officeId} = ${conversations.officeId} AND ${assignments.userId} = ${userId})`,
  );
}

/**
 * A staff member's share of the office's conversations: those assigned to them, and those nobody is assigned to that
 * their channel routes to them (an assignment takes a conversation off the routing).
 */
export function workOf(userId: string): SQL {
  return or(eq(conversations.assigneeId, userId), and(sql`${conversations.assigneeId} IS NULL`, routedTo(userId)))!;
}

/**
 * Conversations that wait for the actor: open, the other side wrote last, and (staff) neither marked handled nor
 * snoozed into the future, and the actor's work (admins: every waiting one). The client's wait ignores the office's
 * own state: handled or snoozed, the office still owes nothing the client can see.
 */
export function needsActionOf(actor: Actor): SQL {
  const waiting = and(eq(conversations.status, 'open'), sql`${conversations.lastMessageSide} <> ${sideOf(actor)}`)!;
  if (actor.kind !== 'staff') return waiting;
  const notSetAside = and(
    sql`${conversations.handledAt} IS NULL`,
    sql`(${conversations.snoozedUntil} IS NULL OR ${conversations.snoozedUntil} <= now())`,
  )!;
  if (!isAdminRole(actor)) return and(waiting, notSetAside, workOf(actor.userId))!;
  return and(waiting, notSetAside)!;
}

const { searchVector: _vector, ...conversationColumns } = getTableColumns(conversations);
export type ConversationRow = Omit<typeof conversations.$inferSelect, 'searchVector'>;
type ConversationState = Pick<ConversationRow, 'status' | 'startedBySide' | 'closedBySide'>;

/** The office's own ways to be done with a conversation are the office's: a client may see the thread, not these. */
const officeOnly = (side: Side) => (side === 'office' ? undefined : forbidden());

/**
 * The rules on a conversation the actor may see, as the error each one raises (undefined: allowed). Only the side
 * that started a conversation closes it, and only the side that closed it reopens it.
 */
const conversationRules = {
  'conversation.read': () => undefined,
  'conversation.post': (_side: Side, c: ConversationState) =>
    c.status === 'closed' ? new AppError('conversation.closed') : undefined,
  'conversation.close': (side: Side, c: ConversationState) =>
    c.startedBySide !== side
      ? new AppError('conversation.close_not_allowed')
      : c.status === 'closed'
        ? new AppError('conversation.closed')
        : undefined,
  'conversation.reopen': (side: Side, c: ConversationState) =>
    c.status === 'open'
      ? new AppError('conversation.open')
      : c.closedBySide !== side
        ? new AppError('conversation.reopen_not_allowed')
        : undefined,
  // Handled and snoozed say "nothing to do here for now": only an open conversation can wait for the office.
  'conversation.handle': (side: Side, c: ConversationState) =>
    officeOnly(side) ?? (c.status === 'closed' ? new AppError('conversation.closed') : undefined),
  'conversation.snooze': (side: Side, c: ConversationState) =>
    officeOnly(side) ?? (c.status === 'closed' ? new AppError('conversation.closed') : undefined),
  // Whose it is stays worth saying after it closed (it may be reopened).
  'conversation.assign': (side: Side, _c: ConversationState) => officeOnly(side),
} satisfies Record<string, (side: Side, conversation: ConversationState) => AppError | undefined>;

export type ConversationAction = keyof typeof conversationRules;
export type ConversationTarget = { tx: Tx; conversationId: string };

/** Loads a conversation the actor may see (404 otherwise) and checks the action's rule on it. */
async function requireConversation(
  action: ConversationAction,
  actor: Actor,
  { tx, conversationId }: ConversationTarget,
): Promise<ConversationRow> {
  parseId(conversationId);
  const [conversation] = await tx
    .select(conversationColumns)
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), conversationScope(actor)));
  if (!conversation) throw notFound();
  const refusal = conversationRules[action](sideOf(actor), conversation);
  if (refusal) throw refusal;
  return conversation;
}

/**
 * Who reads a message's earlier texts. An edit's history is open to everyone who sees the message: they may have
 * read (and acted on) what it said before, so a change must never pass silently. A deleted message's texts are the
 * office's record of what it was told (staff who see the conversation keep them); on the client's side deleting
 * withdraws the text, from its author too, so a colleague who sees the thread cannot read what was taken back.
 */
const mayReadDeletedText = (actor: Actor): boolean => sideOf(actor) === 'office';

/** What the actor may do with a conversation they see, for the UI (the same rules the actions check). */
export function conversationPermissions(actor: Actor, conversation: ConversationState) {
  const side = sideOf(actor);
  return {
    post: !conversationRules['conversation.post'](side, conversation),
    close: !conversationRules['conversation.close'](side, conversation),
    reopen: !conversationRules['conversation.reopen'](side, conversation),
    handle: !conversationRules['conversation.handle'](side, conversation),
    snooze: !conversationRules['conversation.snooze'](side, conversation),
    assign: !conversationRules['conversation.assign'](side, conversation),
    readDeletedText: mayReadDeletedText(actor),
  };
}

/** Whether a conversation may be opened to a company's every full-access user (not only to chosen people). */
export const mayWriteToWholeCompany = (relation: CompanyRelation): boolean => relation !== 'client_limited';

export type RevisionsTarget = { tx: Tx; message: { conversationId: string; deletedAt: Date | null } };

export type StartTarget = { tx: Tx; companyId: string; visibility: 'company' | 'private' };
export type MessageTarget = {
  tx: Tx;
  message: { authorId: string; deletedAt: Date | null; createdAt: Date; conversationId: string };
  /** The office's edit window (`messageEditMinutes`). */
  editMinutes: number;
};

export const messagingPolicy = {
  'conversation.read': (actor: Actor, target: ConversationTarget) =>
    requireConversation('conversation.read', actor, target),
  'conversation.post': (actor: Actor, target: ConversationTarget) =>
    requireConversation('conversation.post', actor, target),
  'conversation.close': (actor: Actor, target: ConversationTarget) =>
    requireConversation('conversation.close', actor, target),
  'conversation.reopen': (actor: Actor, target: ConversationTarget) =>
    requireConversation('conversation.reopen', actor, target),
  'conversation.handle': (actor: Actor, target: ConversationTarget) =>
    requireConversation('conversation.handle', actor, target),
  'conversation.snooze': (actor: Actor, target: ConversationTarget) =>
    requireConversation('conversation.snooze', actor, target),
  /**
   * Assigning: to nobody, or to a staff member of the office who may see the conversation (a restricted employee
   * only for a company assigned to them) — anyone else is an invalid choice, never a way to learn who exists.
   */
  'conversation.assign': async (
    actor: Actor,
    target: ConversationTarget & { assigneeId: string | null },
  ): Promise<ConversationRow> => {
    const conversation = await requireConversation('conversation.assign', actor, target);
    if (target.assigneeId === null) return conversation;
    const colleagues = await conversationColleagues(target.tx, actor.officeId, conversation.id);
    if (!colleagues.some((c) => c.userId === target.assigneeId)) throw invalid({ assigneeId: { code: 'invalid' } });
    return conversation;
  },
  /** Starting a conversation with a company: one the actor sees; limited client users only write privately. */
  'conversation.start': async (actor: Actor, { tx, companyId, visibility }: StartTarget): Promise<void> => {
    const relation = await companyRelation(tx, actor, companyId);
    if (relation === 'none') throw notFound();
    if (visibility !== 'private' && !mayWriteToWholeCompany(relation)) throw forbidden();
  },
  /** A message's earlier texts: for whoever sees it, a deleted one's for the office only (see mayReadDeletedText). */
  'message.revisions': async (actor: Actor, { tx, message }: RevisionsTarget): Promise<void> => {
    await requireConversation('conversation.read', actor, { tx, conversationId: message.conversationId });
    if (message.deletedAt && !mayReadDeletedText(actor)) throw forbidden();
  },
  /** The people one may choose for a private conversation with a company: anyone who may write to it sees their names. */
  'conversation.participants': async (actor: Actor, { tx, companyId }: { tx: Tx; companyId: string }) => {
    if ((await companyRelation(tx, actor, companyId)) === 'none') throw notFound();
  },
  /** A message its author may still change: theirs, not deleted, within the office's window, conversation open. */
  'message.change': async (actor: Actor, { tx, message, editMinutes }: MessageTarget): Promise<ConversationRow> => {
    const conversation = await requireConversation('conversation.post', actor, {
      tx,
      conversationId: message.conversationId,
    });
    if (message.authorId !== actor.userId) throw new AppError('message.not_author');
    if (message.deletedAt) throw new AppError('message.deleted');
    if (Date.now() - message.createdAt.getTime() > editMinutes * 60_000)
      throw new AppError('message.edit_window_passed');
    return conversation;
  },
};

export type AudienceMember = {
  userId: string;
  name: string;
  email: string;
  locale: string;
  side: 'office' | 'client';
  /** Staff: the conversation is assigned to them, or (assigned to nobody) its channel routes it to them. */
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
  const isAdmin = adminRoleSql(sql`s.role`);
  const result = await tx.execute<AudienceMember>(sql`
    SELECT u.id AS "userId", u.name, u.email, u.locale, u.phone, 'office' AS side,
      (c.assignee_id = s.user_id OR (c.assignee_id IS NULL AND
        EXISTS (SELECT 1 FROM ${channels} ch JOIN ${assignments} a ON a.specialty = ch.specialty
                WHERE ch.id = c.channel_id AND a.office_id = c.office_id AND a.company_id = c.company_id AND a.user_id = s.user_id))) AS routed,
      ${isAdmin} AS "isAdmin", true AS "companyActive"
    FROM ${conversations} c
    JOIN offices o ON o.id = c.office_id
    JOIN staff_members s ON s.office_id = c.office_id AND s.disabled_at IS NULL
    JOIN users u ON u.id = s.user_id
    WHERE c.office_id = ${officeId} AND c.id = ${conversationId}
      AND (${isAdmin} OR NOT o.restrict_employees
           OR EXISTS (SELECT 1 FROM ${assignments} a WHERE a.office_id = c.office_id AND a.company_id = c.company_id AND a.user_id = s.user_id))
    UNION ALL
    SELECT u.id, u.name, u.email, u.locale, u.phone, 'client', false, false, co.status = 'active'
    FROM ${conversations} c
    JOIN ${companies} co ON co.office_id = c.office_id AND co.id = c.company_id
    JOIN ${companyUsers} cu ON cu.office_id = c.office_id AND cu.company_id = c.company_id
    JOIN users u ON u.id = cu.user_id
    WHERE c.office_id = ${officeId} AND c.id = ${conversationId} AND co.deleted_at IS NULL
      AND ((c.visibility = 'company' AND cu.access = 'full')
           OR EXISTS (SELECT 1 FROM ${conversationParticipants} p WHERE p.conversation_id = c.id AND p.user_id = cu.user_id))`);
  return result.rows;
}

/** The staff members a conversation may be assigned to: the office side of its audience (who may see it now). */
export async function conversationColleagues(
  tx: Tx,
  officeId: string,
  conversationId: string,
): Promise<AudienceMember[]> {
  return (await conversationAudience(tx, officeId, conversationId)).filter((m) => m.side === 'office');
}
