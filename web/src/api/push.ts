// Web Push for this person's browsers: the server's VAPID key, their devices, turning this browser
// on and off, a test notification. The browser side (service worker, permission) is in lib/push.ts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { currentSubscription, pushSupport } from '../lib/push';
import { api } from './client';
import type { PushDevice } from '@bureau/common';

export type { PushDevice } from '@bureau/common';

export const pushKeys = { devices: ['push', 'devices'] as const };

export const fetchPushKey = () => api.get<{ publicKey: string }>('/push/key').then((r) => r.publicKey);

export function usePushDevices() {
  return useQuery({
    queryKey: pushKeys.devices,
    queryFn: ({ signal }) => api.get<{ items: PushDevice[] }>('/push/subscriptions', signal).then((r) => r.items),
  });
}

export const savePushSubscription = (subscription: PushSubscriptionJSON) =>
  api.post<PushDevice>('/push/subscriptions', subscription);

export const removePushSubscription = (endpoint: string) =>
  api.delete(`/push/subscriptions?endpoint=${encodeURIComponent(endpoint)}`);

export function useSendTestPush() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ devices: number }>('/push/test'),
    // The devices' last delivery shows a moment later.
    onSuccess: () => setTimeout(() => void queryClient.invalidateQueries({ queryKey: pushKeys.devices }), 3000),
  });
}

/** Signing out: this browser stops getting the person's pushes (best effort: sign-out never waits on it failing). */
export async function forgetThisBrowser(): Promise<void> {
  if (pushSupport() !== 'supported') return;
  const subscription = await currentSubscription().catch(() => null);
  if (!subscription) return;
  await removePushSubscription(subscription.endpoint).catch(() => {});
  await subscription.unsubscribe().catch(() => {});
}
