// SQL for the office's channels.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { channels, type ChannelNames } from '../../db/schema.js';

export type { ChannelNames };

export type ChannelRow = typeof channels.$inferSelect;

const DEFAULT_CHANNELS = [
  { key: 'accounting', specialty: 'accounting', position: 1 },
  { key: 'payroll', specialty: 'payroll', position: 2 },
  { key: 'invoicing', specialty: 'invoicing', position: 3 },
  { key: 'admin', specialty: null, position: 4 },
] as const;

/** The four channels every office starts with: Accounting, Payroll, Invoicing & Stock, Admin. */
export async function insertDefaultChannels(tx: Tx, officeId: string): Promise<void> {
  await tx
    .insert(channels)
    .values(
      DEFAULT_CHANNELS.map((c) => ({
        id: randomUUID(),
        officeId,
        key: c.key,
        specialty: c.specialty,
        position: c.position,
      })),
    )
    .onConflictDoNothing();
}

export async function listChannels(tx: Tx, officeId: string): Promise<ChannelRow[]> {
  return tx
    .select()
    .from(channels)
    .where(eq(channels.officeId, officeId))
    .orderBy(asc(channels.position), asc(channels.createdAt));
}

export async function findChannel(tx: Tx, officeId: string, channelId: string): Promise<ChannelRow | undefined> {
  const [row] = await tx
    .select()
    .from(channels)
    .where(and(eq(channels.officeId, officeId), eq(channels.id, channelId)));
  return row;
}

export async function insertChannel(tx: Tx, channel: typeof channels.$inferInsert): Promise<void> {
  await tx.insert(channels).values(channel);
}

export async function updateChannel(
  tx: Tx,
  officeId: string,
  channelId: string,
  values: Partial<typeof channels.$inferInsert>,
): Promise<void> {
  await tx
    .update(channels)
    .set(values)
    .where(and(eq(channels.officeId, officeId), eq(channels.id, channelId)));
}
