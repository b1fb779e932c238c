// The office's own ways to be done with a conversation: handled, snoozed, assigned. Each answers the conversation as
// the server now has it (written into the cache), and the lists and counters are asked again: what "needs my action"
// now holds is the server's rule.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Assignee, Conversation } from '@bureau/common';
import { api } from './client';
import { conversationKeys } from './conversationKeys';

const path = (id: string) => `/conversations/${encodeURIComponent(id)}`;

function useTriageChange<T>(
  conversationId: string,
  action: 'handled' | 'snooze' | 'assign',
  body: (input: T) => object,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: T) => api.post<Conversation>(`${path(conversationId)}/${action}`, body(input)),
    onSuccess: (conversation) => {
      queryClient.setQueryData(conversationKeys.detail(conversationId), conversation);
      void queryClient.invalidateQueries({ queryKey: conversationKeys.all });
    },
  });
}

export const useSetHandled = (conversationId: string) =>
  useTriageChange(conversationId, 'handled', (handled: boolean) => ({ handled }));

/** `until`: an ISO moment to come, or null to wake the conversation now. */
export const useSnooze = (conversationId: string) =>
  useTriageChange(conversationId, 'snooze', (until: string | null) => ({ until }));

export const useAssign = (conversationId: string) =>
  useTriageChange(conversationId, 'assign', (assigneeId: string | null) => ({ assigneeId }));

/** The colleagues the conversation may be assigned to (asked when the picker opens). */
export function useAssignees(conversationId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...conversationKeys.detail(conversationId), 'assignees'],
    queryFn: ({ signal }) => api.get<{ items: Assignee[] }>(`${path(conversationId)}/assignees`, signal),
    select: (data) => data.items,
    enabled,
    staleTime: 60_000,
  });
}
