// Broadcasts in SQL. The fan-out writes a batch of companies with one statement per table (arrays
// unnested into rows), so that reaching 5,000 companies costs a few round trips per batch, not
// a dozen per company.
import { and, asc, count, desc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { invalid } from '../../http/app-error.js';
import { assignments, attachments, broadcastRecipients, broadcasts, companies, users } from '../../db/schema.js';
import { type CompanyListFilter, officeRecords } from '../tenancy/index.js';
import { isUuid } from '../../http/ids.js';

/**
 * A list of ids as one array parameter ('{…}'): drizzle would spread a JS array into a row of
 * parameters. Only ids pass here (generated, or checked as UUIDs by the route's schema).
 */
function uuidArray(ids: string[]): string {
  if (!ids.every(isUuid)) throw invalid({ ids: { code: 'invalid' } });
  return `{${ids.join(',')}}`;
}

export type BroadcastRow = typeof broadcasts.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;

/** The companies a broadcast's selection names, within the author's company scope, by name. */
export async function selectCompanies(
  tx: Tx,
  scope: SQL,
  filter: CompanyListFilter & { companyIds?: string[] },
  limit: number,
) {
  const conditions: SQL[] = [scope];
  if (filter.companyIds) conditions.push(sql`${companies.id} = ANY(${uuidArray(filter.companyIds)}::uuid[])`);
  if (filter.search?.trim()) conditions.push(officeRecords.companySearch(filter.search));
  if (filter.status) conditions.push(eq(companies.status, filter.status));
  if (filter.country) conditions.push(eq(companies.country, filter.country));
  if (filter.assignedTo) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM ${assignments} a WHERE a.company_id = ${companies.id} AND a.office_id = ${companies.officeId} AND a.user_id = ${filter.assignedTo})`,
    );
  }
  if (filter.tag) conditions.push(officeRecords.tagged(filter.tag));
  const where = and(...conditions);
  const [items, [total]] = await Promise.all([
    tx
      .select({ id: companies.id, name: companies.name, country: companies.country, status: companies.status })
      .from(companies)
      .where(where)
      .orderBy(asc(companies.name), asc(companies.id))
      .limit(limit),
    tx.select({ n: count() }).from(companies).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function insertBroadcast(
  tx: Tx,
  broadcast: typeof broadcasts.$inferInsert,
  companyIds: string[],
): Promise<void> {
  await tx.insert(broadcasts).values(broadcast);
  await tx.execute(sql`
    INSERT INTO ${broadcastRecipients} (broadcast_id, office_id, company_id)
    SELECT ${broadcast.id}, ${broadcast.officeId}, unnest(${uuidArray(companyIds)}::uuid[])`);
}

export async function findBroadcast(tx: Tx, officeId: string, id: string): Promise<BroadcastRow | undefined> {
  const [row] = await tx
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.officeId, officeId), eq(broadcasts.id, id)));
  return row;
}

/** Progress: how many companies have the message, and how many of them have read it. */
export async function broadcastProgress(tx: Tx, officeId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, { delivered: number; read: number }>();
  const rows = await tx
    .select({
      broadcastId: broadcastRecipients.broadcastId,
      delivered: sql<number>`count(${broadcastRecipients.deliveredAt})::int`,
      read: sql<number>`count(${broadcastRecipients.readAt})::int`,
    })
    .from(broadcastRecipients)
    .where(
      and(
        eq(broadcastRecipients.officeId, officeId),
        sql`${broadcastRecipients.broadcastId} = ANY(${uuidArray(ids)}::uuid[])`,
      ),
    )
    .groupBy(broadcastRecipients.broadcastId);
  return new Map(rows.map((r) => [r.broadcastId, { delivered: r.delivered, read: r.read }]));
}

export async function listBroadcasts(
  tx: Tx,
  officeId: string,
  authorId: string | undefined,
  limit: number,
  offset: number,
) {
  const where = and(eq(broadcasts.officeId, officeId), authorId ? eq(broadcasts.authorId, authorId) : undefined);
  const [items, [total]] = await Promise.all([
    tx
      .select({ broadcast: broadcasts, authorName: users.name })
      .from(broadcasts)
      .innerJoin(users, eq(users.id, broadcasts.authorId))
      .where(where)
      .orderBy(desc(broadcasts.createdAt), desc(broadcasts.id))
      .limit(limit)
      .offset(offset),
    tx.select({ n: count() }).from(broadcasts).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** The report: every company with when the message reached it and who read it first, when. */
export async function listRecipients(tx: Tx, officeId: string, broadcastId: string, scope?: SQL) {
  return tx
    .select({
      companyId: broadcastRecipients.companyId,
      companyName: companies.name,
      country: companies.country,
      taxId: companies.taxId,
      conversationId: broadcastRecipients.conversationId,
      deliveredAt: broadcastRecipients.deliveredAt,
      readAt: broadcastRecipients.readAt,
      readByName: users.name,
    })
    .from(broadcastRecipients)
    .innerJoin(
      companies,
      and(eq(companies.officeId, broadcastRecipients.officeId), eq(companies.id, broadcastRecipients.companyId)),
    )
    .leftJoin(users, eq(users.id, broadcastRecipients.readBy))
    .where(and(eq(broadcastRecipients.officeId, officeId), eq(broadcastRecipients.broadcastId, broadcastId), scope))
    .orderBy(asc(companies.name), asc(companies.id));
}

/** The next companies still waiting for the message, locked so that two workers never take the same. */
export async function claimPending(tx: Tx, officeId: string, broadcastId: string, limit: number): Promise<string[]> {
  const result = await tx.execute<{ company_id: string }>(sql`
    SELECT company_id FROM ${broadcastRecipients}
     WHERE office_id = ${officeId} AND broadcast_id = ${broadcastId} AND message_id IS NULL
     ORDER BY company_id
     LIMIT ${limit}
     FOR UPDATE SKIP LOCKED`);
  return result.rows.map((r) => r.company_id);
}

export type FanOutBatch = {
  officeId: string;
  broadcast: BroadcastRow;
  companyIds: string[];
  conversationIds: string[];
  messageIds: string[];
  clientIds: string[];
};

/**
 * Writes one batch of the fan-out: a conversation per company with the message as its first word,
 * the author's read position, and the recipients' rows marked delivered — one statement per table.
 */
export async function writeFanOutBatch(tx: Tx, batch: FanOutBatch): Promise<void> {
  const { officeId, broadcast, companyIds, conversationIds, messageIds, clientIds } = batch;
  await tx.execute(sql`
    INSERT INTO conversations (id, office_id, company_id, channel_id, subject, started_by_side, started_by, client_id, visibility, last_message_seq, last_message_at, last_message_side)
    SELECT c.id, ${officeId}, c.company_id, ${broadcast.channelId}, ${broadcast.subject}, 'office', ${broadcast.authorId}, c.client_id, 'company', 1, now(), 'office'
      FROM unnest(${uuidArray(conversationIds)}::uuid[], ${uuidArray(companyIds)}::uuid[], ${uuidArray(clientIds)}::uuid[]) AS c(id, company_id, client_id)`);
  await tx.execute(sql`
    INSERT INTO messages (id, office_id, conversation_id, seq, client_id, author_id, author_side, body)
    SELECT m.id, ${officeId}, m.conversation_id, 1, m.client_id, ${broadcast.authorId}, 'office', ${broadcast.body}
      FROM unnest(${uuidArray(messageIds)}::uuid[], ${uuidArray(conversationIds)}::uuid[], ${uuidArray(clientIds)}::uuid[]) AS m(id, conversation_id, client_id)`);
  await tx.execute(sql`
    INSERT INTO read_positions (office_id, conversation_id, user_id, last_read_seq, delivered_seq)
    SELECT ${officeId}, unnest(${uuidArray(conversationIds)}::uuid[]), ${broadcast.authorId}, 1, 1`);
  await tx.execute(sql`
    UPDATE ${broadcastRecipients} r SET conversation_id = b.conversation_id, message_id = b.message_id, delivered_at = now()
      FROM unnest(${uuidArray(companyIds)}::uuid[], ${uuidArray(conversationIds)}::uuid[], ${uuidArray(messageIds)}::uuid[]) AS b(company_id, conversation_id, message_id)
     WHERE r.office_id = ${officeId} AND r.broadcast_id = ${broadcast.id} AND r.company_id = b.company_id`);
  await tx.execute(sql`
    INSERT INTO events (office_id, type, company_id, conversation_id, payload)
    SELECT ${officeId}, 'conversation.updated', e.company_id, e.conversation_id, json_build_object('conversationId', e.conversation_id)
      FROM unnest(${uuidArray(companyIds)}::uuid[], ${uuidArray(conversationIds)}::uuid[]) AS e(company_id, conversation_id)`);
}

/** The broadcast's files: its author's uploads, for a company each (copied per company at fan-out). */
export async function findUploads(tx: Tx, officeId: string, ids: string[]): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(attachments)
    .where(and(eq(attachments.officeId, officeId), sql`${attachments.id} = ANY(${uuidArray(ids)}::uuid[])`));
}

/** The same files (same stored content) attached to each message of the batch. */
export async function copyAttachments(
  tx: Tx,
  files: AttachmentRow[],
  batch: { companyIds: string[]; messageIds: string[] },
): Promise<void> {
  for (const [position, file] of files.entries()) {
    await tx.execute(sql`
      INSERT INTO ${attachments} (id, office_id, company_id, uploaded_by, message_id, position, name, mime, size, sha256, thumbnail_sha256, preview_sha256, width, height)
      SELECT gen_random_uuid(), ${file.officeId}, b.company_id, ${file.uploadedBy}, b.message_id, ${position}, ${file.name}, ${file.mime}, ${file.size}, ${file.sha256},
             ${file.thumbnailSha256}, ${file.previewSha256}, ${file.width}, ${file.height}
        FROM unnest(${uuidArray(batch.companyIds)}::uuid[], ${uuidArray(batch.messageIds)}::uuid[]) AS b(company_id, message_id)`);
  }
}

export async function deleteUploads(tx: Tx, officeId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .delete(attachments)
    .where(
      and(
        eq(attachments.officeId, officeId),
        sql`${attachments.id} = ANY(${uuidArray(ids)}::uuid[])`,
        sql`${attachments.messageId} IS NULL`,
      ),
    );
}

/**
 * Marks the broadcast done when no company waits any more — not merely none this worker could lock
 * (another worker may hold the last batch, and roll it back). True when it is done now.
 */
export async function finishBroadcast(tx: Tx, officeId: string, id: string): Promise<boolean> {
  const rows = await tx
    .update(broadcasts)
    .set({ status: 'done', finishedAt: sql`now()` })
    .where(
      and(
        eq(broadcasts.officeId, officeId),
        eq(broadcasts.id, id),
        eq(broadcasts.status, 'sending'),
        sql`NOT EXISTS (SELECT 1 FROM ${broadcastRecipients} r WHERE r.office_id = ${officeId} AND r.broadcast_id = ${id} AND r.message_id IS NULL)`,
      ),
    )
    .returning({ id: broadcasts.id });
  return rows.length > 0;
}

/** A client read a conversation a broadcast started: the company's first reader and time are kept. */
export async function recordBroadcastRead(
  tx: Tx,
  officeId: string,
  conversationId: string,
  userId: string,
): Promise<void> {
  await tx
    .update(broadcastRecipients)
    .set({ readAt: sql`now()`, readBy: userId })
    .where(
      and(
        eq(broadcastRecipients.officeId, officeId),
        eq(broadcastRecipients.conversationId, conversationId),
        isNotNull(broadcastRecipients.messageId),
        sql`${broadcastRecipients.readAt} IS NULL`,
      ),
    );
}
