// The notification centre (the bell): the person's latest notifications and how many are unread.
// Kept fresh by the realtime client (notification.* events); a slow poll covers a lost socket.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { usePollInterval } from './realtime/status';
import type { Notification } from '@bureau/common';

export type { Notification } from '@bureau/common';

export const notificationKeys = { all: ['notifications'] as const };
/** How many the bell loads. */
export const NOTIFICATION_LIMIT = 20;

export function useNotifications() {
  const refetchInterval = usePollInterval(60_000);
  return useQuery({
    queryKey: notificationKeys.all,
    queryFn: ({ signal }) =>
      api.get<{ items: Notification[]; unread: number }>(`/notifications?limit=${NOTIFICATION_LIMIT}`, signal),
    refetchInterval,
  });
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[] | 'all') =>
      api.post<{ read: number; unread: number }>('/notifications/read', ids === 'all' ? { all: true } : { ids }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export type EmailMode = 'now' | 'digest' | 'off';
export type NotificationPreference = { inApp: boolean; email: EmailMode; sms: boolean; push: boolean };
export type Preferences = { items: Record<string, NotificationPreference>; criticalKinds: string[] };

const preferencesKey = ['notification-preferences'] as const;

export function usePreferences() {
  return useQuery({
    queryKey: preferencesKey,
    queryFn: ({ signal }) => api.get<Preferences>('/notifications/preferences', signal),
  });
}

/** Saves one kind's choice; the page shows it at once and the answer (critical kinds keep the bell) settles it. */
export function useSetPreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, preference }: { kind: string; preference: NotificationPreference }) =>
      api.put<Preferences>('/notifications/preferences', { [kind]: preference }),
    onMutate: async ({ kind, preference }) => {
      await queryClient.cancelQueries({ queryKey: preferencesKey });
      const before = queryClient.getQueryData<Preferences>(preferencesKey);
      if (before)
        queryClient.setQueryData<Preferences>(preferencesKey, {
          ...before,
          items: { ...before.items, [kind]: preference },
        });
      return { before };
    },
    onError: (_error, _vars, context) => {
      if (context?.before) queryClient.setQueryData(preferencesKey, context.before);
    },
    onSuccess: (preferences) => queryClient.setQueryData(preferencesKey, preferences),
  });
}
