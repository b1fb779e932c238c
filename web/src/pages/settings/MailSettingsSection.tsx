import {
  Alert,
  Button,
  Card,
  Grid,
  Group,
  NativeSelect,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  useMailSettings,
  useRemoveMailSettings,
  useSaveMailSettings,
  useTestMailSettings,
  type MailSettings,
  type MailSettingsInput,
  type SmtpSecurity,
} from '../../api/mailSettings';
import { useSignedInMe } from '../../api/me';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading, LoadError } from '../../components/Feedback';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormat } from '../../lib/format';
import { localError, useFormErrors } from '../../lib/forms';

/** The usual port of each security setting: choosing one moves a port that was the usual one of another. */
const USUAL_PORT: Record<SmtpSecurity, number> = { tls: 465, starttls: 587, none: 25 };

type Values = {
  host: string;
  port: string;
  security: SmtpSecurity;
  username: string;
  password: string;
  fromAddress: string;
  fromName: string;
};

const valuesOf = (s: MailSettings | null): Values => ({
  host: s?.host ?? '',
  port: String(s?.port ?? USUAL_PORT.starttls),
  security: s?.security ?? 'starttls',
  username: s?.username ?? '',
  password: '',
  fromAddress: s?.fromAddress ?? '',
  fromName: s?.fromName ?? '',
});

const inputOf = (v: Values): MailSettingsInput => ({
  host: v.host.trim(),
  port: Number(v.port),
  security: v.security,
  username: v.username.trim() || null,
  ...(v.password && { password: v.password }),
  fromAddress: v.fromAddress.trim(),
  fromName: v.fromName.trim() || null,
});

/** The office's own SMTP sender: its settings, removal (back to the default), and a test message. */
export function MailSettingsSection() {
  const state = useMailSettings();
  if (state.isPending) return <Loading />;
  if (state.error) return <LoadError error={state.error} onRetry={() => void state.refetch()} />;
  return (
    <MailSettingsForm
      key={state.data.settings?.updatedAt ?? 'none'}
      settings={state.data.settings}
      instanceSmtp={state.data.instanceSmtp}
    />
  );
}

