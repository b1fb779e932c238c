// My account: password, sessions, two-factor authentication and personal API tokens.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { meKey } from './me';
import type { ApiToken, Session, TotpSetup } from '@bureau/common';

export type { TotpSetup } from '@bureau/common';

const sessionsKey = ['sessions'] as const;
const tokensKey = ['api-tokens'] as const;

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<void>('/me/password', body),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: () => api.get<{ items: Session[] }>('/me/sessions'),
    select: (data) => data.items,
  });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/me/sessions/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useStartTotpSetup() {
  return useMutation({ mutationFn: () => api.post<TotpSetup>('/me/totp/setup') });
}

function useTotpChange(path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<void>(path, { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

export const useEnableTotp = () => useTotpChange('/me/totp/enable');
export const useDisableTotp = () => useTotpChange('/me/totp/disable');

export function useApiTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: () => api.get<{ items: ApiToken[] }>('/me/api-tokens'),
    select: (data) => data.items,
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; expiresInDays?: number }) =>
      api.post<{ id: string; name: string; token: string }>('/me/api-tokens', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/me/api-tokens/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
