import { Button, Card, Group, PasswordInput, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../../api/account';
import { useSignedInMe } from '../../api/me';
import { ErrorSummary } from '../../components/ErrorSummary';
import { localError, useFormErrors } from '../../lib/forms';
import { NewPasswordFields, newPasswordProblems } from '../../components/NewPasswordFields';

export function PasswordSection() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const change = useChangePassword();
  const form = useFormErrors('password');
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const labels = {
    currentPassword: t('account.currentPassword'),
    newPassword: t('setPassword.newPassword'),
    confirmation: t('setPassword.confirmation'),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = newPasswordProblems(t, 'newPassword', newPassword, confirmation);
    if (!currentPassword) problems.currentPassword = t('validation.required');
    if (Object.keys(problems).length) return form.setError(localError('', problems));
    form.clear();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
          setConfirmation('');
          notifications.show({ color: 'green', message: t('account.passwordChanged') });
        },
        onError: form.setError,
      },
    );
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="password-title">
      <Title order={2} size="h4" id="password-title" mb="sm">
        {t('account.changePassword')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
          <input type="email" name="username" autoComplete="username" value={me.user.email} readOnly hidden />
          <PasswordInput
            label={labels.currentPassword}
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            {...form.field('currentPassword')}
          />
          <NewPasswordFields
            name="newPassword"
            password={newPassword}
            onPassword={setNew}
            confirmation={confirmation}
            onConfirmation={setConfirmation}
            field={form.field}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
