// Notifications and preferences: the person's own rows, always scoped by office and person.
import { and, desc, eq, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { notificationPreferences, notifications, readPositions } from '../../db/schema.js';

export type NewNotification = typeof notifications.$inferInsert;
export type NotificationRow = typeof notifications.$inferSelect;
export type PreferenceRow = typeof notificationPreferences.$inferSelect;

/** Adds what is new; a row that exists already (a repeated job) is skipped. Returns the rows added. */
export async function insertNotifications(tx: Tx, rows: NewNotification[]): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(notifications).values(rows).onConflictDoNothing().returning();
}

export async function listNotifications(tx: Tx, officeId: string, userId: string, limit: number, before?: Date) {
  return tx
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.officeId, officeId),
        eq(notifications.userId, userId),
        eq(notifications.inApp, true),
        before ? lt(notifications.createdAt, before) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function countUnread(tx: Tx, officeId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        eq(notifications.officeId, officeId),
        eq(notifications.userId, userId),
        eq(notifications.inApp, true),
        isNull(notifications.readAt),
      ),
    );
  return row?.n ?? 0;
}

/** Marks the person's notifications read (`ids`, or all); returns the ids that changed. */
export async function markNotificationsRead(
  tx: Tx,
  officeId: string,
  userId: string,
  ids: string[] | 'all',
): Promise<string[]> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.officeId, officeId),
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === 'all'
          ? undefined
          : inArray(notifications.id, ids.length ? ids : ['00000000-0000-0000-0000-000000000000']),
      ),
    )
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

/** Reading a conversation up to `seq` reads its notifications up to there. */
export async function markConversationNotificationsRead(
  tx: Tx,
  officeId: string,
  userId: string,
  conversationId: string,
  seq: number,
): Promise<string[]> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.officeId, officeId),
        eq(notifications.userId, userId),
        eq(notifications.conversationId, conversationId),
        isNull(notifications.readAt),
        lte(notifications.seq, seq),
      ),
    )
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

export async function findPreferences(tx: Tx, officeId: string, userIds: string[]): Promise<PreferenceRow[]> {
  if (userIds.length === 0) return [];
  return tx
    .select()
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.officeId, officeId), inArray(notificationPreferences.userId, userIds)));
}

export async function upsertPreference(tx: Tx, row: typeof notificationPreferences.$inferInsert): Promise<void> {
  await tx
    .insert(notificationPreferences)
    .values(row)
    .onConflictDoUpdate({
      target: [notificationPreferences.officeId, notificationPreferences.userId, notificationPreferences.kind],
      set: { inApp: row.inApp, email: row.email, sms: row.sms, push: row.push, updatedAt: sql`now()` },
    });
}

/**
 * What waits for a person's unread digest: not e-mailed, not read (neither in the bell nor in the
 * conversation), and older than the office's delay. Locked, so two digests never take the same row.
 */
export async function dueDigestItems(tx: Tx, officeId: string, userId: string, delayMinutes: number) {
  return tx
    .select()
    .from(notifications)
    .leftJoin(
      readPositions,
      and(
        eq(readPositions.conversationId, notifications.conversationId),
        eq(readPositions.userId, notifications.userId),
      ),
    )
    .where(
      and(
        eq(notifications.officeId, officeId),
        eq(notifications.userId, userId),
        eq(notifications.digestDue, true),
        isNull(notifications.emailedAt),
        isNull(notifications.readAt),
        sql`${notifications.createdAt} <= now() - make_interval(mins => ${delayMinutes})`,
        sql`(${readPositions.lastReadSeq} IS NULL OR ${notifications.seq} IS NULL OR ${notifications.seq} > ${readPositions.lastReadSeq})`,
      ),
    )
    .orderBy(notifications.createdAt)
    .for('update', { of: notifications, skipLocked: true })
    .then((rows) => rows.map((r) => r.notifications));
}

/** Digest rows that were read meanwhile leave the digest; the rest are marked e-mailed. */
export async function settleDigest(
  tx: Tx,
  officeId: string,
  userId: string,
  emailedIds: string[],
  delayMinutes: number,
): Promise<void> {
  if (emailedIds.length > 0)
    await tx
      .update(notifications)
      .set({ emailedAt: sql`now()`, digestDue: false })
      .where(and(eq(notifications.officeId, officeId), inArray(notifications.id, emailedIds)));
  await tx
    .update(notifications)
    .set({ digestDue: false })
    .where(
      and(
        eq(notifications.officeId, officeId),
        eq(notifications.userId, userId),
        eq(notifications.digestDue, true),
        sql`${notifications.createdAt} <= now() - make_interval(mins => ${delayMinutes})`,
      ),
    );
}

/** What waits for the person's daily digest, locked so that two runs never take the same row. */
export async function dueDailyItems(tx: Tx, officeId: string, userId: string) {
  return tx
    .select()
    .from(notifications)
    .where(
      and(eq(notifications.officeId, officeId), eq(notifications.userId, userId), eq(notifications.dailyDue, true)),
    )
    .orderBy(notifications.createdAt)
    .for('update', { skipLocked: true });
}

export async function settleDailyDigest(tx: Tx, officeId: string, ids: string[]): Promise<void> {
  if (ids.length > 0)
    await tx
      .update(notifications)
      .set({ dailyDue: false })
      .where(and(eq(notifications.officeId, officeId), inArray(notifications.id, ids)));
}

/** When the oldest notification still waiting for a digest was created, if any. */
export async function nextDigestDue(tx: Tx, officeId: string, userId: string): Promise<Date | undefined> {
  const [row] = await tx
    .select({ at: sql<Date>`min(${notifications.createdAt})` })
    .from(notifications)
    .where(
      and(
        eq(notifications.officeId, officeId),
        eq(notifications.userId, userId),
        eq(notifications.digestDue, true),
        isNull(notifications.emailedAt),
        isNull(notifications.readAt),
      ),
    );
  return row?.at ? new Date(row.at) : undefined;
}
