import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { StaffInvitationView } from '@bureau/common';
import { useStaffInvitationAction, useStaffInvitations } from '../../api/office';
import { Loading, LoadError } from '../../components/Feedback';
import { InvitationStatusBadge } from '../../components/invitations/InvitationStatusBadge';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormat } from '../../lib/format';

const waiting = (i: StaffInvitationView) => i.status === 'sent' || i.status === 'opened' || i.status === 'expired';

/** People invited to the team who have not joined yet: where each invitation stands, send again, withdraw. */
export function StaffInvitationsCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const errorMessage = useErrorMessage();
  const invitations = useStaffInvitations();
  const action = useStaffInvitationAction();
  const open = invitations.data?.filter(waiting) ?? [];

  const run = (invitation: StaffInvitationView, kind: 'resend' | 'revoke') =>
    action.mutate(
      { id: invitation.id, action: kind },
      {
        onSuccess: () =>
          notifications.show({
            color: 'green',
            message:
              kind === 'resend'
                ? t('staff.resent', { email: invitation.email })
                : t('staff.revoked', { email: invitation.email }),
          }),
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
      },
    );

  return (
    <Card withBorder padding="md" mt="md" component="section" aria-labelledby="staff-invitations-title">
      <Title order={2} size="h4" id="staff-invitations-title" mb="xs">
        {t('staff.invitationsTitle')}
      </Title>
      {invitations.isPending ? (
        <Loading />
      ) : invitations.error ? (
        <LoadError error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : open.length === 0 ? (
        <Text c="dimmed">{t('staff.invitationsEmpty')}</Text>
      ) : (
        <Stack gap="sm">
          {open.map((i) => (
            <Group key={i.id} justify="space-between" wrap="wrap" gap="xs">
              <div>
                <Text fw={500}>
                  {i.name} · {t(`role.${i.role}`)}
                </Text>
                <Text size="sm" c="dimmed">
                  {i.email} · {t('invitations.validUntil', { date: format.dateTime(i.expiresAt) })}
                </Text>
              </div>
              <Group gap="xs">
                <InvitationStatusBadge status={i.status} />
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => run(i, 'resend')}
                  aria-label={`${t('staff.resend')}: ${i.email}`}
                >
                  {t('staff.resend')}
                </Button>
                {i.status !== 'expired' && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => run(i, 'revoke')}
                    aria-label={`${t('staff.revoke')}: ${i.email}`}
                  >
                    {t('staff.revoke')}
                  </Button>
                )}
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
