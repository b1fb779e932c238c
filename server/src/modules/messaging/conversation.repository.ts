// SQL for conversations, their messages, revisions and read positions. Callers pass the policy's
// conversation scope; every function also filters by office.
import { and, asc, desc, eq, getTableColumns, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { companies, companyUsers, conversationParticipants, conversations, messageRevisions, messages, readPositions, users } from '../../db/schema.js';

export type Side = 'office' | 'client';
// Rows without their search vectors: those are for the database's eyes only.
const { searchVector: _messageVector, ...messageColumns } = getTableColumns(messages);
const { searchVector: _conversationVector, ...conversationColumns } = getTableColumns(conversations);
export type MessageRow = Omit<typeof messages.$inferSelect, 'searchVector'>;

export async function insertConversation(tx: Tx, conversation: typeof conversations.$inferInsert): Promise<void> {
  await tx.insert(conversations).values(conversation);
}

export async function findConversationByClientId(tx: Tx, officeId: string, startedBy: string, clientId: string) {
  const [row] = await tx
    .select(conversationColumns)
    .from(conversations)
    .where(and(eq(conversations.officeId, officeId), eq(conversations.startedBy, startedBy), eq(conversations.clientId, clientId)));
  return row;
}

export async function insertParticipants(tx: Tx, officeId: string, conversationId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await tx.insert(conversationParticipants).values(userIds.map((userId) => ({ officeId, conversationId, userId })));
}

export async function listParticipants(tx: Tx, officeId: string, conversationId: string) {
  return tx
    .select({ userId: conversationParticipants.userId, name: users.name })
    .from(conversationParticipants)
    .innerJoin(users, eq(users.id, conversationParticipants.userId))
    .where(and(eq(conversationParticipants.officeId, officeId), eq(conversationParticipants.conversationId, conversationId)))
    .orderBy(asc(users.name));
}

/** Client users of the company among `userIds` (only they may be participants). */
export async function companyMemberIds(tx: Tx, officeId: string, companyId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx
    .select({ userId: companyUsers.userId })
    .from(companyUsers)
    .where(and(eq(companyUsers.officeId, officeId), eq(companyUsers.companyId, companyId), inArray(companyUsers.userId, userIds)));
  return new Set(rows.map((r) => r.userId));
}

export type InboxFilter = {
  status?: 'open' | 'closed';
  companyId?: string;
  channelId?: string;
  /** An extra condition from the policy (routed to someone, needs my action). */
  extra?: SQL[];
};

/** One page of conversations within `scope`, newest activity first, with what the list shows. */
export async function findConversationPage(tx: Tx, scope: SQL, needsAction: SQL, userId: string, filter: InboxFilter, page: number, pageSize: number) {
  const conditions: SQL[] = [scope, ...(filter.extra ?? [])];
  if (filter.status) conditions.push(eq(conversations.status, filter.status));
  if (filter.companyId) conditions.push(eq(conversations.companyId, filter.companyId));
  if (filter.channelId) conditions.push(eq(conversations.channelId, filter.channelId));
  const where = and(...conditions);
  const [items, [total]] = await Promise.all([
    tx
      .select({
        id: conversations.id,
        companyId: conversations.companyId,
        companyName: companies.name,
        channelId: conversations.channelId,
        subject: conversations.subject,
        status: conversations.status,
        visibility: conversations.visibility,
        startedBySide: conversations.startedBySide,
        closedAt: conversations.closedAt,
        lastMessageAt: conversations.lastMessageAt,
        lastMessageSide: conversations.lastMessageSide,
        lastMessageSeq: conversations.lastMessageSeq,
        // Correlated subqueries name the outer columns literally (drizzle leaves select fields unqualified).
        lastMessage: sql<string | null>`(SELECT CASE WHEN m.deleted_at IS NULL THEN left(m.body, 200) END FROM ${messages} m
          WHERE m.conversation_id = conversations.id AND m.seq = conversations.last_message_seq)`,
        lastReadSeq: sql<number>`coalesce((SELECT r.last_read_seq FROM ${readPositions} r
          WHERE r.conversation_id = conversations.id AND r.user_id = ${userId}), 0)`,
        needsAction: sql<boolean>`${needsAction}`,
      })
      .from(conversations)
      .innerJoin(companies, and(eq(companies.id, conversations.companyId), eq(companies.officeId, conversations.officeId)))
      .where(where)
      .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ n: sql<number>`count(*)::int` }).from(conversations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Counts of conversations waiting for the actor, per channel and per company. */
export async function countNeedsAction(tx: Tx, scope: SQL, needsAction: SQL) {
  return tx
    .select({ channelId: conversations.channelId, companyId: conversations.companyId, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(scope, needsAction))
    .groupBy(conversations.channelId, conversations.companyId);
}

export async function setConversationStatus(
  tx: Tx,
  officeId: string,
  conversationId: string,
  values: { status: 'open' | 'closed'; closedAt: Date | null; closedBy: string | null; closedBySide: Side | null },
): Promise<void> {
  await tx.update(conversations).set(values).where(and(eq(conversations.officeId, officeId), eq(conversations.id, conversationId)));
}

/** Takes the next position in the conversation (locking its row, so posts are numbered one at a time). */
export async function nextMessageSeq(tx: Tx, officeId: string, conversationId: string, side: Side): Promise<number> {
  const [row] = await tx
    .update(conversations)
    .set({ lastMessageSeq: sql`${conversations.lastMessageSeq} + 1`, lastMessageAt: sql`now()`, lastMessageSide: side })
    .where(and(eq(conversations.officeId, officeId), eq(conversations.id, conversationId)))
    .returning({ seq: conversations.lastMessageSeq });
  return row!.seq;
}

export async function insertMessage(tx: Tx, message: typeof messages.$inferInsert): Promise<void> {
  await tx.insert(messages).values(message);
}

export async function findMessageByClientId(tx: Tx, officeId: string, conversationId: string, clientId: string) {
  const [row] = await tx
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.officeId, officeId), eq(messages.conversationId, conversationId), eq(messages.clientId, clientId)));
  return row;
}

export async function findMessage(tx: Tx, officeId: string, messageId: string): Promise<MessageRow | undefined> {
  const [row] = await tx.select(messageColumns).from(messages).where(and(eq(messages.officeId, officeId), eq(messages.id, messageId)));
  return row;
}

export async function listMessages(tx: Tx, officeId: string, conversationId: string, afterSeq: number, limit: number) {
  return tx
    .select({
      id: messages.id,
      seq: messages.seq,
      clientId: messages.clientId,
      authorId: messages.authorId,
      authorName: users.name,
      authorSide: messages.authorSide,
      body: messages.body,
      createdAt: messages.createdAt,
      editedAt: messages.editedAt,
      deletedAt: messages.deletedAt,
    })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.authorId))
    .where(and(eq(messages.officeId, officeId), eq(messages.conversationId, conversationId), gt(messages.seq, afterSeq)))
    .orderBy(asc(messages.seq))
    .limit(limit);
}

