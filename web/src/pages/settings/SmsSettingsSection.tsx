import {
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  PasswordInput,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SMS_SENDER_MAX } from '@bureau/common';
import { useSaveSmsSettings, useSendTestSms, useSmsSettings, type SmsProvider, type SmsSettings } from '../../api/sms';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading, LoadError } from '../../components/Feedback';
import { localError, useFormErrors } from '../../lib/forms';

/** The office's SMS provider account, and a test SMS to check it. */
export function SmsSettingsSection() {
  const { t } = useTranslation();
  const settings = useSmsSettings();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="sms-settings" maw={720}>
      <Title order={2} size="h4" id="sms-settings" mb="xs">
        {t('sms.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('sms.intro')}
      </Text>
      {settings.isPending ? (
        <Loading />
      ) : settings.error ? (
        <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Stack gap="xl">
          <SmsSettingsForm key={settings.data.updatedAt ?? 'new'} settings={settings.data} />
          {settings.data.configured && <TestSmsForm />}
        </Stack>
      )}
    </Card>
  );
}

type Values = {
  provider: SmsProvider;
  accountId: string;
  token: string;
  senderName: string;
  dailyCap: number | string;
  perNumberHourly: number | string;
  enabled: boolean;
};

function SmsSettingsForm({ settings }: { settings: SmsSettings }) {
  const { t } = useTranslation();
  const save = useSaveSmsSettings();
  const form = useFormErrors('sms');
  const [values, setValues] = useState<Values>({
    provider: settings.provider ?? 'smsapi',
    accountId: settings.accountId ?? '',
    token: '',
    senderName: settings.senderName,
    dailyCap: settings.dailyCap,
    perNumberHourly: settings.perNumberHourly,
    enabled: settings.configured ? settings.enabled : true,
  });
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const labels = {
    provider: t('sms.provider'),
    accountId: t('sms.accountId'),
    token: t('sms.token'),
    senderName: t('sms.senderName'),
    dailyCap: t('sms.dailyCap'),
    perNumberHourly: t('sms.perNumberHourly'),
    enabled: t('sms.enabled'),
  };
  // The stored token belongs to the stored provider: another provider needs its own.
  const keepsToken = settings.tokenSet && settings.provider === values.provider;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!values.senderName.trim()) missing.senderName = t('validation.required');
    if (values.provider === 'twilio' && !values.accountId.trim()) missing.accountId = t('validation.required');
    if (!keepsToken && !values.token.trim()) missing.token = t('validation.required');
    if (typeof values.dailyCap !== 'number') missing.dailyCap = t('validation.required');
    if (typeof values.perNumberHourly !== 'number') missing.perNumberHourly = t('validation.required');
    if (Object.keys(missing).length > 0) return form.setError(localError('', missing));
    form.clear();
    save.mutate(
      {
        provider: values.provider,
        accountId: values.provider === 'twilio' ? values.accountId.trim() : null,
        ...(values.token.trim() && { token: values.token.trim() }),
        senderName: values.senderName.trim(),
        dailyCap: Number(values.dailyCap),
        perNumberHourly: Number(values.perNumberHourly),
        enabled: values.enabled,
      },
      {
        onSuccess: () =>
          notifications.show({
            closeButtonProps: { 'aria-label': t('common.close') },
            color: 'green',
            message: t('sms.saved'),
          }),
        onError: form.setError,
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
        <Switch
          label={labels.enabled}
          checked={values.enabled}
          onChange={(e) => set('enabled', e.currentTarget.checked)}
          {...form.field('enabled')}
        />
        <NativeSelect
          label={labels.provider}
          data={[
            { value: 'smsapi', label: 'SMSAPI' },
            { value: 'twilio', label: 'Twilio' },
          ]}
          value={values.provider}
          onChange={(e) => set('provider', e.currentTarget.value as SmsProvider)}
          {...form.field('provider')}
        />
        {values.provider === 'twilio' && (
          <TextInput
            label={labels.accountId}
            required
            autoComplete="off"
            spellCheck={false}
            value={values.accountId}
            onChange={(e) => set('accountId', e.currentTarget.value)}
            {...form.field('accountId')}
          />
        )}
        <PasswordInput
          label={labels.token}
          required={!keepsToken}
          description={keepsToken ? `${t('sms.tokenHint')} ${t('sms.tokenKeep')}` : t('sms.tokenHint')}
          autoComplete="new-password"
          value={values.token}
          onChange={(e) => set('token', e.currentTarget.value)}
          {...form.field('token')}
        />
        <TextInput
          label={labels.senderName}
          description={t('sms.senderNameHint')}
          required
          maxLength={SMS_SENDER_MAX}
          value={values.senderName}
          onChange={(e) => set('senderName', e.currentTarget.value)}
          {...form.field('senderName')}
        />
        <Group grow align="flex-start">
          <NumberInput
            label={labels.dailyCap}
            description={t('sms.dailyCapHint')}
            required
            min={1}
            max={100000}
            allowDecimal={false}
            value={values.dailyCap}
            onChange={(v) => set('dailyCap', v)}
            {...form.field('dailyCap')}
          />
          <NumberInput
            label={labels.perNumberHourly}
            required
            min={1}
            max={100}
            allowDecimal={false}
            value={values.perNumberHourly}
            onChange={(v) => set('perNumberHourly', v)}
            {...form.field('perNumberHourly')}
          />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.saveChanges')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TestSmsForm() {
  const { t } = useTranslation();
  const send = useSendTestSms();
  const form = useFormErrors('sms-test');
  const [to, setTo] = useState('');
  const labels = { to: t('sms.test.to') };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!to.trim()) return form.setError(localError('', { to: t('validation.required') }));
    form.clear();
    send.mutate(to.trim(), {
      onSuccess: () =>
        notifications.show({
          closeButtonProps: { 'aria-label': t('common.close') },
          color: 'green',
          message: t('sms.test.queued'),
        }),
      onError: form.setError,
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="sms-test-title">
      <Title order={3} size="h5" id="sms-test-title" mb="xs">
        {t('sms.test.title')}
      </Title>
      <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
      <Group align="flex-end">
        <TextInput
          label={labels.to}
          type="tel"
          autoComplete="tel"
          required
          style={{ flex: 1 }}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          {...form.field('to')}
        />
        <Button type="submit" variant="light" loading={send.isPending}>
          {t('sms.test.send')}
        </Button>
      </Group>
    </form>
  );
}
