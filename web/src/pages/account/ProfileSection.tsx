import { Button, Card, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedInMe, useUpdateMe } from '../../api/me';
import type { Locale } from '@bureau/common';
import { ErrorSummary } from '../../components/ErrorSummary';
import { localError, useFormErrors } from '../../lib/forms';
import { languageOptions } from '../../lib/options';

export function ProfileSection() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const update = useUpdateMe();
  const form = useFormErrors('profile');
  const [name, setName] = useState(me.user.name);
  const [locale, setLocale] = useState<Locale>(me.user.locale);
  const [phone, setPhone] = useState(me.user.phone ?? '');
  const labels = { name: t('fields.name'), locale: t('fields.language'), phone: t('sms.phone.label') };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return form.setError(localError('', { name: t('validation.required') }));
    form.clear();
    update.mutate(
      // The server answers with the number in its international form (+48 …), shown from then on.
      { name: name.trim(), locale, phone: phone.trim() || null },
      {
        onSuccess: (saved) => {
          setPhone(saved.user.phone ?? '');
          notifications.show({
            closeButtonProps: { 'aria-label': t('common.close') },
            color: 'green',
            message: t('common.saved'),
          });
        },
        onError: form.setError,
      },
    );
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="profile-title">
      <Title order={2} size="h4" id="profile-title" mb="sm">
        {t('account.profile')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
          <TextInput
            label={labels.name}
            required
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            {...form.field('name')}
          />
          <div>
            <Text size="sm" fw={500}>
              {t('fields.email')}
            </Text>
            <Text size="sm">{me.user.email}</Text>
          </div>
          <NativeSelect
            label={labels.locale}
            description={t('account.languageHint')}
            data={languageOptions()}
            value={locale}
            onChange={(e) => setLocale(e.currentTarget.value as Locale)}
            {...form.field('locale')}
          />
          <TextInput
            label={labels.phone}
            description={t('sms.phone.hint')}
            type="tel"
            autoComplete="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            {...form.field('phone')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
