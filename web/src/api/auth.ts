// First-run setup and the public sign-in routes.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from './client';
import { acceptMe } from './me';
import type { Me, SetupBody, TokenInfo } from '@bureau/common';

export type { SetupBody } from '@bureau/common';

export const setupKey = ['setup'] as const;

const setupQuery = {
  queryKey: setupKey,
  queryFn: () => api.get<{ needed: boolean; officeName: string | null }>('/setup'),
  staleTime: Infinity,
};

export function useSetupStatus() {
  return useQuery(setupQuery);
}

/** Asks whether the office still needs setting up now, before any screen does (see main.tsx). */
export const prefetchSetupStatus = (queryClient: QueryClient) => queryClient.prefetchQuery(setupQuery);

/** A mutation whose answer is `Me`: the user is signed in afterwards. */
function useSignInMutation<B>(call: (body: B) => Promise<Me>, after?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (me) => {
      acceptMe(queryClient, me);
      after?.();
    },
  });
}

export function useSetup() {
  const queryClient = useQueryClient();
  return useSignInMutation(
    (body: SetupBody) => api.post<Me>('/setup', body),
    () => queryClient.setQueryData(setupKey, { needed: false }),
  );
}

export function useSignIn() {
  return useSignInMutation((body: { email: string; password: string; totpCode?: string }) =>
    api.post<Me>('/auth/sign-in', body),
  );
}

export function useRequestEmailCode() {
  return useMutation({ mutationFn: (body: { email: string }) => api.post<void>('/auth/email-code', body) });
}

export function useVerifyEmailCode() {
  return useSignInMutation((body: { email: string; code: string } | { token: string }) =>
    api.post<Me>('/auth/email-code/verify', body),
  );
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: (body: { email: string }) => api.post<void>('/auth/password-reset', body) });
}

export function useCompletePasswordReset() {
  return useSignInMutation((body: { token: string; password: string }) =>
    api.post<Me>('/auth/password-reset/complete', body),
  );
}

export function useTokenInfo(token: string) {
  return useQuery({
    queryKey: ['auth-token', token],
    queryFn: () => api.get<TokenInfo>(`/auth/token/${encodeURIComponent(token)}`),
    retry: false,
    staleTime: Infinity,
  });
}
