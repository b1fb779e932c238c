import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMyInvitations } from '../../api/invitations';
import { AcceptButton, useAcceptAndOpen } from '../../components/invitations/MyInvitationsCard';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { AccessBadge } from '../../components/StatusBadge';
import { useFormat } from '../../lib/format';

/** "Invitations waiting for you": companies that asked this person to join them here, each with Accept. */
export default function MyInvitationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const mine = useMyInvitations();
  const { run, pendingId, busy } = useAcceptAndOpen();

  return (
    <Stack gap="md" maw={720}>
      <PageHeader title={t('invitations.mine.title')} />
      {mine.isPending ? (
        <Loading />
      ) : mine.error ? (
        <LoadError error={mine.error} onRetry={() => void mine.refetch()} />
      ) : mine.data.length === 0 ? (
        <Text c="dimmed">{t('invitations.mine.empty')}</Text>
      ) : (
        <>
          <Text>{t('invitations.mine.intro')}</Text>
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {mine.data.map((i) => (
              <Card key={i.id} withBorder padding="md" component="li">
                <Stack gap="xs">
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                    <Title
                      order={2}
                      size="h4"
                      id={`invitation-${i.id}`}
                      style={{ minWidth: 0, overflowWrap: 'anywhere' }}
                    >
                      {i.companyName}
                    </Title>
                    <AccessBadge access={i.access} />
                  </Group>
                  <Text size="sm" c="dimmed">
                    {i.access === 'full' ? t('access.fullHint') : t('access.limitedHint')}
                  </Text>
                  <Text size="sm">
                    {i.invitedByName && `${t('invitations.mine.invitedBy', { name: i.invitedByName })} · `}
                    {t('invitations.validUntil', { date: format.date(i.expiresAt) })}
                  </Text>
                  <Group justify="flex-end">
                    <AcceptButton invitation={i} onAccept={run} loading={pendingId === i.id} disabled={busy} />
                  </Group>
                </Stack>
              </Card>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
