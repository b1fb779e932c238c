// The office's own settings and its staff.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { meKey } from './me';
import type {
  NewStaff,
  Office,
  OfficePatch,
  Staff,
  StaffInvitationView,
  StaffPatch as StaffPatchBody,
} from '@bureau/common';

export type { NewStaff, OfficePatch } from '@bureau/common';

export const officeKey = ['office'] as const;
export const staffKey = ['staff'] as const;

export function useOffice() {
  return useQuery({ queryKey: officeKey, queryFn: () => api.get<Office>('/office') });
}

export function useUpdateOffice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OfficePatch) => api.patch<Office>('/office', body),
    onSuccess: (office) => {
      queryClient.setQueryData(officeKey, office);
      // The office name and the 2FA requirement are part of Me.
      void queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useStaff(enabled = true) {
  return useQuery({
    queryKey: staffKey,
    queryFn: () => api.get<{ items: Staff[] }>('/staff'),
    select: (data) => data.items,
    enabled,
    staleTime: 60_000,
  });
}

/** Adding someone to the staff is inviting them: they join when they accept the e-mailed invitation. */
export function useAddStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewStaff) => api.post<StaffInvitationView>('/staff', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffInvitationsKey }),
  });
}

export const staffInvitationsKey = ['staff', 'invitations'] as const;

export function useStaffInvitations(enabled = true) {
  return useQuery({
    queryKey: staffInvitationsKey,
    queryFn: () => api.get<{ items: StaffInvitationView[] }>('/staff/invitations'),
    select: (data) => data.items,
    enabled,
  });
}

export function useStaffInvitationAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'resend' | 'revoke' }) =>
      api.post<StaffInvitationView>(`/staff/invitations/${encodeURIComponent(id)}/${action}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffInvitationsKey }),
  });
}

/** Ownership is never given through this form (the server refuses it too), so the web cannot send 'owner'. */
export type StaffPatch = Omit<StaffPatchBody, 'role'> & { role?: Exclude<StaffPatchBody['role'], 'owner'> };

export function useUpdateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...body }: StaffPatch & { userId: string }) =>
      api.patch<Staff>(`/staff/${encodeURIComponent(userId)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKey }),
  });
}
