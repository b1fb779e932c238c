import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/client';
import { meKey } from './api/me';

// A 401 on any other call means the session ended elsewhere: re-ask who we are, and the guard sends
// the user to sign in if nobody is.
function onError(error: unknown, key?: readonly unknown[]): void {
  if (error instanceof ApiError && error.status === 401 && key?.[0] !== meKey[0]) {
    void queryClient.invalidateQueries({ queryKey: meKey });
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onError(error) }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});
