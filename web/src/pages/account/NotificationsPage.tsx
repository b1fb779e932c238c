import { Anchor, Card, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedInMe } from '../../api/me';
import { usePreferences, useSetPreference } from '../../api/notifications';
import { Loading, LoadError } from '../../components/Feedback';
import { PreferencesTable } from '../../components/notifications/PreferencesTable';
import { PageHeader } from '../../components/PageHeader';
import { PushDeviceCard } from '../../components/push/PushDeviceCard';
import { useErrorMessage } from '../../components/useErrorMessage';

/** How the person hears of each kind of event: the page every notification e-mail links to. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const preferences = usePreferences();
  const save = useSetPreference();
  const errorMessage = useErrorMessage();
  const hasPhone = Boolean(me.user.phone);

  return (
    <>
      <PageHeader title={t('notifications.prefs.title')} />
      <Stack gap="md" maw={860}>
        <Text c="dimmed">{t('notifications.prefs.intro')}</Text>
        <Card withBorder padding="md" component="section" aria-labelledby="prefs-title">
          <Title order={2} size="h4" id="prefs-title" mb="xs">
            {t('notifications.prefs.tableTitle')}
          </Title>
          {!hasPhone && (
            <Text size="sm" c="dimmed" mb="xs">
              {t('notifications.prefs.smsNeedsPhone')}{' '}
              <Anchor component={Link} to="/account" underline="always">
                {t('notifications.prefs.addPhone')}
              </Anchor>
            </Text>
          )}
          {preferences.isPending ? (
            <Loading />
          ) : preferences.error ? (
            <LoadError error={preferences.error} onRetry={() => void preferences.refetch()} />
          ) : (
            <Paper style={{ overflowX: 'auto' }}>
              <PreferencesTable
                items={preferences.data.items}
                criticalKinds={preferences.data.criticalKinds}
                smsAvailable={hasPhone}
                onChange={(kind, preference) =>
                  save.mutate(
                    { kind, preference },
                    {
                      onError: (error) =>
                        notifications.show({
                          closeButtonProps: { 'aria-label': t('common.close') },
                          color: 'red',
                          message: errorMessage(error),
                        }),
                    },
                  )
                }
              />
            </Paper>
          )}
          <Text size="xs" c="dimmed" mt="xs">
            {t('notifications.prefs.emailExplained')}
          </Text>
        </Card>
        <PushDeviceCard />
      </Stack>
    </>
  );
}
