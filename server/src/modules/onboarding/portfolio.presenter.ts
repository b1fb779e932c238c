// The only serializer of the portfolio's rows' invitations.
import type { InvitationStatus } from '@bureau/common';
import { invitationStatus } from './invitation.presenter.js';
import type { PortfolioRow } from './portfolio.repository.js';

/** A portfolio company's latest invitation. */
export function presentLatest(r: PortfolioRow): {
  id: string;
  email: string;
  status: InvitationStatus;
  expiresAt: string;
  lastSentAt: string;
} {
  const date = (v: string | null) => (v ? new Date(v) : null);
  const expiresAt = new Date(r.inv_expires_at!);
  return {
    id: r.inv_id!,
    email: r.inv_email!,
    status: invitationStatus({
      revokedAt: date(r.inv_revoked_at),
      acceptedAt: date(r.inv_accepted_at),
      expiresAt,
      openedAt: date(r.inv_opened_at),
    }),
    expiresAt: expiresAt.toISOString(),
    lastSentAt: new Date(r.inv_last_sent_at!).toISOString(),
  };
}
