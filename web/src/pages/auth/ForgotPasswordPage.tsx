import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRequestPasswordReset } from '../../api/auth';
import { ErrorSummary } from '../../components/ErrorSummary';
import { localError, useFormErrors } from '../../lib/forms';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('forgot.title')} · Bureau`);
  const request = useRequestPasswordReset();
  const form = useFormErrors('forgot');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) return form.setError(localError('', { email: t('validation.required') }));
    form.clear();
    request.mutate({ email: email.trim() }, { onSuccess: () => setSent(true), onError: form.setError });
  };

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('forgot.title')}
      </Title>
      {sent ? (
        <Alert color="green" variant="light" role="status" title={t('forgot.sentTitle')}>
          {t('forgot.sentText', { email: email.trim() })}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text>{t('forgot.intro')}</Text>
            <ErrorSummary error={form.error} formId={form.formId} labels={{ email: t('fields.email') }} />
            <TextInput
              label={t('fields.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              {...form.field('email')}
            />
            <Button type="submit" size="md" loading={request.isPending}>
              {t('forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/sign-in">
        {t('forgot.backToSignIn')}
      </Anchor>
    </Stack>
  );
}
