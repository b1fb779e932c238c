// The only serializer of audit entries.
import type { AuditEntry } from '@bureau/common';
import type { Static } from 'typebox';
import type { findAuditEntries } from './audit.repository.js';

type AuditRow = Awaited<ReturnType<typeof findAuditEntries>>['items'][number];

export function presentAuditEntry(e: AuditRow): Static<typeof AuditEntry> {
  return {
    id: e.id,
    at: e.at,
    actor: e.actorUserId ? { id: e.actorUserId, name: e.actorName ?? '' } : null,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    objectLabel: e.objectLabel,
    companyId: e.companyId,
    companyName: e.companyName,
    before: e.before,
    after: e.after,
    ip: e.ip,
  };
}
