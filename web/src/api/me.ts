// The signed-in user (`Me`), how it enters the cache, and the actions on oneself.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from './client';
import type { Locale, Me } from '@bureau/common';
import { applyLanguage } from '../i18n';
import { forgetThisBrowser } from './push';

export const meKey = ['me'] as const;

/** Puts a `Me` answered by any route (sign-in, setup, PATCH /me …) where the app reads it. */
export function acceptMe(queryClient: QueryClient, me: Me | null): void {
  setCsrfToken(me?.csrfToken ?? null);
  queryClient.setQueryData(meKey, me);
  if (me) void applyLanguage(me.user.locale);
}

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/me');
    setCsrfToken(me.csrfToken);
    void applyLanguage(me.user.locale);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** `null` when nobody is signed in. */
const meQuery = { queryKey: meKey, queryFn: fetchMe, staleTime: 60_000 };

export function useMe() {
  return useQuery(meQuery);
}

/** Asks for `Me` now, before any screen does (see main.tsx). */
export const prefetchMe = (queryClient: QueryClient) => queryClient.prefetchQuery(meQuery);

/** For components that only render inside the signed-in shell. */
export function useSignedInMe(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInMe used outside the signed-in shell');
  return data;
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; locale?: Locale; phone?: string | null }) => api.patch<Me>('/me', body),
    onSuccess: (me) => acceptMe(queryClient, me),
  });
}

export function useSwitchContext() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { officeId: string; companyId?: string }) => api.post<Me>('/me/context', body),
    onSuccess: (me) => {
      // Everything cached belonged to the previous company or office.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      acceptMe(queryClient, me);
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      // Whoever uses this browser next must not see this person's notifications.
      await forgetThisBrowser();
      await api.post<void>('/auth/sign-out');
    },
    onSettled: () => {
      // Signed out first (the guard leaves the signed-in pages), then forget everything else.
      acceptMe(queryClient, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
    },
  });
}
