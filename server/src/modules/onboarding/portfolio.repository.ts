// The portfolio's one query: each company the scope allows, with its group, client users and latest invitation.
import { sql, type SQL } from 'drizzle-orm';
import type { PortfolioGroup } from '@bureau/common';
import type { Tx } from '../../db/database.js';
import { companies, companyUsers, invitations } from '../../db/schema.js';
import { officeRecords } from '../tenancy/index.js';

export type PortfolioRow = {
  id: string;
  name: string;
  country: string;
  tax_id: string;
  status: 'active' | 'inactive';
  grp: PortfolioGroup;
  client_users: number;
  inv_id: string | null;
  inv_email: string | null;
  inv_expires_at: string | null;
  inv_last_sent_at: string | null;
  inv_opened_at: string | null;
  inv_accepted_at: string | null;
  inv_revoked_at: string | null;
};

export async function findPortfolioPage(
  tx: Tx,
  officeId: string,
  scope: SQL,
  filter: { group?: PortfolioGroup; q?: string; after?: [string, string] },
  limit: number,
): Promise<{ counts: { grp: PortfolioGroup; n: number }[]; rows: PortfolioRow[] }> {
  // The search narrows the counts too: the tabs say how many of the matching companies each group holds.
  let search = sql`true`;
  if (filter.q?.trim()) search = officeRecords.companySearch(filter.q);
  // One pass decides each company's group; the counts and the page read the same pass.
  const grouped = sql`
    WITH scoped AS (
      SELECT ${companies.id} AS id, ${companies.name} AS name, ${companies.country} AS country, ${companies.taxId} AS tax_id,
             ${companies.status} AS status,
             (SELECT count(*)::int FROM ${companyUsers} cu WHERE cu.office_id = companies.office_id AND cu.company_id = companies.id) AS client_users,
             EXISTS (SELECT 1 FROM ${invitations} i WHERE i.office_id = companies.office_id AND i.company_id = companies.id
                      AND i.revoked_at IS NULL AND i.accepted_at IS NULL AND i.expires_at > now()) AS has_open,
             EXISTS (SELECT 1 FROM ${invitations} i WHERE i.office_id = companies.office_id AND i.company_id = companies.id) AS has_any
        FROM ${companies}
       WHERE ${scope} AND ${search}
    ), grouped AS (
      SELECT *, CASE WHEN client_users > 0 THEN 'collaborating' WHEN has_open THEN 'invited' WHEN has_any THEN 'pending' ELSE 'own' END AS grp
        FROM scoped
    )`;
  const counts = await tx.execute<{ grp: PortfolioGroup; n: number }>(
    sql`${grouped} SELECT grp, count(*)::int AS n FROM grouped GROUP BY grp`,
  );
  const conditions: SQL[] = [sql`true`];
  if (filter.group) conditions.push(sql`g.grp = ${filter.group}`);
  if (filter.after) conditions.push(sql`(g.name, g.id) > (${filter.after[0]}, ${filter.after[1]}::uuid)`);
  const rows = await tx.execute<PortfolioRow>(sql`${grouped}
    SELECT g.id, g.name, g.country, g.tax_id, g.status, g.grp, g.client_users,
           li.id AS inv_id, li.email AS inv_email, li.expires_at AS inv_expires_at, li.last_sent_at AS inv_last_sent_at,
           li.opened_at AS inv_opened_at, li.accepted_at AS inv_accepted_at, li.revoked_at AS inv_revoked_at
      FROM grouped g
      LEFT JOIN LATERAL (
        SELECT i.* FROM ${invitations} i WHERE i.office_id = ${officeId} AND i.company_id = g.id ORDER BY i.created_at DESC, i.id DESC LIMIT 1
      ) li ON true
     WHERE ${sql.join(conditions, sql` AND `)}
     ORDER BY g.name, g.id
     LIMIT ${limit}`);
  return { counts: counts.rows, rows: rows.rows };
}
