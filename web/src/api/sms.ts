// The office's SMS provider settings, the test SMS and the SMS log (owners and admins).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ADMIN_PAGE_SIZE } from './admin';
import { api, withQuery } from './client';
import type { Page } from '@bureau/common';

export type SmsProvider = 'smsapi' | 'twilio';
export type SmsStatus = 'pending' | 'sent' | 'delivered' | 'failed' | 'refused';
export const SMS_STATUSES: readonly SmsStatus[] = ['pending', 'sent', 'delivered', 'failed', 'refused'];

export type SmsSettings = {
  configured: boolean;
  provider: SmsProvider | null;
  accountId: string | null;
  /** The token itself never comes back: only whether one is stored. */
  tokenSet: boolean;
  senderName: string;
  dailyCap: number;
  perNumberHourly: number;
  enabled: boolean;
  updatedAt: string | null;
};

export type SmsSettingsInput = {
  provider: SmsProvider;
  accountId?: string | null;
  token?: string;
  senderName: string;
  dailyCap: number;
  perNumberHourly: number;
  enabled: boolean;
};

export type SmsItem = {
  id: string;
  userId: string | null;
  toNumber: string;
  body: string;
  provider: string;
  providerMessageId: string | null;
  status: SmsStatus;
  error: string | null;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  statusAt: string | null;
};

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
      api.get<Page<SmsItem>>(withQuery('/sms/messages', { page, pageSize: ADMIN_PAGE_SIZE, status }), signal),
    placeholderData: keepPreviousData,
    // Delivery reports arrive on their own: the log refreshes while it is open.
    refetchInterval: 15_000,
  });
}
