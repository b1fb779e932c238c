// The types every repository and the job queue share, apart from the Database class (which needs the queue to
// migrate): importing them never loads the connection code.
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type * as schema from './schema.js';

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type TenantContext = { officeId: string; userId?: string | null };
