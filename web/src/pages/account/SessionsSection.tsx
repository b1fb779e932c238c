import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useEndSession, useSessions } from '../../api/account';
import type { Session } from '@bureau/common';
import { Loading, LoadError } from '../../components/Feedback';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormat } from '../../lib/format';
import { describeUserAgent } from '../../lib/userAgent';

/** Where I am signed in, with a way to sign out any other device. */
export function SessionsSection() {
  const { t } = useTranslation();
  const sessions = useSessions();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="sessions-title">
      <Title order={2} size="h4" id="sessions-title" mb={4}>
        {t('sessions.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('sessions.intro')}
      </Text>
      {sessions.isPending ? (
        <Loading />
      ) : sessions.error ? (
        <LoadError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {sessions.data.map((s) => (
            <SessionRow key={s.id} session={s} />
          ))}
        </Stack>
      )}
    </Card>
  );
}

function SessionRow({ session }: { session: Session }) {
  const { t } = useTranslation();
  const format = useFormat();
  const end = useEndSession();
  const message = useErrorMessage();
  const { browser, system } = describeUserAgent(session.userAgent);
  const device =
    browser && system ? t('sessions.device', { browser, system }) : (browser ?? system ?? t('sessions.unknownDevice'));

  return (
    <Group
      component="li"
      justify="space-between"
      py="sm"
      gap="sm"
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
    >
      <div style={{ minWidth: 0 }}>
        <Group gap="xs">
          <Text fw={500}>{device}</Text>
          {session.current && (
            <Badge color="green" variant="light" radius="sm" tt="none">
              {t('sessions.current')}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {[
            session.ip,
            t('sessions.signedIn', { date: format.dateTime(session.createdAt) }),
            session.lastSeenAt && t('sessions.lastSeen', { date: format.dateTime(session.lastSeenAt) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </div>
      {!session.current && (
        <Button
          variant="subtle"
          color="red"
          size="xs"
          loading={end.isPending}
          onClick={() =>
            end.mutate(session.id, {
              onSuccess: () => notifications.show({ color: 'green', message: t('sessions.ended') }),
              onError: (error) => notifications.show({ color: 'red', message: message(error) }),
            })
          }
        >
          {t('sessions.end')}
        </Button>
      )}
    </Group>
  );
}
