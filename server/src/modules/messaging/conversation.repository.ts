// SQL for conversations, their messages, revisions and read positions. Callers pass the policy's
// conversation scope; every function also filters by office.
import { and, asc, desc, eq, getTableColumns, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/database.js';
import {
  companies,
  companyUsers,
  conversationParticipants,
  conversations,
  messageRevisions,
  messages,
  readPositions,
  users,
} from '../../db/schema.js';
import type { ScopeSubject } from '../policy/index.js';

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
    .where(
      and(
        eq(conversations.officeId, officeId),
        eq(conversations.startedBy, startedBy),
        eq(conversations.clientId, clientId),
      ),
    );
  return row;
}

export async function insertParticipants(
  tx: Tx,
  officeId: string,
  conversationId: string,
  userIds: string[],
): Promise<void> {
  if (userIds.length === 0) return;
  await tx.insert(conversationParticipants).values(userIds.map((userId) => ({ officeId, conversationId, userId })));
}

export async function listParticipants(tx: Tx, officeId: string, conversationId: string) {
  return tx
    .select({ userId: conversationParticipants.userId, name: users.name })
    .from(conversationParticipants)
    .innerJoin(users, eq(users.id, conversationParticipants.userId))
    .where(
      and(eq(conversationParticipants.officeId, officeId), eq(conversationParticipants.conversationId, conversationId)),
    )
    .orderBy(asc(users.name));
}

/** The company's client users by name: whom a private conversation with it may include. */
export async function listCompanyMembers(tx: Tx, officeId: string, companyId: string) {
  return tx
    .select({ userId: companyUsers.userId, name: users.name })
    .from(companyUsers)
    .innerJoin(users, eq(users.id, companyUsers.userId))
    .where(and(eq(companyUsers.officeId, officeId), eq(companyUsers.companyId, companyId)))
    .orderBy(asc(users.name), asc(companyUsers.userId));
}

/** Client users of the company among `userIds` (only they may be participants). */
export async function companyMemberIds(
  tx: Tx,
  officeId: string,
  companyId: string,
  userIds: string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx
    .select({ userId: companyUsers.userId })
    .from(companyUsers)
    .where(
      and(
        eq(companyUsers.officeId, officeId),
        eq(companyUsers.companyId, companyId),
        inArray(companyUsers.userId, userIds),
      ),
    );
  return new Set(rows.map((r) => r.userId));
}

export type InboxFilter = {
  status?: 'open' | 'closed';
  companyId?: string;
  channelId?: string;
  /** An extra condition from the policy (routed to someone, needs my action). */
  extra?: SQL[];
};

/**
 * One page of conversations within `scope`, newest activity first, with what the list shows, and
 * how many there are in all (counted in the same statement, so a page costs one round trip).
 */
export async function findConversationPage(
  tx: Tx,
  scope: SQL,
  needsAction: SQL,
  userId: string,
  filter: InboxFilter,
  page: number,
  pageSize: number,
) {
  const conditions: SQL[] = [scope, ...(filter.extra ?? [])];
  if (filter.status) conditions.push(eq(conversations.status, filter.status));
  if (filter.companyId) conditions.push(eq(conversations.companyId, filter.companyId));
  if (filter.channelId) conditions.push(eq(conversations.channelId, filter.channelId));
  const where = and(...conditions);
  const count = () =>
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(where);
  const rows = await tx
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
      closedBy: conversations.closedBy,
      closedByName: sql<string | null>`(SELECT u.name FROM ${users} u WHERE u.id = conversations.closed_by)`,
      lastMessageAt: conversations.lastMessageAt,
      lastMessageSide: conversations.lastMessageSide,
      lastMessageSeq: conversations.lastMessageSeq,
      // Correlated subqueries name the outer columns literally (drizzle leaves select fields unqualified).
      lastMessage: sql<
        string | null
      >`(SELECT CASE WHEN m.deleted_at IS NULL THEN left(m.body, 200) END FROM ${messages} m
        WHERE m.conversation_id = conversations.id AND m.seq = conversations.last_message_seq)`,
      lastReadSeq: sql<number>`coalesce((SELECT r.last_read_seq FROM ${readPositions} r
        WHERE r.conversation_id = conversations.id AND r.user_id = ${userId}), 0)`,
      needsAction: sql<boolean>`${needsAction}`,
      handledAt: conversations.handledAt,
      handledBy: conversations.handledBy,
      snoozedUntil: conversations.snoozedUntil,
      assigneeId: conversations.assigneeId,
      // Not correlated: in its own FROM, "conversations" names the subquery's rows; computed once.
      total: sql<number>`(SELECT count(*)::int FROM ${conversations} WHERE ${where})`,
    })
    .from(conversations)
    .innerJoin(
      companies,
      and(eq(companies.id, conversations.companyId), eq(companies.officeId, conversations.officeId)),
    )
    .where(where)
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const items = rows.map(({ total: _total, ...item }) => item);
  // A page past the end has no row to carry the count.
  const total = rows[0]?.total ?? (page > 1 ? ((await count())[0]?.n ?? 0) : 0);
  return { items, total };
}

