// What a thread shows beside its messages: a message's earlier texts, and whom a private conversation may include.
import { useQuery } from '@tanstack/react-query';
import type { Message, ParticipantOption, Revision } from '@bureau/common';
import { api, withQuery } from './client';

/** A message's earlier texts, oldest first; asked for when opened, and again after every change of the message. */
export function useRevisions(message: Message, enabled: boolean) {
  return useQuery({
    queryKey: ['message', message.id, 'revisions', message.editedAt, message.deletedAt],
    queryFn: ({ signal }) =>
      api.get<{ items: Revision[] }>(`/messages/${encodeURIComponent(message.id)}/revisions`, signal),
    select: (data) => data.items,
    enabled,
  });
}

/**
 * The company's people a private conversation may include (names only), the signed-in person left out. A client
 * asks about their own company (no id needed).
 */
export function useParticipantOptions(companyId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['participants', companyId ?? 'mine'],
    queryFn: ({ signal }) =>
      api.get<{ items: ParticipantOption[] }>(withQuery('/conversations/participants', { companyId }), signal),
    select: (data) => data.items,
    enabled,
    staleTime: 60_000,
  });
}
