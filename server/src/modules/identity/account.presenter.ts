// The only serializer of a person's own sessions and API tokens.
import type { ApiTokenSchema, SessionSchema } from '@bureau/common';
import type { Static } from 'typebox';
import type { listApiTokens, listUserSessions } from './identity.repository.js';

type SessionRow = Awaited<ReturnType<typeof listUserSessions>>[number];
type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];

/** `currentSessionId` marks the session the request came with, so the person does not end it by mistake. */
export function presentSession(
  row: SessionRow,
  currentSessionId: string | null | undefined,
): Static<typeof SessionSchema> {
  return {
    id: row.id,
    current: row.id === currentSessionId,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
  };
}

/** Never the hash: only the prefix identifies a token once it was shown. */
export function presentApiToken(row: ApiTokenRow): Static<typeof ApiTokenSchema> {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
  };
}