/**
 * Counts of conversations waiting for the actor, per channel and per company. A large office has
 * thousands of these pairs: plain rows (no per-row mapping by the query builder) halve the cost.
 */
export async function countNeedsAction(
  tx: Tx,
  scope: SQL,
  needsAction: SQL,
): Promise<{ channelId: string; companyId: string; n: number }[]> {
  const result = await tx.execute<{ channelId: string; companyId: string; n: number }>(sql`
    SELECT ${conversations.channelId} AS "channelId", ${conversations.companyId} AS "companyId", count(*)::int AS n
      FROM ${conversations}
     WHERE ${and(scope, needsAction)}
     GROUP BY ${conversations.channelId}, ${conversations.companyId}`);
  return result.rows;
}

export type TriageValues = Partial<
  Pick<typeof conversations.$inferInsert, 'handledAt' | 'handledBy' | 'snoozedUntil' | 'assigneeId'>
>;

/** Writes the office's own state of a conversation (handled, snoozed, assigned). */
export async function setTriage(tx: Tx, officeId: string, conversationId: string, values: TriageValues): Promise<void> {
  await tx
    .update(conversations)
    .set(values)
    .where(and(eq(conversations.officeId, officeId), eq(conversations.id, conversationId)));
}

/** The names of these people (who handled a conversation, whom it is assigned to), by id. */
export async function namesOf(tx: Tx, userIds: (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function setConversationStatus(
  tx: Tx,
  officeId: string,
  conversationId: string,
  values: { status: 'open' | 'closed'; closedAt: Date | null; closedBy: string | null; closedBySide: Side | null },
): Promise<void> {
  await tx
    .update(conversations)
    .set(values)
    .where(and(eq(conversations.officeId, officeId), eq(conversations.id, conversationId)));
}

/** Takes the next position in the conversation (locking its row, so posts are numbered one at a time). */
/**
 * Appends a message in one statement: the conversation's next position (and its last activity),
 * the message itself, returned as stored, and the author's read position moved up to it (writing
 * means having read everything before). A clientId already used fails on its unique index, and
 * the position taken is rolled back with it.
 */
export async function appendMessage(
  tx: Tx,
  message: {
    id: string;
    officeId: string;
    conversationId: string;
    clientId: string;
    authorId: string;
    authorSide: Side;
    body: string;
  },
): Promise<MessageRow | undefined> {
  const result = await tx.execute<{ seq: number; created_at: string }>(sql`
    WITH next AS (
      UPDATE ${conversations} SET last_message_seq = last_message_seq + 1, last_message_at = now(), last_message_side = ${message.authorSide},
        -- The client writing again is news: the office's "handled" and "snoozed" end with it.
        handled_at = CASE WHEN ${message.authorSide}::text = 'client' THEN NULL ELSE handled_at END,
        handled_by = CASE WHEN ${message.authorSide}::text = 'client' THEN NULL ELSE handled_by END,
        snoozed_until = CASE WHEN ${message.authorSide}::text = 'client' THEN NULL ELSE snoozed_until END
       WHERE office_id = ${message.officeId} AND id = ${message.conversationId} AND status = 'open'
      RETURNING last_message_seq
    )
    , stored AS (
      INSERT INTO ${messages} (id, office_id, conversation_id, seq, client_id, author_id, author_side, body)
      SELECT ${message.id}, ${message.officeId}, ${message.conversationId}, next.last_message_seq, ${message.clientId}, ${message.authorId}, ${message.authorSide}, ${message.body}
        FROM next
      RETURNING seq, created_at
    ), read AS (
      INSERT INTO ${readPositions} AS r (office_id, conversation_id, user_id, last_read_seq)
      SELECT ${message.officeId}, ${message.conversationId}, ${message.authorId}, stored.seq FROM stored
      ON CONFLICT (conversation_id, user_id) DO UPDATE
        SET last_read_seq = greatest(r.last_read_seq, excluded.last_read_seq),
            read_at = CASE WHEN excluded.last_read_seq > r.last_read_seq THEN now() ELSE r.read_at END
    )
    SELECT seq, created_at FROM stored`);
  const row = result.rows[0];
  // No row: the conversation was closed after the caller checked it (its row is locked from here on).
  if (!row) return undefined;
  return { ...message, seq: row.seq, createdAt: new Date(row.created_at), editedAt: null, deletedAt: null };
}

export async function findMessageByClientId(tx: Tx, officeId: string, conversationId: string, clientId: string) {
  const [row] = await tx
    .select(messageColumns)
    .from(messages)
    .where(
      and(
        eq(messages.officeId, officeId),
        eq(messages.conversationId, conversationId),
        eq(messages.clientId, clientId),
      ),
    );
  return row;
}

export async function findMessage(tx: Tx, officeId: string, messageId: string): Promise<MessageRow | undefined> {
  const [row] = await tx
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.officeId, officeId), eq(messages.id, messageId)));
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
    .where(
      and(eq(messages.officeId, officeId), eq(messages.conversationId, conversationId), gt(messages.seq, afterSeq)),
    )
    .orderBy(asc(messages.seq))
    .limit(limit);
}