export async function updateMessage(tx: Tx, officeId: string, messageId: string, values: Partial<typeof messages.$inferInsert>): Promise<void> {
  await tx.update(messages).set(values).where(and(eq(messages.officeId, officeId), eq(messages.id, messageId)));
}

export async function insertRevision(tx: Tx, revision: typeof messageRevisions.$inferInsert): Promise<void> {
  await tx.insert(messageRevisions).values(revision);
}

export async function listRevisions(tx: Tx, officeId: string, messageId: string) {
  return tx
    .select({ kind: messageRevisions.kind, body: messageRevisions.body, revisedAt: messageRevisions.revisedAt, revisedById: messageRevisions.revisedBy, revisedByName: users.name })
    .from(messageRevisions)
    .innerJoin(users, eq(users.id, messageRevisions.revisedBy))
    .where(and(eq(messageRevisions.officeId, officeId), eq(messageRevisions.messageId, messageId)))
    .orderBy(asc(messageRevisions.revisedAt), asc(messageRevisions.id));
}

/** Moves a read position forward only (a late request never un-reads). */
export async function advanceReadPosition(tx: Tx, officeId: string, conversationId: string, userId: string, seq: number): Promise<void> {
  await tx
    .insert(readPositions)
    .values({ officeId, conversationId, userId, lastReadSeq: seq })
    .onConflictDoUpdate({
      target: [readPositions.conversationId, readPositions.userId],
      set: { lastReadSeq: sql`greatest(${readPositions.lastReadSeq}, excluded.last_read_seq)`, readAt: sql`CASE WHEN excluded.last_read_seq > ${readPositions.lastReadSeq} THEN now() ELSE ${readPositions.readAt} END` },
    });
}

/** Who has read how far: the receipts the thread shows. */
export async function listReaders(tx: Tx, officeId: string, conversationId: string, companyId: string) {
  return tx
    .select({
      userId: readPositions.userId,
      name: users.name,
      side: sql<Side>`CASE WHEN EXISTS (SELECT 1 FROM ${companyUsers} cu WHERE cu.user_id = read_positions.user_id AND cu.company_id = ${companyId}) THEN 'client' ELSE 'office' END`,
      lastReadSeq: readPositions.lastReadSeq,
      readAt: readPositions.readAt,
    })
    .from(readPositions)
    .innerJoin(users, eq(users.id, readPositions.userId))
    .where(and(eq(readPositions.officeId, officeId), eq(readPositions.conversationId, conversationId)))
    .orderBy(asc(users.name));
}

/**
 * Conversations within `scope` whose subject or a message matches every word (as a prefix, without
 * diacritics), newest activity first, with the latest matching message.
 */
export async function searchConversations(tx: Tx, scope: SQL, tsQuery: string, page: number, pageSize: number) {
  const query = sql`to_tsquery('simple', bureau_unaccent(${tsQuery}))`;
  const where = and(
    scope,
    sql`(conversations.search_vector @@ ${query} OR EXISTS (SELECT 1 FROM ${messages} m
          WHERE m.conversation_id = conversations.id AND m.deleted_at IS NULL AND m.search_vector @@ ${query}))`,
  );
  const [items, [total]] = await Promise.all([
    tx
      .select({
        id: conversations.id,
        subject: conversations.subject,
        companyId: conversations.companyId,
        companyName: companies.name,
        channelId: conversations.channelId,
        status: conversations.status,
        lastMessageAt: conversations.lastMessageAt,
        match: sql<{ seq: number; body: string } | null>`(SELECT json_build_object('seq', m.seq, 'body', left(m.body, 300)) FROM ${messages} m
          WHERE m.conversation_id = conversations.id AND m.deleted_at IS NULL AND m.search_vector @@ ${query}
          ORDER BY m.seq DESC LIMIT 1)`,
      })
      .from(conversations)
      .innerJoin(companies, and(eq(companies.id, conversations.companyId), eq(companies.officeId, conversations.officeId)))
      .where(where)
      .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ n: sql<number>`count(*)::int` }).from(conversations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Which of these conversations lie within `scope` (what a realtime subscriber may be sent). */
export async function visibleConversationIds(tx: Tx, scope: SQL, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.select({ id: conversations.id }).from(conversations).where(and(scope, inArray(conversations.id, ids)));
  return new Set(rows.map((r) => r.id));
}
