// The office portfolio: every company the staff member may see, grouped by how it stands with the office — collaborating
// (a client user accepted), invited (an invitation waits), pending (invitations expired or were revoked, nobody accepted:
// to invite again), own (no client users and never invited: the office keeps it alone) — with the count of each group.
import { portfolioGroups, type PortfolioGroup, type PortfolioPage } from '@bureau/common';
import type { Database } from '../../db/database.js';
import { invalid } from '../../http/app-error.js';
import type { Actor } from '../identity/index.js';
import { companyScope, policy } from '../policy/index.js';
import { findPortfolioPage } from './portfolio.repository.js';
import { presentLatest } from './portfolio.presenter.js';
import { isUuid } from '../../http/ids.js';

export const PORTFOLIO_PAGE_SIZE = 50;

/** The keyset cursor of the company list: the last row's name and id. */
function encodeCursor(row: { name: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.name, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      isUuid(value[1])
    ) {
      return [value[0], value[1]];
    }
  } catch {
    // falls through to the validation error
  }
  throw invalid({ cursor: { code: 'invalid' } });
}

export class PortfolioService {
  constructor(private readonly db: Database) {}

  async page(actor: Actor, query: { group?: PortfolioGroup; q?: string; cursor?: string }): Promise<PortfolioPage> {
    policy.require(actor, 'portfolio.read');
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    return this.db.asActor(actor, async (tx) => {
      const { counts, rows } = await findPortfolioPage(
        tx,
        actor.officeId,
        companyScope(actor),
        { group: query.group, q: query.q, after },
        PORTFOLIO_PAGE_SIZE + 1,
      );
      const items = rows.slice(0, PORTFOLIO_PAGE_SIZE).map((r) => ({
        id: r.id,
        name: r.name,
        country: r.country,
        taxId: r.tax_id,
        status: r.status,
        group: r.grp,
        clientUsers: r.client_users,
        invitation: r.inv_id ? presentLatest(r) : null,
      }));
      const byGroup = Object.fromEntries(portfolioGroups.map((g) => [g, 0])) as Record<PortfolioGroup, number>;
      for (const c of counts) byGroup[c.grp] = c.n;
      const last = items.at(-1);
      return {
        counts: byGroup,
        items,
        nextCursor: rows.length > PORTFOLIO_PAGE_SIZE && last ? encodeCursor(last) : null,
      };
    });
  }
}
