// Invitations: staff (and a company's full-access users) invite a person to a company; the public page of the
// e-mailed link, where they create an account or sign in to accept; and the invitations waiting for the signed-in person.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AcceptInvitation,
  InvitationPreview,
  InvitationView,
  Me,
  MyInvitation,
  NewInvitation,
} from '@bureau/common';
import { api, withQuery } from './client';
import { acceptMe, meKey, useSwitchContext } from './me';

export type { InvitationPreview, InvitationStatus, InvitationView, MyInvitation, NewInvitation } from '@bureau/common';

const keys = {
  all: ['invitations'] as const,
  company: (companyId: string) => ['invitations', 'company', companyId] as const,
  mine: ['invitations', 'mine'] as const,
  link: (token: string) => ['invitation-link', token] as const,
};

const path = (id: string, action: 'resend' | 'revoke') => `/invitations/${encodeURIComponent(id)}/${action}`;

/** A company's invitations, newest first (staff, or the company's full-access users). */
export function useCompanyInvitations(companyId: string) {
  return useQuery({
    queryKey: keys.company(companyId),
    queryFn: ({ signal }) => api.get<{ items: InvitationView[] }>(withQuery('/invitations', { companyId }), signal),
    select: (data) => data.items,
    enabled: Boolean(companyId),
  });
}

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewInvitation) => api.post<InvitationView>('/invitations', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.all });
      // The portfolio shows each company's latest invitation.
      void queryClient.invalidateQueries({ queryKey: ['companies'] });
      void queryClient.invalidateQueries({ queryKey: ['portfolio'] });
    },
  });
}

/** A new link and a new expiry; the old link stops working. */
export function useResendInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<InvitationView>(path(id, 'resend')),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.all });
      void queryClient.invalidateQueries({ queryKey: ['portfolio'] });
    },
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<InvitationView>(path(id, 'revoke')),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.all });
      void queryClient.invalidateQueries({ queryKey: ['portfolio'] });
    },
  });
}

/** What an invitation link offers (public). Asked once: opening it marks the invitation opened. */
export function useInvitationLink(token: string) {
  return useQuery({
    queryKey: keys.link(token),
    queryFn: ({ signal }) => api.get<InvitationPreview>(`/invitation-links/${encodeURIComponent(token)}`, signal),
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** Accepts from the link: like signing in, the answer is the person's `Me` with the company in it. */
export function useAcceptInvitationLink(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptInvitation) => api.post<Me>(`/invitation-links/${encodeURIComponent(token)}/accept`, body),
    onSuccess: (me) => {
      // Someone else may have been signed in on this browser: nothing cached is theirs to keep.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      acceptMe(queryClient, me);
    },
  });
}

/** Accepts from the link while signed in as the person it is for: no password asked again; the session moves to the company. */
export function useAcceptInvitationSignedIn(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Me>(`/me/invitation-links/${encodeURIComponent(token)}/accept`),
    onSuccess: (me) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      acceptMe(queryClient, me);
    },
  });
}

/** Invitations waiting for the signed-in person (same e-mail, current office). */
export function useMyInvitations() {
  return useQuery({
    queryKey: keys.mine,
    queryFn: ({ signal }) => api.get<{ items: MyInvitation[] }>('/me/invitations', signal),
    select: (data) => data.items,
    staleTime: 30_000,
  });
}

/** Accepts a waiting invitation, then works in that company (the context switch forgets the previous one's cache). */
export function useAcceptMyInvitation() {
  const queryClient = useQueryClient();
  const switchContext = useSwitchContext();
  return useMutation({
    mutationFn: async ({ invitation, officeId }: { invitation: MyInvitation; officeId: string }) => {
      const { companyId } = await api.post<{ companyId: string }>(
        `/me/invitations/${encodeURIComponent(invitation.id)}/accept`,
      );
      return switchContext.mutateAsync({ officeId, companyId });
    },
    // Accepted but not switched (or not accepted): what the person belongs to and what still waits has changed.
    onError: () => {
      void queryClient.invalidateQueries({ queryKey: meKey });
      void queryClient.invalidateQueries({ queryKey: keys.mine });
    },
  });
}
