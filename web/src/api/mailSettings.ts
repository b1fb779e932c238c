// The office's own SMTP sender: read, save, remove, and a test message.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type SmtpSecurity = 'tls' | 'starttls' | 'none';

export type MailSettings = {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string | null;
  hasPassword: boolean;
  fromAddress: string;
  fromName: string | null;
  verifiedAt: string | null;
  lastError: string | null;
  updatedAt: string;
};

/** `instanceSmtp`: where e-mail goes without the office's own server (the portal's SMTP_URL, else the in-app outbox). */
export type MailSettingsState = { settings: MailSettings | null; instanceSmtp: boolean };

/** What a save sends: `password` left out keeps the saved one. */
export type MailSettingsInput = {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string | null;
  password?: string;
  fromAddress: string;
  fromName: string | null;
};

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
