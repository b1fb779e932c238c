// The purge of a company deleted 30 days ago: one transaction in its office that removes what the law does not require
// the office to keep, child rows before their parents (the foreign keys have no cascades to lean on), and leaves the
// company's identity, its status history and the audit log. What is kept and why: docs/ARCHITECTURE.md, "Deleting a
// company". The files of the removed attachments go with the next attachment sweep, which removes what no row refers to
// (a file is stored once per office, and another company's attachment may hold the same content).
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';

export type PurgeCounts = {
  conversations: number;
  messages: number;
  attachments: number;
  invitations: number;
  clientUsers: number;
  forgottenPeople: number;
};

const count = async (tx: Tx, query: ReturnType<typeof sql>) =>
  (await tx.execute<{ n: number }>(sql`WITH d AS (${query} RETURNING 1) SELECT count(*)::int AS n FROM d`)).rows[0]!.n;

/**
 * The company's client users who belong to nothing else on the instance (no other company of any office, no staff
 * role): their personal data goes with the company. Asked through the membership function, which sees every office and
 * no longer lists the deleted company.
 */
async function peopleOfNothingElse(tx: Tx, officeId: string, companyId: string): Promise<string[]> {
  const result = await tx.execute<{ user_id: string }>(sql`
    SELECT cu.user_id FROM company_users cu
     WHERE cu.office_id = ${officeId} AND cu.company_id = ${companyId}
       AND NOT EXISTS (SELECT 1 FROM bureau_user_memberships(cu.user_id))`);
  return result.rows.map((r) => r.user_id);
}

/** Removes the company's conversations, files, people and contact data; keeps its identity and the audit log. */
export async function purgeCompanyData(tx: Tx, officeId: string, companyId: string): Promise<PurgeCounts> {
  const people = await peopleOfNothingElse(tx, officeId, companyId);
  const peopleList = sql`ARRAY[${sql.join(
    people.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]::uuid[]`;
  if (people.length > 0) {
    // While they are still the office's people (row-level security shows a user to an office through its memberships).
    await tx.execute(sql`DELETE FROM sessions WHERE office_id = ${officeId} AND user_id = ANY(${peopleList})`);
    await tx.execute(
      sql`DELETE FROM push_subscriptions WHERE office_id = ${officeId} AND user_id = ANY(${peopleList})`,
    );
    await tx.execute(
      sql`DELETE FROM notification_preferences WHERE office_id = ${officeId} AND user_id = ANY(${peopleList})`,
    );
    await tx.execute(sql`DELETE FROM auth_tokens WHERE office_id = ${officeId} AND user_id = ANY(${peopleList})`);
    // The row stays (messages elsewhere, the audit log and SMS history refer to it by id), without what identifies them.
    await tx.execute(sql`
      UPDATE users SET name = '—', email = 'forgotten-' || id || '@invalid', password_hash = NULL, phone = NULL,
             totp_secret = NULL, totp_enabled = false, totp_last_step = NULL
       WHERE id = ANY(${peopleList})`);
    await tx.execute(sql`
      UPDATE sms_messages SET to_number = '', body = ''
       WHERE office_id = ${officeId} AND user_id = ANY(${peopleList})`);
  }
  const ofCompany = sql`SELECT id FROM conversations WHERE office_id = ${officeId} AND company_id = ${companyId}`;
  await tx.execute(sql`DELETE FROM broadcast_recipients WHERE office_id = ${officeId} AND company_id = ${companyId}`);
  const attachments = await count(
    tx,
    sql`DELETE FROM attachments WHERE office_id = ${officeId} AND company_id = ${companyId}`,
  );
  await tx.execute(sql`SELECT bureau_purge_message_revisions(${officeId}, ${companyId})`);
  await tx.execute(sql`DELETE FROM notifications WHERE office_id = ${officeId} AND company_id = ${companyId}`);
  await tx.execute(sql`DELETE FROM notifications WHERE office_id = ${officeId} AND conversation_id IN (${ofCompany})`);
  await tx.execute(
    sql`DELETE FROM reply_addresses WHERE office_id = ${officeId} AND conversation_id IN (${ofCompany})`,
  );
  await tx.execute(sql`DELETE FROM inbound_emails WHERE office_id = ${officeId} AND conversation_id IN (${ofCompany})`);
  await tx.execute(sql`DELETE FROM events WHERE office_id = ${officeId} AND company_id = ${companyId}`);
  await tx.execute(sql`DELETE FROM read_positions WHERE office_id = ${officeId} AND conversation_id IN (${ofCompany})`);
  await tx.execute(
    sql`DELETE FROM conversation_participants WHERE office_id = ${officeId} AND conversation_id IN (${ofCompany})`,
  );
  const messages = await count(
    tx,
    sql`DELETE FROM messages WHERE office_id = ${officeId} AND conversation_id IN (${ofCompany})`,
  );
  const conversations = await count(
    tx,
    sql`DELETE FROM conversations WHERE office_id = ${officeId} AND company_id = ${companyId}`,
  );
  await tx.execute(
    sql`UPDATE portfolio_import_rows SET invitation_id = NULL WHERE office_id = ${officeId} AND company_id = ${companyId}`,
  );
  const invitations = await count(
    tx,
    sql`DELETE FROM invitations WHERE office_id = ${officeId} AND company_id = ${companyId}`,
  );
  await tx.execute(sql`DELETE FROM assignments WHERE office_id = ${officeId} AND company_id = ${companyId}`);
  const clientUsers = await count(
    tx,
    sql`DELETE FROM company_users WHERE office_id = ${officeId} AND company_id = ${companyId}`,
  );
  // The name and tax id stay for the audit log's entries to name; the tax id moves aside so that the office may add the
  // same company again one day (the tax id is unique within an office).
  await tx.execute(sql`
    UPDATE companies SET addresses = '[]', emails = '[]', phones = '[]', bank_accounts = '[]', tags = '{}',
           registry = NULL, siret = NULL, notification_email = NULL, tax_id = 'purged:' || id, purged_at = now()
     WHERE office_id = ${officeId} AND id = ${companyId}`);
  return { conversations, messages, attachments, invitations, clientUsers, forgottenPeople: people.length };
}
