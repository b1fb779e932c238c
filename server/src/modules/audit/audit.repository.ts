// The append-only audit log: written in the caller's transaction, read by office admins.
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { auditLog, users } from '../../db/schema.js';

export type AuditEntryInput = {
  officeId: string;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  companyId?: string | null;
  before?: unknown;
  after?: unknown;
  ip: string | null;
  requestId: string | null;
};

export async function insertAuditEntry(tx: Tx, entry: AuditEntryInput): Promise<void> {
  await insertAuditEntries(tx, [entry]);
}

export async function insertAuditEntries(tx: Tx, entries: AuditEntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditLog).values(
    entries.map((entry) => ({
      officeId: entry.officeId,
      actorUserId: entry.actorUserId,
      actorName: entry.actorName,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      companyId: entry.companyId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      ip: entry.ip,
      requestId: entry.requestId,
    })),
  );
}

export type AuditFilter = {
  action?: string;
  objectType?: string;
  objectId?: string;
  actorId?: string;
  companyId?: string;
  from?: Date;
  to?: Date;
};

export async function findAuditEntries(tx: Tx, officeId: string, filter: AuditFilter, page: number, pageSize: number) {
  const conditions: SQL[] = [eq(auditLog.officeId, officeId)];
  if (filter.action) conditions.push(sql`${auditLog.action} LIKE ${filter.action.replace(/[%_\\]/g, '\\$&') + '%'}`);
  if (filter.objectType) conditions.push(eq(auditLog.objectType, filter.objectType));
  if (filter.objectId) conditions.push(eq(auditLog.objectId, filter.objectId));
  if (filter.actorId) conditions.push(eq(auditLog.actorUserId, filter.actorId));
  if (filter.companyId) conditions.push(eq(auditLog.companyId, filter.companyId));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lte(auditLog.at, filter.to));
  const where = and(...conditions);
  const [items, [count]] = await Promise.all([
    tx
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorUserId: auditLog.actorUserId,
        actorName: sql<string | null>`coalesce(${users.name}, ${auditLog.actorName})`,
        // What the object is called today, so that admins read names rather than ids.
        objectLabel: sql<string | null>`CASE audit_log.object_type
          WHEN 'company' THEN (SELECT c.name FROM companies c WHERE c.id = audit_log.object_id::uuid)
          WHEN 'user' THEN (SELECT u.name FROM users u WHERE u.id = audit_log.object_id::uuid)
          WHEN 'company_user' THEN (SELECT u.name FROM users u WHERE u.id = audit_log.object_id::uuid)
          WHEN 'office' THEN (SELECT o.name FROM offices o WHERE o.id = audit_log.object_id::uuid)
          WHEN 'message' THEN (SELECT cv.subject FROM messages m JOIN conversations cv ON cv.id = m.conversation_id WHERE m.id = audit_log.object_id::uuid)
        END`,
        companyName: sql<string | null>`(SELECT c.name FROM companies c WHERE c.id = audit_log.company_id)`,
        action: auditLog.action,
        objectType: auditLog.objectType,
        objectId: auditLog.objectId,
        companyId: auditLog.companyId,
        before: auditLog.before,
        after: auditLog.after,
        ip: auditLog.ip,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx
      .select({ total: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}
