// The events outbox: rows written in the transaction of the change they announce.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { events } from '../../db/schema.js';

export type EventRow = typeof events.$inferSelect;

export async function insertEvent(tx: Tx, event: typeof events.$inferInsert): Promise<void> {
  await tx.insert(events).values(event);
}

export async function eventsAfter(tx: Tx, officeId: string, afterId: number, limit: number): Promise<EventRow[]> {
  return tx
    .select()
    .from(events)
    .where(and(eq(events.officeId, officeId), gt(events.id, afterId)))
    .orderBy(asc(events.id))
    .limit(limit);
}

export async function lastEventId(tx: Tx, officeId: string): Promise<number> {
  const [row] = await tx
    .select({ id: sql<number>`coalesce(max(${events.id}), 0)::bigint` })
    .from(events)
    .where(eq(events.officeId, officeId));
  return Number(row?.id ?? 0);
}
