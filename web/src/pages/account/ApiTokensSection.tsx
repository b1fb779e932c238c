import {
  Alert,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '../../api/account';
import type { ApiToken } from '@bureau/common';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading, LoadError } from '../../components/Feedback';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormat } from '../../lib/format';
import { localError, useFormErrors } from '../../lib/forms';
import { ConfirmModal } from '../../components/ConfirmModal';

/** Personal API tokens for integrations: created here, shown once, revocable. */
export function ApiTokensSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const tokens = useApiTokens();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="tokens-title">
      <Title order={2} size="h4" id="tokens-title" mb={4}>
        {t('tokens.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('tokens.intro')}
      </Text>
      {created && (
        <Alert
          color="green"
          variant="light"
          title={t('tokens.createdTitle', { name: created.name })}
          mb="md"
          role="status"
          withCloseButton
          onClose={() => setCreated(null)}
          closeButtonLabel={t('common.close')}
        >
          <Text size="sm" mb="xs">
            {t('tokens.createdText')}
          </Text>
          <Group gap="xs" wrap="nowrap" align="center">
            <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', flex: 1 }}>
              {created.token}
            </Code>
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Button size="xs" color={copied ? 'green' : undefined} onClick={copy}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      {tokens.isPending ? (
        <Loading />
      ) : tokens.error ? (
        <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <Text size="sm" mb="sm">
          {t('tokens.empty')}
        </Text>
      ) : (
        <Stack gap={0} component="ul" p={0} m={0} mb="md" style={{ listStyle: 'none' }}>
          {tokens.data.map((token) => (
            <Group
              key={token.id}
              component="li"
              justify="space-between"
              py="sm"
              gap="sm"
              style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
            >
              <div style={{ minWidth: 0 }}>
                <Text fw={500}>
                  {token.name} <Code>{token.prefix}…</Code>
                </Text>
                <Text size="sm" c="dimmed">
                  {[
                    t('tokens.created', { date: format.date(token.createdAt) }),
                    token.lastUsedAt
                      ? t('tokens.lastUsed', { date: format.dateTime(token.lastUsedAt) })
                      : t('tokens.neverUsed'),
                    token.expiresAt
                      ? t('tokens.expires', { date: format.date(token.expiresAt) })
                      : t('tokens.noExpiry'),
                  ].join(' · ')}
                </Text>
              </div>
              <Button
                variant="subtle"
                color="red"
                size="xs"
                onClick={() => setRevoking(token)}
                aria-label={t('tokens.revokeNamed', { name: token.name })}
              >
                {t('tokens.revoke')}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      <CreateTokenForm onCreated={setCreated} />
      <RevokeModal token={revoking} onClose={() => setRevoking(null)} />
    </Card>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (c: { name: string; token: string }) => void }) {
  const { t } = useTranslation();
  const create = useCreateApiToken();
  const form = useFormErrors('token');
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const labels = { name: t('tokens.name'), expiresInDays: t('tokens.expiry') };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return form.setError(localError('', { name: t('validation.required') }));
    form.clear();
    create.mutate(
      { name: name.trim(), ...(days ? { expiresInDays: Number(days) } : {}) },
      {
        onSuccess: (result) => {
          setName('');
          onCreated({ name: result.name, token: result.token });
        },
        onError: form.setError,
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('tokens.create')}
        </Title>
        <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
        <Group align="flex-end" gap="sm">
          <TextInput
            label={labels.name}
            description={t('tokens.nameHint')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            style={{ flex: '1 1 220px' }}
            {...form.field('name')}
          />
          <NativeSelect
            label={labels.expiresInDays}
            value={days}
            onChange={(e) => setDays(e.currentTarget.value)}
            data={[
              { value: '30', label: t('tokens.days', { count: 30 }) },
              { value: '90', label: t('tokens.days', { count: 90 }) },
              { value: '365', label: t('tokens.days', { count: 365 }) },
              { value: '', label: t('tokens.never') },
            ]}
            style={{ flex: '0 1 180px' }}
            {...form.field('expiresInDays')}
          />
          <Button type="submit" loading={create.isPending}>
            {t('tokens.createSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RevokeModal({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeApiToken();
  const message = useErrorMessage();
  const confirm = () =>
    token &&
    revoke.mutate(token.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('tokens.revoked', { name: token.name }) });
        onClose();
      },
      onError: (error) => notifications.show({ color: 'red', message: message(error) }),
    });
  return (
    <ConfirmModal
      opened={token !== null}
      title={t('tokens.revokeTitle')}
      confirmLabel={t('tokens.revoke')}
      loading={revoke.isPending}
      onConfirm={confirm}
      onClose={onClose}
    >
      {token && <Text>{t('tokens.revokeText', { name: token.name })}</Text>}
    </ConfirmModal>
  );
}
