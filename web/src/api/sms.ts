// The office's SMS provider settings, the test SMS and the SMS log (owners and admins).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ADMIN_PAGE_SIZE } from './admin';
import { api, withQuery } from './client';
import type { Paged, SmsItem, SmsSettings, SmsSettingsInput, SmsStatus } from '@bureau/common';

export type { SmsItem, SmsProvider, SmsSettings, SmsSettingsInput, SmsStatus } from '@bureau/common';

export const SMS_STATUSES: readonly SmsStatus[] = ['pending', 'sent', 'delivered', 'failed', 'refused'];

const settingsKey = ['sms-settings'] as const;

export function useSmsSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api.get<SmsSettings>('/sms/settings') });
}

export function useSaveSmsSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SmsSettingsInput) => api.put<SmsSettings>('/sms/settings', body),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey, settings),
  });
}

export function useSendTestSms() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (to: string) => api.post<SmsItem>('/sms/test', { to }),
    // A refused test is in the log too.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['sms-log'] }),
  });
}

export function useRetrySms() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/sms/messages/${encodeURIComponent(id)}/retry`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['sms-log'] }),
  });
}

export function useSmsLog(page: number, status: SmsStatus | null) {
  return useQuery({
    queryKey: ['sms-log', page, status],
    queryFn: ({ signal }) =>
      api.get<Paged<SmsItem>>(withQuery('/sms/messages', { page, pageSize: ADMIN_PAGE_SIZE, status }), signal),
    placeholderData: keepPreviousData,
    // Delivery reports arrive on their own: the log refreshes while it is open.
    refetchInterval: 15_000,
  });
}