export async function updateMessage(
  tx: Tx,
  officeId: string,
  messageId: string,
  values: Partial<typeof messages.$inferInsert>,
): Promise<void> {
  await tx
    .update(messages)
    .set(values)
    .where(and(eq(messages.officeId, officeId), eq(messages.id, messageId)));
}

export async function insertRevision(tx: Tx, revision: typeof messageRevisions.$inferInsert): Promise<void> {
  await tx.insert(messageRevisions).values(revision);
}

export async function listRevisions(tx: Tx, officeId: string, messageId: string) {
  return tx
    .select({
      kind: messageRevisions.kind,
      body: messageRevisions.body,
      revisedAt: messageRevisions.revisedAt,
      revisedById: messageRevisions.revisedBy,
      revisedByName: users.name,
    })
    .from(messageRevisions)
    .innerJoin(users, eq(users.id, messageRevisions.revisedBy))
    .where(and(eq(messageRevisions.officeId, officeId), eq(messageRevisions.messageId, messageId)))
    .orderBy(asc(messageRevisions.revisedAt), asc(messageRevisions.id));
}

/** Moves a read position forward only (a late request never un-reads). */
export async function advanceReadPosition(
  tx: Tx,
  officeId: string,
  conversationId: string,
  userId: string,
  seq: number,
): Promise<void> {
  await tx
    .insert(readPositions)
    .values({ officeId, conversationId, userId, lastReadSeq: seq })
    .onConflictDoUpdate({
      target: [readPositions.conversationId, readPositions.userId],
      set: {
        lastReadSeq: sql`greatest(${readPositions.lastReadSeq}, excluded.last_read_seq)`,
        readAt: sql`CASE WHEN excluded.last_read_seq > ${readPositions.lastReadSeq} THEN now() ELSE ${readPositions.readAt} END`,
      },
    });
}

/** Records that a person's browser has received the conversation up to `seq` (never backwards). */
export async function advanceDeliveredPosition(
  tx: Tx,
  officeId: string,
  conversationId: string,
  userId: string,
  seq: number,
): Promise<boolean> {
  const rows = await tx
    .insert(readPositions)
    .values({ officeId, conversationId, userId, lastReadSeq: 0, deliveredSeq: seq })
    .onConflictDoUpdate({
      target: [readPositions.conversationId, readPositions.userId],
      set: { deliveredSeq: sql`excluded.delivered_seq` },
      setWhere: sql`${readPositions.deliveredSeq} < excluded.delivered_seq AND ${readPositions.lastReadSeq} < excluded.delivered_seq`,
    })
    .returning({ userId: readPositions.userId });
  return rows.length > 0;
}

