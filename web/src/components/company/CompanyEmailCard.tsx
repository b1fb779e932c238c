import { Button, Card, Group, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Company } from '@bureau/common';
import { useUpdateCompany } from '../../api/companies';
import { useFormErrors } from '../../lib/forms';
import { ErrorSummary } from '../ErrorSummary';

/**
 * Whether the office's messages also go to the company's own e-mail address (office staff who may edit the company).
 * The address is nobody's account: those e-mails carry no link that signs anyone in.
 */
export function CompanyEmailCard({ company }: { company: Company }) {
  const { t } = useTranslation();
  const update = useUpdateCompany(company.id);
  const form = useFormErrors('company-email');
  const [on, setOn] = useState(company.notificationEmail !== null);
  const [address, setAddress] = useState(company.notificationEmail ?? company.emails[0]?.email ?? '');
  if (!company.permissions.update) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.clear();
    update.mutate(
      { notificationEmail: on ? address.trim() : null },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('companyEmail.saved') }),
        onError: form.setError,
      },
    );
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="company-email-title">
      <Title order={2} size="h5" id="company-email-title" mb={4}>
        {t('companyEmail.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('companyEmail.hint')}
      </Text>
      <form onSubmit={submit} noValidate>
        <ErrorSummary
          error={form.error}
          formId={form.formId}
          labels={{ notificationEmail: t('companyEmail.address') }}
        />
        <Switch
          label={t('companyEmail.enable')}
          checked={on}
          onChange={(e) => setOn(e.currentTarget.checked)}
          mb="sm"
        />
        {on && (
          <TextInput
            label={t('companyEmail.address')}
            type="email"
            autoComplete="email"
            value={address}
            onChange={(e) => setAddress(e.currentTarget.value)}
            maw={420}
            mb="sm"
            {...form.field('notificationEmail')}
          />
        )}
        <Group>
          <Button type="submit" variant="default" loading={update.isPending}>
            {t('companyEmail.save')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}