function MailSettingsForm({ settings, instanceSmtp }: { settings: MailSettings | null; instanceSmtp: boolean }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const format = useFormat();
  const message = useErrorMessage();
  const save = useSaveMailSettings();
  const remove = useRemoveMailSettings();
  const test = useTestMailSettings();
  const form = useFormErrors('mail-settings');
  const [values, setValues] = useState<Values>(() => valuesOf(settings));
  const [to, setTo] = useState(me.user.email);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [testResult, setTestResult] = useState<{ ok: true; to: string } | { ok: false; error: unknown } | null>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const labels = {
    host: t('mailSettings.host'),
    port: t('mailSettings.port'),
    security: t('mailSettings.security'),
    username: t('mailSettings.username'),
    password: t('mailSettings.password'),
    fromAddress: t('mailSettings.fromAddress'),
    fromName: t('mailSettings.fromName'),
    to: t('mailSettings.testTo'),
  };

  const chooseSecurity = (security: SmtpSecurity) =>
    setValues((v) => ({
      ...v,
      security,
      port: Object.values(USUAL_PORT).includes(Number(v.port)) || !v.port ? String(USUAL_PORT[security]) : v.port,
    }));

  /** Checks made before sending, in the same shape as the server's. */
  const localCheck = (): ApiError | null => {
    const fields: Record<string, string> = {};
    if (!values.host.trim()) fields.host = t('validation.required');
    if (!/^\d+$/.test(values.port) || Number(values.port) < 1 || Number(values.port) > 65535)
      fields.port = t('validation.required');
    if (!values.fromAddress.trim()) fields.fromAddress = t('validation.required');
    return Object.keys(fields).length > 0 ? localError('', fields) : null;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = localCheck();
    if (problem) return form.setError(problem);
    form.clear();
    save.mutate(inputOf(values), {
      onSuccess: () => notifications.show({ color: 'green', message: t('common.saved') }),
      onError: form.setError,
    });
  };

  // The form's values when they differ from what is saved (a test before saving); else the saved settings, whose result is kept.
  const saved = valuesOf(settings);
  const edited =
    !settings ||
    values.password !== '' ||
    (Object.keys(saved) as (keyof Values)[]).some((key) => saved[key].trim() !== values[key].trim());

  const sendTest = () => {
    setTestResult(null);
    if (edited) {
      const problem = localCheck();
      if (problem) return form.setError(problem);
    }
    form.clear();
    test.mutate(
      { to: to.trim(), ...(edited && { settings: inputOf(values) }) },
      {
        onSuccess: (result) => setTestResult({ ok: true, to: result.to }),
        onError: (error) => {
          // Field errors of the form's values come back as `settings.<field>`: show them on the fields.
          if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
            const fields = Object.fromEntries(
              Object.entries(error.fields).map(([key, value]) => [key.replace(/^settings\./, ''), value]),
            );
            form.setError(new ApiError(error.status, error.code, error.message, fields));
          } else setTestResult({ ok: false, error });
        },
      },
    );
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="mail-settings-title" maw={720}>
      <Title order={2} size="h4" id="mail-settings-title" mb="xs">
        {t('mailSettings.title')}
      </Title>
      <Stack gap="sm">
        <Text size="sm">{t('mailSettings.intro')}</Text>
        <Text size="sm" c="dimmed">
          {instanceSmtp ? t('mailSettings.defaultInstance') : t('mailSettings.defaultOutbox')}
        </Text>
        {settings && (
          <Text size="sm" c={settings.verifiedAt ? undefined : 'dimmed'} fw={settings.verifiedAt ? 500 : undefined}>
            {settings.verifiedAt
              ? t('mailSettings.verifiedAt', { time: format.dateTime(settings.verifiedAt) })
              : t('mailSettings.neverVerified')}
          </Text>
        )}
        {settings?.lastError && (
          <Alert color="red" variant="light" p="xs">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {t('mailSettings.lastError', { error: settings.lastError })}
            </Text>
          </Alert>
        )}
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
            <Grid>
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label={labels.host}
                  placeholder={t('mailSettings.hostHint')}
                  required
                  autoComplete="off"
                  value={values.host}
                  onChange={(e) => set('host', e.currentTarget.value)}
                  {...form.field('host')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <NativeSelect
                  label={labels.security}
                  data={[
                    { value: 'tls', label: t('mailSettings.securityTls') },
                    { value: 'starttls', label: t('mailSettings.securityStarttls') },
                    { value: 'none', label: t('mailSettings.securityNone') },
                  ]}
                  value={values.security}
                  onChange={(e) => chooseSecurity(e.currentTarget.value as SmtpSecurity)}
                  {...form.field('security')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 2 }}>
                <TextInput
                  label={labels.port}
                  required
                  inputMode="numeric"
                  value={values.port}
                  onChange={(e) => set('port', e.currentTarget.value.replace(/\D/g, ''))}
                  {...form.field('port')}
                />
              </Grid.Col>
            </Grid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={labels.username}
                description={t('mailSettings.usernameHint')}
                autoComplete="off"
                value={values.username}
                onChange={(e) => set('username', e.currentTarget.value)}
                {...form.field('username')}
              />
              <PasswordInput
                label={labels.password}
                description={t('mailSettings.passwordHint')}
                placeholder={settings?.hasPassword ? t('mailSettings.passwordUnchanged') : undefined}
                autoComplete="new-password"
                value={values.password}
                onChange={(e) => set('password', e.currentTarget.value)}
                {...form.field('password')}
              />
              <TextInput
                label={labels.fromAddress}
                required
                type="email"
                value={values.fromAddress}
                onChange={(e) => set('fromAddress', e.currentTarget.value)}
                {...form.field('fromAddress')}
              />
              <TextInput
                label={labels.fromName}
                description={t('mailSettings.fromNameHint')}
                value={values.fromName}
                onChange={(e) => set('fromName', e.currentTarget.value)}
                {...form.field('fromName')}
              />
            </SimpleGrid>
            <Group justify="flex-end">
              {settings && (
                <Button variant="default" color="red" onClick={() => setConfirmRemove(true)}>
                  {t('mailSettings.remove')}
                </Button>
              )}
              <Button type="submit" loading={save.isPending}>
                {t('mailSettings.save')}
              </Button>
            </Group>
          </Stack>
        </form>
        <Title order={3} size="h5" mt="sm">
          {t('mailSettings.testTitle')}
        </Title>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={labels.to}
            description={t('mailSettings.testHint')}
            type="email"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            style={{ flex: '1 1 16rem' }}
            {...form.field('to')}
          />
          <Button variant="light" loading={test.isPending} disabled={!to.trim()} onClick={sendTest}>
            {t('mailSettings.testSend')}
          </Button>
        </Group>
        <div aria-live="polite">
          {testResult?.ok && (
            <Alert color="green" variant="light">
              {t('mailSettings.testSent', { to: testResult.to })}
            </Alert>
          )}
          {testResult && !testResult.ok && (
            <Alert color="red" variant="light" title={t('mailSettings.testFailed')} role="alert">
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {message(testResult.error)}
              </Text>
            </Alert>
          )}
        </div>
      </Stack>
      <ConfirmModal
        opened={confirmRemove}
        title={t('mailSettings.removeTitle')}
        confirmLabel={t('mailSettings.remove')}
        loading={remove.isPending}
        onClose={() => setConfirmRemove(false)}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setConfirmRemove(false);
              notifications.show({ color: 'green', message: t('mailSettings.removed') });
            },
            onError: (error) => {
              setConfirmRemove(false);
              form.setError(error);
            },
          })
        }
      >
        <Text size="sm">{t('mailSettings.removeBody')}</Text>
        <Text size="sm" c="dimmed">
          {instanceSmtp ? t('mailSettings.defaultInstance') : t('mailSettings.defaultOutbox')}
        </Text>
      </ConfirmModal>
    </Card>
  );
}
