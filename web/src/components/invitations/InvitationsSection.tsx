import { Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useCompanyInvitations,
  useResendInvitation,
  useRevokeInvitation,
  type InvitationView,
} from '../../api/invitations';
import { useFormat } from '../../lib/format';
import { ConfirmModal } from '../ConfirmModal';
import { Loading, LoadError } from '../Feedback';
import { AccessBadge } from '../StatusBadge';
import { useErrorMessage } from '../useErrorMessage';
import { InvitationStatusBadge } from './InvitationStatusBadge';

const canResend = (i: InvitationView) => i.status === 'sent' || i.status === 'opened' || i.status === 'expired';
const canRevoke = (i: InvitationView) => i.status === 'sent' || i.status === 'opened';

/** A company's invitations: who was invited, with what access, where each stands; resend and revoke. */
export function InvitationsSection({
  companyId,
  canManage,
  action,
}: {
  companyId: string;
  canManage: boolean;
  action?: ReactNode;
}) {
  const { t } = useTranslation();
  const invitations = useCompanyInvitations(companyId);
  const phone = useMediaQuery('(max-width: 48em)');
  const [revoking, setRevoking] = useState<InvitationView | null>(null);

  return (
    <Card withBorder padding={0} component="section" aria-labelledby="invitations-title">
      <Group justify="space-between" p="md" pb="xs" gap="sm">
        <Title order={2} size="h4" id="invitations-title">
          {t('invitations.listTitle')}
        </Title>
        {action}
      </Group>
      {invitations.isPending ? (
        <Loading />
      ) : invitations.error ? (
        <LoadError error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : invitations.data.length === 0 ? (
        <Text p="md" pt={0} c="dimmed">
          {t('invitations.empty')}
        </Text>
      ) : phone ? (
        <Stack gap={0}>
          {invitations.data.map((i) => (
            <InvitationRow key={i.id} invitation={i} canManage={canManage} onRevoke={setRevoking} stacked />
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('invitations.col.person')}</Table.Th>
                <Table.Th>{t('invitations.col.access')}</Table.Th>
                <Table.Th>{t('invitations.col.status')}</Table.Th>
                <Table.Th>{t('invitations.col.sent')}</Table.Th>
                <Table.Th>{t('invitations.col.expires')}</Table.Th>
                <Table.Th>{t('invitations.col.sendCount')}</Table.Th>
                {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.data.map((i) => (
                <InvitationRow key={i.id} invitation={i} canManage={canManage} onRevoke={setRevoking} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RevokeModal invitation={revoking} onClose={() => setRevoking(null)} />
    </Card>
  );
}

function InvitationRow({
  invitation: i,
  canManage,
  onRevoke,
  stacked = false,
}: {
  invitation: InvitationView;
  canManage: boolean;
  onRevoke: (i: InvitationView) => void;
  stacked?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const resend = useResendInvitation();
  const message = useErrorMessage();
  // An accepted or revoked invitation has no expiry left to show.
  const expires = i.status === 'accepted' || i.status === 'revoked' ? '—' : format.date(i.expiresAt);
  const sendAgain = () =>
    resend.mutate(i.id, {
      onSuccess: (again) =>
        notifications.show({ color: 'green', message: t('invitations.resent', { email: again.email }) }),
      onError: (error) => notifications.show({ color: 'red', message: message(error) }),
    });
  const actions = canManage && (canResend(i) || canRevoke(i)) && (
    <Group gap="xs" wrap="nowrap">
      {canResend(i) && (
        <Button
          variant="default"
          size={stacked ? 'sm' : 'xs'}
          mih={stacked ? 44 : undefined}
          loading={resend.isPending}
          onClick={sendAgain}
          aria-label={t('invitations.resendNamed', { email: i.email })}
        >
          {t('invitations.resend')}
        </Button>
      )}
      {canRevoke(i) && (
        <Button
          variant="subtle"
          color="red"
          size={stacked ? 'sm' : 'xs'}
          mih={stacked ? 44 : undefined}
          onClick={() => onRevoke(i)}
          aria-label={t('invitations.revokeNamed', { email: i.email })}
        >
          {t('invitations.revoke')}
        </Button>
      )}
    </Group>
  );
  const who = (
    <>
      <Text fw={500}>{i.name}</Text>
      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {i.email}
        {i.phone ? ` · ${i.phone}` : ''}
      </Text>
    </>
  );

  if (stacked) {
    return (
      <Stack gap={6} p="md" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }} data-testid="invitation">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div style={{ minWidth: 0 }}>{who}</div>
          {/* The name and e-mail wrap; the badge keeps its whole word. */}
          <div style={{ flexShrink: 0 }}>
            <InvitationStatusBadge status={i.status} />
          </div>
        </Group>
        <Group gap="xs">
          <AccessBadge access={i.access} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('invitations.sentOn', { date: format.date(i.lastSentAt) })} ·{' '}
          {t('invitations.sendCount', { times: format.number(i.sendCount) })}
          {expires !== '—' && ` · ${t('invitations.expiresOn', { date: expires })}`}
        </Text>
        {actions}
      </Stack>
    );
  }
  return (
    <Table.Tr data-testid="invitation">
      <Table.Td>{who}</Table.Td>
      {/* Badges and dates keep their width: a narrow column would cut "Accepted" to "Accep…". */}
      <Table.Td>
        <div style={{ width: 'max-content' }}>
          <AccessBadge access={i.access} />
        </div>
      </Table.Td>
      <Table.Td>
        <div style={{ width: 'max-content' }}>
          <InvitationStatusBadge status={i.status} />
        </div>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(i.lastSentAt)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{expires}</Table.Td>
      <Table.Td>{format.number(i.sendCount)}</Table.Td>
      {canManage && <Table.Td>{actions}</Table.Td>}
    </Table.Tr>
  );
}

function RevokeModal({ invitation, onClose }: { invitation: InvitationView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeInvitation();
  const message = useErrorMessage();
  const confirm = () =>
    invitation &&
    revoke.mutate(invitation.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('invitations.revoked', { email: invitation.email }) });
        onClose();
      },
      onError: (error) => notifications.show({ color: 'red', message: message(error) }),
    });
  return (
    <ConfirmModal
      opened={invitation !== null}
      title={t('invitations.revokeTitle')}
      confirmLabel={t('invitations.revokeConfirm')}
      loading={revoke.isPending}
      onConfirm={confirm}
      onClose={onClose}
    >
      {invitation && (
        <Text>
          {t('invitations.revokeText', {
            name: invitation.name,
            email: invitation.email,
            company: invitation.companyName,
          })}
        </Text>
      )}
    </ConfirmModal>
  );
}
