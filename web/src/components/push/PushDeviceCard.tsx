// "Notifications on this device": whether this browser gets Web Push from Bureau, with the buttons to
// turn it on (permission, service worker, subscription sent to the server) or off, and a test.
// A card of its own so that it can move to a notification preferences page.
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Group, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  fetchPushKey,
  pushKeys,
  removePushSubscription,
  savePushSubscription,
  usePushDevices,
  useSendTestPush,
} from '../../api/push';
import { currentSubscription, pushSupport, subscribe } from '../../lib/push';
import { Loading } from '../Feedback';
import { useErrorMessage } from '../useErrorMessage';

type DeviceState = 'loading' | 'unsupported' | 'insecure' | 'blocked' | 'off' | 'on';

export function PushDeviceCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const message = useErrorMessage();
  const devices = usePushDevices();
  const sendTest = useSendTestPush();
  const support = pushSupport();
  const [permission, setPermission] = useState<NotificationPermission>(() =>
    support === 'supported' ? Notification.permission : 'default',
  );
  /** This browser's subscription endpoint: undefined until known, null when it has none. */
  const [endpoint, setEndpoint] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (support !== 'supported') return;
    let live = true;
    currentSubscription()
      .then((s) => live && setEndpoint(s?.endpoint ?? null))
      .catch(() => live && setEndpoint(null));
    return () => {
      live = false;
    };
  }, [support]);

  const known = !!endpoint && !!devices.data?.some((d) => d.endpoint === endpoint);
  const state: DeviceState =
    support !== 'supported'
      ? support
      : permission === 'denied'
        ? 'blocked'
        : endpoint === undefined || devices.isPending
          ? 'loading'
          : known && permission === 'granted'
            ? 'on'
            : 'off';
  const others = (devices.data ?? []).filter((d) => d.endpoint !== endpoint).length;
  const refresh = () => queryClient.invalidateQueries({ queryKey: pushKeys.devices });
  const failed = (error: unknown) =>
    notifications.show({ color: 'red', message: error instanceof ApiError ? message(error) : t('push.failed') });

  async function enable() {
    setBusy(true);
    try {
      const answer = await Notification.requestPermission();
      setPermission(answer);
      if (answer !== 'granted') {
        notifications.show({ color: 'red', message: t(answer === 'denied' ? 'push.blocked' : 'push.denied') });
        return;
      }
      const subscription = await subscribe(await fetchPushKey());
      await savePushSubscription(subscription.toJSON());
      setEndpoint(subscription.endpoint);
      await refresh();
      notifications.show({ color: 'green', message: t('push.enabled') });
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  async function disable() {
    setBusy(true);
    try {
      const subscription = await currentSubscription();
      if (subscription) {
        // The server first: a browser unsubscribed but still listed would only collect failed deliveries.
        await removePushSubscription(subscription.endpoint);
        await subscription.unsubscribe();
      }
      setEndpoint(null);
      await refresh();
      notifications.show({ color: 'green', message: t('push.disabled') });
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  const test = () =>
    sendTest.mutate(undefined, {
      onSuccess: ({ devices: count }) =>
        notifications.show({
          color: count ? 'green' : 'yellow',
          message: count ? t('push.testSent', { devices: count }) : t('push.noDevices'),
        }),
      onError: failed,
    });

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="push-device-title">
      <Group justify="space-between" align="flex-start" mb={4}>
        <Title order={2} size="h4" id="push-device-title">
          {t('push.title')}
        </Title>
        {(state === 'on' || state === 'off' || state === 'blocked') && (
          <Badge
            color={state === 'on' ? 'green' : state === 'blocked' ? 'red' : 'gray'}
            variant="light"
            radius="sm"
            tt="none"
            aria-label={`${t('push.stateLabel')}: ${t(`push.${state === 'blocked' ? 'off' : state}`)}`}
          >
            {t(`push.${state === 'blocked' ? 'off' : state}`)}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('push.intro')}
      </Text>
      {state === 'loading' ? (
        <Loading />
      ) : state === 'unsupported' || state === 'insecure' || state === 'blocked' ? (
        <Alert color={state === 'blocked' ? 'red' : 'gray'} variant="light">
          {t(`push.${state}`)}
        </Alert>
      ) : (
        <Group gap="sm">
          {state === 'on' ? (
            <>
              <Button variant="default" loading={busy} onClick={() => void disable()}>
                {t('push.disable')}
              </Button>
              <Button variant="light" loading={sendTest.isPending} onClick={test}>
                {t('push.test')}
              </Button>
            </>
          ) : (
            <>
              <Button loading={busy} onClick={() => void enable()}>
                {t('push.enable')}
              </Button>
              {others > 0 && (
                <Button variant="light" loading={sendTest.isPending} onClick={test}>
                  {t('push.test')}
                </Button>
              )}
            </>
          )}
        </Group>
      )}
      {others > 0 && (
        <Text size="sm" c="dimmed" mt="sm">
          {t('push.otherDevices', { devices: others })}
        </Text>
      )}
    </Card>
  );
}
