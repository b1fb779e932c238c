// The office's own SMTP sender: read, save, remove, and a test message.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { MailSettings, MailSettingsInput, MailSettingsState } from '@bureau/common';

export type { MailSettings, MailSettingsInput, MailSettingsState, SmtpSecurity } from '@bureau/common';

export const mailSettingsKey = ['office', 'mail-settings'] as const;

export function useMailSettings() {
  return useQuery({ queryKey: mailSettingsKey, queryFn: () => api.get<MailSettingsState>('/office/mail-settings') });
}

export function useSaveMailSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MailSettingsInput) => api.put<MailSettings>('/office/mail-settings', body),
    onSuccess: (settings) =>
      queryClient.setQueryData<MailSettingsState>(mailSettingsKey, (old) => ({
        instanceSmtp: old?.instanceSmtp ?? false,
        settings,
      })),
  });
}

export function useRemoveMailSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/office/mail-settings'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailSettingsKey }),
  });
}

export function useTestMailSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { to: string; settings?: MailSettingsInput }) =>
      api.post<{ to: string }>('/office/mail-settings/test', body),
    // A test of the saved settings records its outcome on them (last verification or last error).
    onSettled: () => queryClient.invalidateQueries({ queryKey: mailSettingsKey }),
  });
}
