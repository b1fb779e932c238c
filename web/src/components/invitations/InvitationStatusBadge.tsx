import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InvitationStatus } from '../../api/invitations';

const colors: Record<InvitationStatus, string> = {
  sent: 'blue',
  opened: 'violet',
  accepted: 'green',
  expired: 'orange',
  revoked: 'gray',
};

/** Where an invitation stands, in one word and one colour, the same in every list. */
export function InvitationStatusBadge({ status }: { status: InvitationStatus }) {
  const { t } = useTranslation();
  // Literal keys: a `invitations.status.${status}` key makes i18next's types expand all of web.json.
  const label = {
    sent: t('invitations.status.sent'),
    opened: t('invitations.status.opened'),
    accepted: t('invitations.status.accepted'),
    expired: t('invitations.status.expired'),
    revoked: t('invitations.status.revoked'),
  }[status];
  return (
    <Badge color={colors[status]} variant="light" radius="sm">
      {label}
    </Badge>
  );
}