/** Who has read how far: the receipts the thread shows. */
export async function listReaders(tx: Tx, officeId: string, conversationId: string, companyId: string) {
  return tx
    .select({
      userId: readPositions.userId,
      name: users.name,
      side: sql<Side>`CASE WHEN EXISTS (SELECT 1 FROM ${companyUsers} cu WHERE cu.user_id = read_positions.user_id AND cu.company_id = ${companyId}) THEN 'client' ELSE 'office' END`,
      lastReadSeq: readPositions.lastReadSeq,
      deliveredSeq: sql<number>`greatest(${readPositions.deliveredSeq}, ${readPositions.lastReadSeq})`,
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
/** How much of a matching message a search answer carries: enough for the screen to cut a snippet around the words. */
const SEARCH_EXCERPT_MAX = 2000;

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
        match: sql<{
          seq: number;
          body: string;
          authorName: string;
          createdAt: string;
        } | null>`(SELECT json_build_object('seq', m.seq, 'body', left(m.body, ${SEARCH_EXCERPT_MAX}::int),
              'authorName', u.name, 'createdAt', m.created_at)
            FROM ${messages} m JOIN ${users} u ON u.id = m.author_id
          WHERE m.conversation_id = conversations.id AND m.deleted_at IS NULL AND m.search_vector @@ ${query}
          ORDER BY m.seq DESC LIMIT 1)`,
      })
      .from(conversations)
      .innerJoin(
        companies,
        and(eq(companies.id, conversations.companyId), eq(companies.officeId, conversations.officeId)),
      )
      .where(where)
      .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** The columns of the subscriber list of `visibleConversationIds`, for the policy to write scopes over. */
export const SUBSCRIBER: ScopeSubject = {
  userId: sql.raw('subscriber.user_id'),
  companyId: sql.raw('subscriber.company_id'),
};

/** A scope written over SUBSCRIBER's columns, rendered once (people who share a role share its text). */
export type SubscriberScope = { scope: SQL; key: string; personal: boolean };

const dialect = new PgDialect();

export function subscriberScope(scope: SQL): SubscriberScope {
  const query = dialect.sqlToQuery(scope);
  // A scope that names no subscriber column (office-wide staff) is the same for everyone who has it.
  return { scope, key: `${query.sql}\0${JSON.stringify(query.params)}`, personal: query.sql.includes('subscriber.') };
}

export type Subscriber = { userId: string; companyId: string | null; scope: SubscriberScope };

/**
 * Which of these conversations each subscriber may be sent (what the realtime gateway delivers):
 * one query per distinct scope, with every person who has it in one list, in the order given.
 */
export async function visibleConversationIds(
  tx: Tx,
  subscribers: readonly Subscriber[],
  ids: string[],
): Promise<Set<string>[]> {
  const visible = subscribers.map(() => new Set<string>());
  if (ids.length === 0 || subscribers.length === 0) return visible;
  const groups = new Map<string, { scope: SQL; people: Map<string, number[]> }>();
  subscribers.forEach((subscriber, index) => {
    let group = groups.get(subscriber.scope.key);
    if (!group) groups.set(subscriber.scope.key, (group = { scope: subscriber.scope.scope, people: new Map() }));
    const person = subscriber.scope.personal ? `${subscriber.userId}/${subscriber.companyId ?? ''}` : '';
    const indexes = group.people.get(person);
    if (indexes) indexes.push(index);
    else group.people.set(person, [index]);
  });
  for (const group of groups.values()) {
    const people = [...group.people.values()];
    const userIds = people.map((indexes) => subscribers[indexes[0]!]!.userId);
    const companyIds = people.map((indexes) => subscribers[indexes[0]!]!.companyId);
    const rows = await tx.execute<{ person: string; id: string }>(sql`
      SELECT subscriber.person, conversations.id
        FROM unnest(${sql.param(userIds)}::uuid[], ${sql.param(companyIds)}::uuid[]) WITH ORDINALITY AS subscriber(user_id, company_id, person)
        JOIN ${conversations} ON conversations.id = ANY(${sql.param(ids)}::uuid[]) AND ${group.scope}`);
    for (const row of rows.rows) for (const index of people[Number(row.person) - 1]!) visible[index]!.add(row.id);
  }
  return visible;
}

/** A message with what a notification about it says: its conversation, company and author. */
export async function findMessageNotice(tx: Tx, officeId: string, messageId: string) {
  const [row] = await tx
    .select({
      messageId: messages.id,
      seq: messages.seq,
      body: messages.body,
      deletedAt: messages.deletedAt,
      authorId: messages.authorId,
      authorSide: messages.authorSide,
      authorName: users.name,
      createdAt: messages.createdAt,
      conversationId: conversations.id,
      subject: conversations.subject,
      status: conversations.status,
      companyId: conversations.companyId,
      companyName: companies.name,
      visibility: conversations.visibility,
      companyActive: sql<boolean>`${companies.status} = 'active' AND ${companies.deletedAt} IS NULL`,
      companyNotificationEmail: companies.notificationEmail,
    })
    .from(messages)
    .innerJoin(
      conversations,
      and(eq(conversations.officeId, messages.officeId), eq(conversations.id, messages.conversationId)),
    )
    .innerJoin(
      companies,
      and(eq(companies.officeId, conversations.officeId), eq(companies.id, conversations.companyId)),
    )
    .innerJoin(users, eq(users.id, messages.authorId))
    .where(and(eq(messages.officeId, officeId), eq(messages.id, messageId)));
  return row;
}
