import { Button, NativeSelect, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSetup, type SetupBody } from '../../api/auth';
import type { Locale, OfficeCountry } from '@bureau/common';
import { ErrorSummary } from '../../components/ErrorSummary';
import { applyLanguage, isLocale } from '../../i18n';
import { localError, useFormErrors } from '../../lib/forms';
import { languageOptions, MIN_PASSWORD_LENGTH, useCountryOptions } from '../../lib/options';

/** First run: creates the office and its owner, then signs the owner in. */
export function SetupPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(`${t('setup.title')} · Bureau`);
  const navigate = useNavigate();
  const setup = useSetup();
  const form = useFormErrors('setup');
  const countries = useCountryOptions();
  const [values, setValues] = useState<SetupBody>({
    officeName: '',
    country: 'PL',
    locale: isLocale(i18n.language) ? i18n.language : 'en',
    ownerName: '',
    email: '',
    password: '',
  });
  const set = <K extends keyof SetupBody>(key: K, value: SetupBody[K]) => setValues((v) => ({ ...v, [key]: value }));

  const labels = {
    officeName: t('setup.officeName'),
    country: t('setup.country'),
    locale: t('setup.language'),
    ownerName: t('setup.ownerName'),
    email: t('fields.email'),
    password: t('fields.password'),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!values.officeName.trim()) missing.officeName = t('validation.required');
    if (!values.ownerName.trim()) missing.ownerName = t('validation.required');
    if (!values.email.trim()) missing.email = t('validation.required');
    if (values.password.length < MIN_PASSWORD_LENGTH)
      missing.password = t('validation.passwordTooShort', { count: MIN_PASSWORD_LENGTH });
    if (Object.keys(missing).length > 0) {
      form.setError(localError('', missing));
      return;
    }
    form.clear();
    setup.mutate(
      {
        ...values,
        officeName: values.officeName.trim(),
        ownerName: values.ownerName.trim(),
        email: values.email.trim(),
      },
      { onSuccess: () => void navigate('/', { replace: true }), onError: form.setError },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            {t('setup.title')}
          </Title>
          <Text c="dimmed" mt={4}>
            {t('setup.intro')}
          </Text>
        </div>
        <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
        <Title order={2} size="h4">
          {t('setup.officeSection')}
        </Title>
        <TextInput
          label={labels.officeName}
          required
          autoComplete="organization"
          value={values.officeName}
          onChange={(e) => set('officeName', e.currentTarget.value)}
          {...form.field('officeName')}
        />
        <NativeSelect
          label={labels.country}
          data={countries}
          value={values.country}
          onChange={(e) => set('country', e.currentTarget.value as OfficeCountry)}
          {...form.field('country')}
        />
        <NativeSelect
          label={labels.locale}
          description={t('setup.languageHint')}
          data={languageOptions()}
          value={values.locale}
          onChange={(e) => {
            const lng = e.currentTarget.value as Locale;
            set('locale', lng);
            void applyLanguage(lng);
          }}
          {...form.field('locale')}
        />
        <Title order={2} size="h4" mt="sm">
          {t('setup.ownerSection')}
        </Title>
        <TextInput
          label={labels.ownerName}
          required
          autoComplete="name"
          value={values.ownerName}
          onChange={(e) => set('ownerName', e.currentTarget.value)}
          {...form.field('ownerName')}
        />
        <TextInput
          label={labels.email}
          required
          type="email"
          autoComplete="email"
          value={values.email}
          onChange={(e) => set('email', e.currentTarget.value)}
          {...form.field('email')}
        />
        <PasswordInput
          label={labels.password}
          description={t('fields.passwordHint', { count: MIN_PASSWORD_LENGTH })}
          required
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => set('password', e.currentTarget.value)}
          {...form.field('password')}
        />
        <Button type="submit" size="md" loading={setup.isPending} mt="sm">
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
