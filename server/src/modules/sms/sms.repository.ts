// SQL of the office's SMS settings and its SMS log. Every function takes the office id.
import { and, count, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { officeSmsSettings, smsMessages } from '../../db/schema.js';

export type SmsSettingsRow = typeof officeSmsSettings.$inferSelect;
export type SmsRow = typeof smsMessages.$inferSelect;
export type SmsStatus = SmsRow['status'];

export async function findSmsSettings(tx: Tx, officeId: string): Promise<SmsSettingsRow | undefined> {
  const [row] = await tx.select().from(officeSmsSettings).where(eq(officeSmsSettings.officeId, officeId));
  return row;
}

export async function upsertSmsSettings(tx: Tx, values: typeof officeSmsSettings.$inferInsert): Promise<void> {
  const { officeId: _officeId, ...changes } = values;
  await tx
    .insert(officeSmsSettings)
    .values(values)
    .onConflictDoUpdate({ target: officeSmsSettings.officeId, set: { ...changes, updatedAt: sql`now()` } });
}

/**
 * Serializes the office's SMS queueing until commit: the daily cap and the per-number limit are
 * counted and kept by one sender at a time.
 */
export async function lockSmsQueue(tx: Tx, officeId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('bureau.sms'), hashtext(${officeId}))`);
}

export async function findSmsByDedupeKey(tx: Tx, officeId: string, dedupeKey: string): Promise<SmsRow | undefined> {
  const [row] = await tx
    .select()
    .from(smsMessages)
    .where(and(eq(smsMessages.officeId, officeId), eq(smsMessages.dedupeKey, dedupeKey)));
  return row;
}

/** SMS the office sent (or is sending) since `since`, refused ones aside; to one number when given. */
export async function countSmsSince(tx: Tx, officeId: string, since: Date, toNumber?: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(smsMessages)
    .where(
      and(
        eq(smsMessages.officeId, officeId),
        gt(smsMessages.createdAt, since),
        ne(smsMessages.status, 'refused'),
        toNumber === undefined ? undefined : eq(smsMessages.toNumber, toNumber),
      ),
    );
  return row?.n ?? 0;
}

export async function insertSms(tx: Tx, row: typeof smsMessages.$inferInsert): Promise<void> {
  await tx.insert(smsMessages).values(row);
}

export async function findSms(tx: Tx, officeId: string, id: string): Promise<SmsRow | undefined> {
  const [row] = await tx
    .select()
    .from(smsMessages)
    .where(and(eq(smsMessages.officeId, officeId), eq(smsMessages.id, id)));
  return row;
}

/** Locks one SMS for its delivery job: a second worker on the same job waits, then sees it sent. */
export async function lockSms(tx: Tx, officeId: string, id: string): Promise<SmsRow | undefined> {
  const [row] = await tx
    .select()
    .from(smsMessages)
    .where(and(eq(smsMessages.officeId, officeId), eq(smsMessages.id, id)))
    .for('update');
  return row;
}

export async function markSmsSent(
  tx: Tx,
  officeId: string,
  id: string,
  provider: string,
  providerMessageId: string,
): Promise<void> {
  await tx
    .update(smsMessages)
    .set({
      status: 'sent',
      provider,
      providerMessageId,
      sentAt: sql`now()`,
      statusAt: sql`now()`,
      attempts: sql`${smsMessages.attempts} + 1`,
      error: null,
    })
    .where(and(eq(smsMessages.officeId, officeId), eq(smsMessages.id, id)));
}

/** One attempt failed: `final` when no retry follows (a permanent refusal, or retries used up). */
export async function markSmsFailed(
  tx: Tx,
  officeId: string,
  id: string,
  error: string,
  final: boolean,
): Promise<void> {
  await tx
    .update(smsMessages)
    .set({
      status: final ? 'failed' : 'pending',
      error: error.slice(0, 1000),
      attempts: sql`${smsMessages.attempts} + 1`,
      ...(final && { statusAt: sql`now()` }),
    })
    .where(and(eq(smsMessages.officeId, officeId), eq(smsMessages.id, id)));
}

/** An admin sends a failed SMS again: it waits for its job once more (any other status is left alone). */
export async function requeueFailedSms(tx: Tx, officeId: string, id: string): Promise<boolean> {
  const rows = await tx
    .update(smsMessages)
    .set({ status: 'pending', statusAt: sql`now()` })
    .where(and(eq(smsMessages.officeId, officeId), eq(smsMessages.id, id), eq(smsMessages.status, 'failed')))
    .returning({ id: smsMessages.id });
  return rows.length > 0;
}

/**
 * A provider's delivery report. Reports may arrive out of order: only a sent SMS changes, so a late
 * "sent" never undoes "delivered".
 */
export async function applyDeliveryReport(
  tx: Tx,
  officeId: string,
  providerMessageId: string,
  status: 'delivered' | 'failed',
  error?: string,
): Promise<number> {
  const rows = await tx
    .update(smsMessages)
    .set({ status, statusAt: sql`now()`, ...(error !== undefined && { error: error.slice(0, 1000) }) })
    .where(
      and(
        eq(smsMessages.officeId, officeId),
        eq(smsMessages.providerMessageId, providerMessageId),
        eq(smsMessages.status, 'sent'),
      ),
    )
    .returning({ id: smsMessages.id });
  return rows.length;
}

export async function findSmsPage(
  tx: Tx,
  officeId: string,
  statuses: SmsStatus[] | undefined,
  page: number,
  pageSize: number,
) {
  const where = and(
    eq(smsMessages.officeId, officeId),
    statuses && statuses.length > 0 ? inArray(smsMessages.status, statuses) : undefined,
  );
  const [items, [total]] = await Promise.all([
    tx
      .select()
      .from(smsMessages)
      .where(where)
      .orderBy(desc(smsMessages.createdAt), desc(smsMessages.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ n: count() }).from(smsMessages).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}
