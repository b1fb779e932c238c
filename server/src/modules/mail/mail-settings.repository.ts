// The office's own SMTP sender: one row per office, its password sealed by the caller.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { officeMailSettings } from '../../db/schema.js';

export type MailSettingsRow = typeof officeMailSettings.$inferSelect;
export type MailSettingsValues = Omit<
  typeof officeMailSettings.$inferInsert,
  'officeId' | 'updatedAt' | 'verifiedAt' | 'lastError'
>;

export async function findMailSettings(tx: Tx, officeId: string): Promise<MailSettingsRow | undefined> {
  const [row] = await tx.select().from(officeMailSettings).where(eq(officeMailSettings.officeId, officeId));
  return row;
}

/**
 * Saves the settings. `resetCheck`: the connection changed, so an earlier test result says nothing
 * about it any more. `updated_at` always moves (clock_timestamp: a save in the same transaction as
 * another still changes it), which tells delivery workers to rebuild their transport.
 */
export async function upsertMailSettings(
  tx: Tx,
  officeId: string,
  values: MailSettingsValues,
  resetCheck: boolean,
): Promise<MailSettingsRow> {
  const check = resetCheck ? { verifiedAt: null, lastError: null } : {};
  const [row] = await tx
    .insert(officeMailSettings)
    .values({ officeId, ...values, updatedAt: sql`clock_timestamp()` })
    .onConflictDoUpdate({
      target: officeMailSettings.officeId,
      set: { ...values, ...check, updatedAt: sql`clock_timestamp()` },
    })
    .returning();
  return row!;
}

export async function deleteMailSettings(tx: Tx, officeId: string): Promise<MailSettingsRow | undefined> {
  const [row] = await tx.delete(officeMailSettings).where(eq(officeMailSettings.officeId, officeId)).returning();
  return row;
}

/** The outcome of a test message (or a delivery the server refused): keeps `updated_at`, so transports stay. */
export async function recordMailSettingsCheck(
  tx: Tx,
  officeId: string,
  outcome: { ok: true } | { ok: false; error: string },
) {
  await tx
    .update(officeMailSettings)
    .set(outcome.ok ? { verifiedAt: sql`now()`, lastError: null } : { lastError: outcome.error.slice(0, 1000) })
    .where(eq(officeMailSettings.officeId, officeId));
}

export async function officeHasMailSettings(tx: Tx, officeId: string): Promise<boolean> {
  const [row] = await tx
    .select({ officeId: officeMailSettings.officeId })
    .from(officeMailSettings)
    .where(eq(officeMailSettings.officeId, officeId));
  return !!row;
}
