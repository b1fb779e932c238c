// The only serializers of invitations: the office's and a company's lists, and the staff's.
import type { InvitationStatus, InvitationView, StaffInvitationView } from '@bureau/common';
import type { InvitationListRow, InvitationRow, StaffInvitationListRow } from './invitation.repository.js';

export function invitationStatus(
  row: Pick<InvitationRow, 'revokedAt' | 'acceptedAt' | 'expiresAt' | 'openedAt'>,
  now = new Date(),
): InvitationStatus {
  if (row.revokedAt) return 'revoked';
  if (row.acceptedAt) return 'accepted';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return row.openedAt ? 'opened' : 'sent';
}

/** What every invitation shows, whoever it is for. */
function presentCommon(row: InvitationRow & { invitedByName: string | null }) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: invitationStatus(row),
    sendCount: row.sendCount,
    createdAt: row.createdAt.toISOString(),
    lastSentAt: row.lastSentAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    invitedByName: row.invitedByName,
  };
}

export function presentInvitation(row: InvitationListRow): InvitationView {
  return {
    ...presentCommon(row),
    companyId: row.companyId,
    companyName: row.companyName,
    phone: row.phone,
    access: row.access,
    openedAt: row.openedAt?.toISOString() ?? null,
  };
}

export function presentStaffInvitation(row: StaffInvitationListRow): StaffInvitationView {
  return { ...presentCommon(row), role: row.role!, specialties: row.specialties ?? [] };
}
