import { Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCompletePasswordReset, useTokenInfo } from '../../api/auth';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading, LoadError } from '../../components/Feedback';
import { localError, useFormErrors } from '../../lib/forms';
import { NewPasswordFields, newPasswordProblems } from '../../components/NewPasswordFields';
import { applyLanguage, hasChosenLanguage } from '../../i18n';

/** The page an e-mailed "set your password" or "reset your password" link opens. */
export function SetPasswordPage({ purpose }: { purpose: 'set_password' | 'reset_password' }) {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const info = useTokenInfo(token);
  const complete = useCompletePasswordReset();
  const navigate = useNavigate();
  const form = useFormErrors('new-password');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const setting = (info.data?.purpose ?? purpose) === 'set_password';
  const title = setting ? t('setPassword.titleSet') : t('setPassword.titleReset');
  useDocumentTitle(`${title} · Bureau`);
  // A new person opens the link in the language the office chose for them, unless they picked one here.
  const invitedLocale = info.data?.locale;
  useEffect(() => {
    if (invitedLocale && !hasChosenLanguage()) void applyLanguage(invitedLocale);
  }, [invitedLocale]);

  if (info.isPending) return <Loading />;
  if (info.error) {
    return (
      <Stack gap="md">
        <Title order={1} size="h2">
          {t('setPassword.invalidTitle')}
        </Title>
        <LoadError error={info.error} />
        <Text>{t('setPassword.invalidText')}</Text>
        <Anchor component={Link} to="/forgot-password">
          {t('setPassword.requestNew')}
        </Anchor>
      </Stack>
    );
  }

  const labels = { password: t('setPassword.newPassword'), confirmation: t('setPassword.confirmation') };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = newPasswordProblems(t, 'password', password, confirmation);
    if (Object.keys(problems).length) return form.setError(localError('', problems));
    form.clear();
    complete.mutate(
      { token, password },
      { onSuccess: () => void navigate('/', { replace: true }), onError: form.setError },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} size="h2">
            {title}
          </Title>
          <Text mt={4}>
            {setting
              ? t('setPassword.forUser', { name: info.data.name, email: info.data.email })
              : t('setPassword.forUserReset', { email: info.data.email })}
          </Text>
        </div>
        <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
        {/* Lets password managers store the new password under the right account. */}
        <input type="email" name="username" autoComplete="username" value={info.data.email} readOnly hidden />
        <NewPasswordFields
          name="password"
          password={password}
          onPassword={setPassword}
          confirmation={confirmation}
          onConfirmation={setConfirmation}
          field={form.field}
        />
        <Button type="submit" size="md" loading={complete.isPending}>
          {setting ? t('setPassword.submitSet') : t('setPassword.submitReset')}
        </Button>
      </Stack>
    </form>
  );
}
