// The e-mail outbox: every e-mail is a row first, written in the transaction that caused it.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { outboxEmails } from '../../db/schema.js';

export type NewOutboxEmail = typeof outboxEmails.$inferInsert;

/** Writes the e-mail; false when one with the same dedupe key exists already. */
export async function insertOutboxEmail(tx: Tx, email: NewOutboxEmail): Promise<boolean> {
  const rows = await tx.insert(outboxEmails).values(email).onConflictDoNothing().returning({ id: outboxEmails.id });
  return rows.length > 0;
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
    tx
      .select({ total: sql<number>`count(*)::int` })
      .from(outboxEmails)
      .where(where),
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

/** Locks one e-mail for its delivery job; a second worker on the same job waits, then sees it sent. */
export async function lockEmail(tx: Tx, officeId: string, id: string) {
  const [row] = await tx
    .select()
    .from(outboxEmails)
    .where(and(eq(outboxEmails.officeId, officeId), eq(outboxEmails.id, id)))
    .for('update');
  return row;
}

export async function markEmailSent(tx: Tx, officeId: string, id: string) {
  await tx
    .update(outboxEmails)
    .set({ status: 'sent', sentAt: sql`now()`, attempts: sql`${outboxEmails.attempts} + 1`, lastError: null })
    .where(and(eq(outboxEmails.officeId, officeId), eq(outboxEmails.id, id)));
}

/** One attempt failed: `final` when no retry will follow (a permanent refusal, or retries used up). */
export async function markEmailFailed(tx: Tx, officeId: string, id: string, error: string, final: boolean) {
  await tx
    .update(outboxEmails)
    .set({
      status: final ? 'failed' : 'pending',
      attempts: sql`${outboxEmails.attempts} + 1`,
      lastError: error.slice(0, 1000),
      nextAttemptAt: sql`now()`,
    })
    .where(and(eq(outboxEmails.officeId, officeId), eq(outboxEmails.id, id)));
}

export async function requeueFailedEmail(tx: Tx, officeId: string, id: string) {
  await tx
    .update(outboxEmails)
    .set({ status: 'pending', nextAttemptAt: sql`now()` })
    .where(and(eq(outboxEmails.officeId, officeId), eq(outboxEmails.id, id), eq(outboxEmails.status, 'failed')));
}

/** No server to send it through any more (the office removed its settings): the in-app outbox keeps it. */
export async function markEmailStored(tx: Tx, officeId: string, id: string) {
  await tx
    .update(outboxEmails)
    .set({ status: 'stored' })
    .where(and(eq(outboxEmails.officeId, officeId), eq(outboxEmails.id, id), eq(outboxEmails.status, 'pending')));
}
