// The e-mail outbox: every e-mail is a row first, written in the transaction that caused it.
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { outboxEmails } from '../../db/schema.js';

export type NewOutboxEmail = typeof outboxEmails.$inferInsert;

export async function insertOutboxEmail(tx: Tx, email: NewOutboxEmail): Promise<void> {
  await tx.insert(outboxEmails).values(email);
}

export async function findOutboxPage(tx: Tx, officeId: string, page: number, pageSize: number) {
  const where = eq(outboxEmails.officeId, officeId);
  const [items, [count]] = await Promise.all([
    tx
      .select()
      .from(outboxEmails)
      .where(where)
      .orderBy(desc(outboxEmails.createdAt), desc(outboxEmails.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ total: sql<number>`count(*)::int` }).from(outboxEmails).where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}

export async function findOutboxEmail(tx: Tx, officeId: string, id: string) {
  const [row] = await tx
    .select()
    .from(outboxEmails)
    .where(and(eq(outboxEmails.officeId, officeId), eq(outboxEmails.id, id)));
  return row;
}

/** Locks a batch of due e-mails of one office; other workers skip the locked rows. */
export async function claimDueEmails(tx: Tx, officeId: string, limit: number) {
  return tx
    .select()
    .from(outboxEmails)
    .where(and(eq(outboxEmails.officeId, officeId), eq(outboxEmails.status, 'pending'), lte(outboxEmails.nextAttemptAt, sql`now()`)))
    .orderBy(asc(outboxEmails.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markEmailSent(tx: Tx, officeId: string, id: string) {
  await tx
    .update(outboxEmails)
    .set({ status: 'sent', sentAt: sql`now()`, attempts: sql`${outboxEmails.attempts} + 1`, lastError: null })
    .where(and(eq(outboxEmails.officeId, officeId), eq(outboxEmails.id, id)));
}

export async function markEmailFailed(tx: Tx, officeId: string, id: string, error: string, retryInSeconds: number | null) {
  await tx
    .update(outboxEmails)
    .set({
      status: retryInSeconds === null ? 'failed' : 'pending',
      attempts: sql`${outboxEmails.attempts} + 1`,
      lastError: error.slice(0, 1000),
      nextAttemptAt: sql`now() + make_interval(secs => ${retryInSeconds ?? 0})`,
    })
    .where(and(eq(outboxEmails.officeId, officeId), eq(outboxEmails.id, id)));
}
