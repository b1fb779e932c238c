import { Button, Card, Group, NativeSelect, Stack, Switch, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOffice, useUpdateOffice, type OfficePatch } from '../../api/office';
import type { Locale, Office } from '@bureau/common';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { localError, useFormErrors } from '../../lib/forms';
import { languageOptions } from '../../lib/options';
import { MailSettingsSection } from './MailSettingsSection';
import { NotificationDefaultsSection } from './NotificationDefaultsSection';
import { SmsLogSection } from './SmsLogSection';
import { SmsSettingsSection } from './SmsSettingsSection';

export default function OfficeSettingsPage() {
  const { t } = useTranslation();
  const office = useOffice();
  return (
    <>
      <PageHeader title={t('office.title')} />
      {office.isPending ? (
        <Loading />
      ) : office.error ? (
        <LoadError error={office.error} onRetry={() => void office.refetch()} />
      ) : (
        <Stack gap="xl">
          <OfficeForm key={office.data.id} office={office.data} />
          <MailSettingsSection />
          <NotificationDefaultsSection office={office.data} />
          <SmsSettingsSection />
          <SmsLogSection />
        </Stack>
      )}
    </>
  );
}

/** The general settings this form edits (the rest of the office's settings have their own sections). */
type Values = Required<
  Pick<
    OfficePatch,
    'name' | 'defaultLocale' | 'restrictEmployees' | 'allowClientPasswordless' | 'requireStaffTwoFactor'
  >
>;

function OfficeForm({ office }: { office: Office }) {
  const { t } = useTranslation();
  const update = useUpdateOffice();
  const form = useFormErrors('office');
  const [values, setValues] = useState<Values>({
    name: office.name,
    defaultLocale: office.defaultLocale,
    restrictEmployees: office.restrictEmployees,
    allowClientPasswordless: office.allowClientPasswordless,
    requireStaffTwoFactor: office.requireStaffTwoFactor,
  });
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const labels = {
    name: t('office.name'),
    defaultLocale: t('office.defaultLocale'),
    restrictEmployees: t('office.restrictEmployees'),
    allowClientPasswordless: t('office.allowClientPasswordless'),
    requireStaffTwoFactor: t('office.requireStaffTwoFactor'),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!values.name.trim()) return form.setError(localError('', { name: t('validation.required') }));
    form.clear();
    // Only what changed, so two admins editing different settings do not undo each other.
    const changes = Object.fromEntries(
      Object.entries({ ...values, name: values.name.trim() }).filter(
        ([key, value]) => office[key as keyof Office] !== value,
      ),
    ) as OfficePatch;
    if (Object.keys(changes).length === 0) {
      notifications.show({ message: t('common.noChanges') });
      return;
    }
    update.mutate(changes, {
      onSuccess: () => notifications.show({ color: 'green', message: t('common.saved') }),
      onError: form.setError,
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={720}>
        <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
        <Card withBorder padding="md" component="section" aria-labelledby="office-general">
          <Title order={2} size="h4" id="office-general" mb="sm">
            {t('office.general')}
          </Title>
          <Stack gap="sm">
            <TextInput
              label={labels.name}
              required
              value={values.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              {...form.field('name')}
            />
            <NativeSelect
              label={labels.defaultLocale}
              description={t('office.defaultLocaleHint')}
              data={languageOptions()}
              value={values.defaultLocale}
              onChange={(e) => set('defaultLocale', e.currentTarget.value as Locale)}
              {...form.field('defaultLocale')}
            />
          </Stack>
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="office-security">
          <Title order={2} size="h4" id="office-security" mb="sm">
            {t('office.access')}
          </Title>
          <Stack gap="lg">
            <Switch
              label={labels.restrictEmployees}
              description={t('office.restrictEmployeesHint')}
              checked={values.restrictEmployees}
              onChange={(e) => set('restrictEmployees', e.currentTarget.checked)}
              {...form.field('restrictEmployees')}
            />
            <Switch
              label={labels.allowClientPasswordless}
              description={t('office.allowClientPasswordlessHint')}
              checked={values.allowClientPasswordless}
              onChange={(e) => set('allowClientPasswordless', e.currentTarget.checked)}
              {...form.field('allowClientPasswordless')}
            />
            <Switch
              label={labels.requireStaffTwoFactor}
              description={t('office.requireStaffTwoFactorHint')}
              checked={values.requireStaffTwoFactor}
              onChange={(e) => set('requireStaffTwoFactor', e.currentTarget.checked)}
              {...form.field('requireStaffTwoFactor')}
            />
          </Stack>
        </Card>
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            {t('common.saveChanges')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
