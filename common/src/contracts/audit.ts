// The audit log as office admins browse it.
import { Type, type Static } from 'typebox';
import { auditObjectTypes } from '../domain.js';
import { DateTime, LiteralUnion, PageQuery, Paged, StrictObject, type Wire } from './base.js';

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: DateTime,
  actor: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.Union([Type.String(), Type.Null()]),
  /** What the object is called today (company, person or office name); null for sessions, tokens, or when it is gone. */
  objectLabel: Type.Union([Type.String(), Type.Null()]),
  companyId: Type.Union([Type.String(), Type.Null()]),
  companyName: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
});
export const AuditPage = Paged(AuditEntry);

export const AuditQuery = StrictObject({
  ...PageQuery,
  action: Type.Optional(Type.String({ maxLength: 100, description: 'an action, or a prefix such as "company."' })),
  objectType: Type.Optional(LiteralUnion(auditObjectTypes)),
  objectId: Type.Optional(Type.String({ maxLength: 100 })),
  actorId: Type.Optional(Type.String({ format: 'uuid' })),
  companyId: Type.Optional(Type.String({ format: 'uuid' })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
export type AuditEntry = Wire<Static<typeof AuditEntry>>;
export type AuditQuery = Static<typeof AuditQuery>;
