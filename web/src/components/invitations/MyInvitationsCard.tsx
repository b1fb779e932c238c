import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAcceptMyInvitation, useMyInvitations, type MyInvitation } from '../../api/invitations';
import { useSignedInMe } from '../../api/me';
import { useErrorMessage } from '../useErrorMessage';

/** Accepts a waiting invitation, then opens that company's home. */
export function useAcceptAndOpen() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const accept = useAcceptMyInvitation();
  const navigate = useNavigate();
  const message = useErrorMessage();
  const run = (invitation: MyInvitation) =>
    accept.mutate(
      { invitation, officeId: me.office.id },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            message: t('invitations.mine.accepted', { company: invitation.companyName }),
          });
          void navigate('/');
        },
        onError: (error) => notifications.show({ color: 'red', message: message(error) }),
      },
    );
  return { run, pendingId: accept.isPending ? accept.variables?.invitation.id : undefined, busy: accept.isPending };
}

/** The button that accepts one invitation: "Accept" on screen, the company in its name for screen readers and tests. */
export function AcceptButton({
  invitation,
  onAccept,
  loading,
  disabled,
  fullWidth = false,
}: {
  invitation: MyInvitation;
  onAccept: (i: MyInvitation) => void;
  loading: boolean;
  disabled: boolean;
  fullWidth?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Button
      size="md"
      fullWidth={fullWidth}
      loading={loading}
      disabled={disabled && !loading}
      onClick={() => onAccept(invitation)}
      aria-label={t('invitations.mine.acceptNamed', { company: invitation.companyName })}
    >
      {t('invitations.mine.accept')}
    </Button>
  );
}

/** On a home page: the invitations waiting for this person, one line each with Accept; nothing when there are none. */
export function MyInvitationsCard({ mb }: { mb?: string }) {
  const { t } = useTranslation();
  const mine = useMyInvitations();
  const { run, pendingId, busy } = useAcceptAndOpen();
  if (!mine.data || mine.data.length === 0) return null;

  return (
    <Card
      withBorder
      padding="lg"
      mb={mb}
      component="section"
      aria-labelledby="my-invitations-title"
      style={{ borderColor: 'var(--mantine-color-blue-4)' }}
    >
      <Title order={2} size="h4" id="my-invitations-title" mb="sm">
        {t('invitations.mine.title')}
      </Title>
      <Stack gap="sm">
        {mine.data.map((i) => (
          <Group key={i.id} justify="space-between" wrap="wrap" gap="xs">
            <Text fw={500} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {i.invitedByName
                ? t('invitations.mine.lineBy', { company: i.companyName, name: i.invitedByName })
                : i.companyName}
            </Text>
            <AcceptButton invitation={i} onAccept={run} loading={pendingId === i.id} disabled={busy} />
          </Group>
        ))}
        <Anchor
          component={Link}
          to="/invitations"
          size="sm"
          style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}
        >
          {t('invitations.mine.details')}
        </Anchor>
      </Stack>
    </Card>
  );
}
