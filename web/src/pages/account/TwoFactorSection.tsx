import { Badge, Button, Card, Code, CopyButton, Group, Image, List, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDisableTotp, useEnableTotp, useStartTotpSetup, type TotpSetup } from '../../api/account';
import { useSignedInMe } from '../../api/me';
import { CodeInput } from '../../components/CodeInput';
import { ErrorSummary } from '../../components/ErrorSummary';
import { localError, useFormErrors } from '../../lib/forms';

/** Two-factor authentication with an authenticator app (TOTP). */
export function TwoFactorSection() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const enabled = me.user.totpEnabled;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="totp-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="totp-title">
          {t('twoFactor.title')}
        </Title>
        <Badge color={enabled ? 'green' : 'gray'} variant="light" radius="sm" tt="none">
          {enabled ? t('twoFactor.on') : t('twoFactor.off')}
        </Badge>
      </Group>
      {enabled ? <DisableForm /> : <EnableFlow />}
    </Card>
  );
}

function EnableFlow() {
  const { t } = useTranslation();
  const start = useStartTotpSetup();
  const enable = useEnableTotp();
  const form = useFormErrors('totp-enable');
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');

  if (!setup) {
    return (
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('twoFactor.intro')}</Text>
        <ErrorSummary error={form.error} formId={form.formId} />
        <Button
          loading={start.isPending}
          onClick={() => start.mutate(undefined, { onSuccess: setSetup, onError: form.setError })}
        >
          {t('twoFactor.setUp')}
        </Button>
      </Stack>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.length !== 6) return form.setError(localError('', { code: t('validation.code') }));
    form.clear();
    enable.mutate(code, {
      onSuccess: () => notifications.show({ color: 'green', message: t('twoFactor.enabled') }),
      onError: form.setError,
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorSummary error={form.error} formId={form.formId} labels={{ code: t('twoFactor.code') }} />
        <List type="ordered" size="sm" spacing={6}>
          <List.Item>{t('twoFactor.step1')}</List.Item>
          <List.Item>{t('twoFactor.step2')}</List.Item>
          <List.Item>{t('twoFactor.step3')}</List.Item>
        </List>
        <Group align="flex-start" gap="lg">
          <Image
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`}
            alt={t('twoFactor.qrAlt')}
            w={200}
            h={200}
            fit="contain"
            bg="white"
            p={4}
            style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
          />
          <Stack gap={6} style={{ flex: 1, minWidth: 200 }}>
            <Text size="sm" fw={500}>
              {t('twoFactor.secret')}
            </Text>
            <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
              {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
            </Code>
            <CopyButton value={setup.secret}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy} style={{ alignSelf: 'flex-start' }}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Stack>
        </Group>
        <CodeInput
          label={t('twoFactor.code')}
          required
          value={code}
          onChange={setCode}
          maw={220}
          {...form.field('code')}
        />
        <Group gap="sm">
          <Button type="submit" loading={enable.isPending}>
            {t('twoFactor.enable')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setSetup(null);
              setCode('');
              form.clear();
            }}
          >
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DisableForm() {
  const { t } = useTranslation();
  const disable = useDisableTotp();
  const form = useFormErrors('totp-disable');
  const [code, setCode] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.length !== 6) return form.setError(localError('', { code: t('validation.code') }));
    form.clear();
    disable.mutate(code, {
      onSuccess: () => {
        setCode('');
        notifications.show({ color: 'green', message: t('twoFactor.disabled') });
      },
      onError: form.setError,
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('twoFactor.onText')}</Text>
        <ErrorSummary error={form.error} formId={form.formId} labels={{ code: t('twoFactor.code') }} />
        <CodeInput
          label={t('twoFactor.codeToDisable')}
          required
          value={code}
          onChange={setCode}
          maw={220}
          {...form.field('code')}
        />
        <Button
          type="submit"
          variant="outline"
          color="red"
          loading={disable.isPending}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('twoFactor.disable')}
        </Button>
      </Stack>
    </form>
  );
}
