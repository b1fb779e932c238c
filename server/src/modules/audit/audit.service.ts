// Records who did what to which object (in the same transaction as the change) and lets office
// admins browse it.
import type { AuditAction, AuditObjectType } from '@bureau/common';
import type { Database, Tx } from '../../db/database.js';
import type { Actor } from '../identity/index.js';
import { policy } from '../policy/index.js';
import { findAuditEntries, insertAuditEntries, insertAuditEntry, type AuditFilter } from './audit.repository.js';

export type AuditChange = {
  action: AuditAction;
  objectType: AuditObjectType;
  objectId: string | null;
  companyId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Audit as the signed-in actor. */
export function audit(tx: Tx, actor: Actor, change: AuditChange): Promise<void> {
  return auditMany(tx, actor, [change]);
}

/** Many changes by the actor in one statement (a portfolio import's chunk). */
export function auditMany(tx: Tx, actor: Actor, changes: AuditChange[]): Promise<void> {
  return insertAuditEntries(
    tx,
    changes.map((change) => ({
      ...change,
      officeId: actor.officeId,
      actorUserId: actor.userId,
      actorName: actor.name,
      ip: actor.ip,
      requestId: actor.requestId,
    })),
  );
}

/** Audit for a change made before anyone is signed in (sign-in, password reset, setup). */
export function auditAnonymous(
  tx: Tx,
  officeId: string,
  who: { userId: string | null; name: string | null; ip: string | null; requestId: string | null },
  change: AuditChange,
): Promise<void> {
  return insertAuditEntry(tx, {
    ...change,
    officeId,
    actorUserId: who.userId,
    actorName: who.name,
    ip: who.ip,
    requestId: who.requestId,
  });
}

export async function listAudit(db: Database, actor: Actor, filter: AuditFilter, page: number, pageSize: number) {
  policy.require(actor, 'audit.read');
  return db.asActor(actor, (tx) => findAuditEntries(tx, actor.officeId, filter, page, pageSize));
}
