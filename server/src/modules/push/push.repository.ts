// Web Push: the instance's VAPID key pair (instance_settings) and each person's browser subscriptions,
// always scoped by office and person.
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { instanceSettings, pushSubscriptions } from '../../db/schema.js';

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
export type StoredVapidKeys = { publicKey: string; privateKeySealed: string };

const VAPID = 'vapid';

/** Stores the key pair unless another process stored one first; either way returns the one kept. */
export async function insertVapidKeysOnce(tx: Tx, keys: StoredVapidKeys): Promise<StoredVapidKeys> {
  await tx.insert(instanceSettings).values({ name: VAPID, value: keys }).onConflictDoNothing();
  const [row] = await tx.select().from(instanceSettings).where(eq(instanceSettings.name, VAPID));
  return row!.value as StoredVapidKeys;
}

export async function findVapidKeys(tx: Tx): Promise<StoredVapidKeys | undefined> {
  const [row] = await tx.select().from(instanceSettings).where(eq(instanceSettings.name, VAPID));
  return row?.value as StoredVapidKeys | undefined;
}

/** Adds the browser's subscription, or refreshes its keys when the same endpoint subscribes again. */
export async function upsertSubscription(
  tx: Tx,
  row: typeof pushSubscriptions.$inferInsert,
): Promise<PushSubscriptionRow> {
  const [saved] = await tx
    .insert(pushSubscriptions)
    .values(row)
    .onConflictDoUpdate({
      target: [pushSubscriptions.officeId, pushSubscriptions.userId, pushSubscriptions.endpoint],
      set: { p256dh: row.p256dh, auth: row.auth, userAgent: row.userAgent, lastError: null },
    })
    .returning();
  return saved!;
}

/** The same browser listed for other people of the office (they signed in there before): it is no longer theirs. */
export async function deleteEndpointOfOthers(
  tx: Tx,
  officeId: string,
  userId: string,
  endpoint: string,
): Promise<void> {
  await tx
    .delete(pushSubscriptions)
    .where(
      and(
        eq(pushSubscriptions.officeId, officeId),
        ne(pushSubscriptions.userId, userId),
        eq(pushSubscriptions.endpoint, endpoint),
      ),
    );
}

export async function countSubscriptions(tx: Tx, officeId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(pushSubscriptions)
    .where(and(eq(pushSubscriptions.officeId, officeId), eq(pushSubscriptions.userId, userId)));
  return row?.n ?? 0;
}

export async function deleteSubscriptionByEndpoint(
  tx: Tx,
  officeId: string,
  userId: string,
  endpoint: string,
): Promise<void> {
  await tx
    .delete(pushSubscriptions)
    .where(
      and(
        eq(pushSubscriptions.officeId, officeId),
        eq(pushSubscriptions.userId, userId),
        eq(pushSubscriptions.endpoint, endpoint),
      ),
    );
}

/** The subscriptions of these people (one statement for a whole notification batch). */
export async function listSubscriptions(tx: Tx, officeId: string, userIds: string[]): Promise<PushSubscriptionRow[]> {
  if (userIds.length === 0) return [];
  return tx
    .select()
    .from(pushSubscriptions)
    .where(and(eq(pushSubscriptions.officeId, officeId), inArray(pushSubscriptions.userId, userIds)))
    .orderBy(asc(pushSubscriptions.createdAt), asc(pushSubscriptions.id));
}

/** Locks one subscription for its delivery job: a second run of the same job waits for the first. */
export async function lockSubscription(tx: Tx, officeId: string, id: string): Promise<PushSubscriptionRow | undefined> {
  const [row] = await tx
    .select()
    .from(pushSubscriptions)
    .where(and(eq(pushSubscriptions.officeId, officeId), eq(pushSubscriptions.id, id)))
    .for('update');
  return row;
}

export async function markSubscriptionDelivered(tx: Tx, officeId: string, id: string): Promise<void> {
  await tx
    .update(pushSubscriptions)
    .set({ lastSuccessAt: sql`now()`, lastError: null })
    .where(and(eq(pushSubscriptions.officeId, officeId), eq(pushSubscriptions.id, id)));
}

export async function markSubscriptionFailed(tx: Tx, officeId: string, id: string, error: string): Promise<void> {
  await tx
    .update(pushSubscriptions)
    .set({ lastError: error.slice(0, 1000) })
    .where(and(eq(pushSubscriptions.officeId, officeId), eq(pushSubscriptions.id, id)));
}

export async function deleteSubscription(tx: Tx, officeId: string, id: string): Promise<void> {
  await tx.delete(pushSubscriptions).where(and(eq(pushSubscriptions.officeId, officeId), eq(pushSubscriptions.id, id)));
}
