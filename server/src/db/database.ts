// Connections and transactions. The owner (DATABASE_URL's user) runs migrations and nothing else;
// every request runs on connections that log in as bureau_app (NOSUPERUSER, NOBYPASSRLS, not an
// owner, member of no other role — so it cannot SET ROLE its way out), inside a transaction that
// names its office and user, which row-level security then enforces.
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { JobQueue } from '../modules/jobs/job-queue.js';
import * as schema from './schema.js';

import type { Db, TenantContext, Tx } from './types.js';

export type { Db, TenantContext, Tx } from './types.js';

const migrationsFolder = path.join(import.meta.dirname, '../../migrations');
const MIGRATION_LOCK = 7243_0001;

export class Database {
  readonly app: Db;
  private constructor(
    readonly url: string,
    private readonly appPool: pg.Pool,
  ) {
    this.app = drizzle(appPool, { schema });
  }

  static async connect(url: string, options: { maxConnections?: number } = {}): Promise<Database> {
    await runMigrations(url);
    const appPool = new pg.Pool({
      connectionString: appRoleUrl(url),
      max: options.maxConnections ?? 10,
      application_name: 'bureau',
    });
    appPool.on('error', () => {
      // An idle client lost its connection (database restarted); the pool replaces it.
    });
    return new Database(url, appPool);
  }

  /** One transaction scoped to an office (and user): the only way office data is reached. */
  async inTenant<T>(ctx: TenantContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.app.transaction(async (tx) => {
      await this.enterTenant(tx, ctx);
      return fn(tx);
    });
  }

  /** One transaction as the person making a request: their office and user, which row-level security enforces. */
  asActor<T>(actor: { officeId: string; userId: string }, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.inTenant({ officeId: actor.officeId, userId: actor.userId }, fn);
  }

  /** Scopes the rest of an anonymous transaction to an office, once a lookup has named it. */
  async enterTenant(tx: Tx, ctx: TenantContext): Promise<void> {
    await tx.execute(
      sql`SELECT set_config('app.office_id', ${ctx.officeId}, true), set_config('app.user_id', ${ctx.userId ?? ''}, true)`,
    );
  }

  /** A transaction with no tenant: RLS hides every office row; only the auth functions answer. */
  async anonymous<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.app.transaction(fn);
  }

  /** Wakes every instance's listeners on `channel` (sent outside any transaction: see DESIGN.md). */
  async notify(channel: string, payload: string): Promise<void> {
    await this.appPool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  /** A dedicated connection that LISTENs on `channel`; reconnects after a dropped connection. */
  async listen(
    channel: string,
    onNotify: (payload: string) => void,
    onReconnect: () => void,
  ): Promise<() => Promise<void>> {
    let client: pg.Client | undefined;
    let stopped = false;
    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: appRoleUrl(this.url), application_name: 'bureau-listen' });
      next.on('notification', (msg) => msg.channel === channel && onNotify(msg.payload ?? ''));
      next.on('error', () => {
        if (stopped) return;
        setTimeout(
          () =>
            void connect()
              .then(onReconnect)
              .catch(() => {}),
          1000,
        );
      });
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      client = next;
    };
    await connect();
    return async () => {
      stopped = true;
      await client?.end().catch(() => {});
    };
  }

  async ping(): Promise<boolean> {
    try {
      await this.appPool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.appPool.end();
  }
}

/**
 * The application role's password, derived from the owner's: every instance started with the same
 * DATABASE_URL computes the same one, and nothing extra has to be configured or stored.
 */
function appRolePassword(ownerUrl: string): string {
  return createHmac('sha256', 'bureau_app login')
    .update(decodeURIComponent(new URL(ownerUrl).password))
    .digest('base64url');
}

/** DATABASE_URL with the application role's credentials. */
export function appRoleUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = 'bureau_app';
  url.password = appRolePassword(ownerUrl);
  return url.toString();
}

/** Applies pending migrations as the owner role; concurrent starters wait on an advisory lock. */
/**
 * Roles belong to the whole cluster, not to one database: two databases of one server migrated at once (several
 * instances, or test files in parallel) may both set the application role's password, and PostgreSQL refuses the
 * second write with "tuple concurrently updated". Each sets the same password: trying again is enough.
 */
async function setAppRolePassword(client: pg.Client, password: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`ALTER ROLE bureau_app WITH LOGIN PASSWORD ${client.escapeLiteral(password)}`);
      return;
    } catch (err) {
      if (attempt >= 5 || !/tuple concurrently updated/.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

export async function runMigrations(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'bureau-migrate' });
  await client.connect();
  try {
    await client.query('SET client_min_messages = warning');
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(client), { migrationsFolder });
    await setAppRolePassword(client, appRolePassword(url));
    await JobQueue.install(url);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}
