import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { attachments, messages } from '../../db/schema.js';

export type AttachmentRow = typeof attachments.$inferSelect;

// Advisory lock classes (with a hash of the id), held until the transaction ends.
const FILES_LOCK = 7301;
const PENDING_LOCK = 7302;

/** An office's files on disk: uploads take it shared, the sweep exclusive. */
export async function lockOfficeFiles(tx: Tx, officeId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  if (mode === 'shared')
    await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(${FILES_LOCK}, hashtext(${officeId}))`);
  else await tx.execute(sql`SELECT pg_advisory_xact_lock(${FILES_LOCK}, hashtext(${officeId}))`);
}

/** One person's pending uploads, counted and recorded one at a time. */
export async function lockPendingUploads(tx: Tx, userId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${PENDING_LOCK}, hashtext(${userId}))`);
}

export async function insertAttachment(tx: Tx, row: typeof attachments.$inferInsert): Promise<void> {
  await tx.insert(attachments).values(row);
}

/** An attachment with the message (and conversation) that took it, if any. */
export async function findAttachment(tx: Tx, officeId: string, id: string) {
  const [row] = await tx
    .select({
      attachment: attachments,
      conversationId: messages.conversationId,
      messageDeletedAt: messages.deletedAt,
    })
    .from(attachments)
    .leftJoin(messages, eq(messages.id, attachments.messageId))
    .where(and(eq(attachments.officeId, officeId), eq(attachments.id, id)));
  return row;
}

/** Uploads of one person no message has taken yet, among `ids`. */
export async function findPendingUploads(tx: Tx, officeId: string, uploadedBy: string, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(attachments)
    .where(
      and(
        eq(attachments.officeId, officeId),
        eq(attachments.uploadedBy, uploadedBy),
        isNull(attachments.messageId),
        inArray(attachments.id, ids),
      ),
    )
    .for('update');
}

export async function attachToMessage(tx: Tx, officeId: string, messageId: string, ids: string[]): Promise<void> {
  for (const [position, id] of ids.entries()) {
    await tx
      .update(attachments)
      .set({ messageId, position })
      .where(and(eq(attachments.officeId, officeId), eq(attachments.id, id)));
  }
}

export async function listMessageAttachments(tx: Tx, officeId: string, messageIds: string[]): Promise<AttachmentRow[]> {
  if (messageIds.length === 0) return [];
  return tx
    .select()
    .from(attachments)
    .where(and(eq(attachments.officeId, officeId), inArray(attachments.messageId, messageIds)))
    .orderBy(asc(attachments.messageId), asc(attachments.position));
}

export async function countPendingUploads(tx: Tx, officeId: string, uploadedBy: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(attachments)
    .where(
      and(eq(attachments.officeId, officeId), eq(attachments.uploadedBy, uploadedBy), isNull(attachments.messageId)),
    );
  return row?.n ?? 0;
}

/** Deletes one of a person's uploads that no message has taken; false if there is none such. */
export async function deletePendingUpload(tx: Tx, officeId: string, uploadedBy: string, id: string): Promise<boolean> {
  const removed = await tx
    .delete(attachments)
    .where(
      and(
        eq(attachments.officeId, officeId),
        eq(attachments.uploadedBy, uploadedBy),
        isNull(attachments.messageId),
        eq(attachments.id, id),
      ),
    )
    .returning({ id: attachments.id });
  return removed.length > 0;
}

/** Forgets uploads no message took within the grace period; their files go when nothing refers to them. */
export async function deleteStalePendingUploads(tx: Tx, officeId: string, before: Date): Promise<number> {
  const removed = await tx
    .delete(attachments)
    .where(and(eq(attachments.officeId, officeId), isNull(attachments.messageId), lt(attachments.createdAt, before)))
    .returning({ id: attachments.id });
  return removed.length;
}

/** Which of these file hashes a row of the office still refers to (as the file or one of its copies). */
export async function referencedHashes(tx: Tx, officeId: string, hashes: string[]): Promise<Set<string>> {
  const rows = await tx
    .select({
      sha256: attachments.sha256,
      thumbnail: attachments.thumbnailSha256,
      preview: attachments.previewSha256,
    })
    .from(attachments)
    .where(
      and(
        eq(attachments.officeId, officeId),
        or(
          inArray(attachments.sha256, hashes),
          inArray(attachments.thumbnailSha256, hashes),
          inArray(attachments.previewSha256, hashes),
        ),
      ),
    );
  return new Set(rows.flatMap((r) => [r.sha256, r.thumbnail, r.preview]).filter((h): h is string => !!h));
}
