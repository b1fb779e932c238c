import { PasswordInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../lib/options';

type FieldProps = (name: string) => { id: string; error: string | undefined };

/** A new password and its confirmation, with the length hint: every form that sets a password uses it. */
export function NewPasswordFields(props: {
  /** The form's name for the new password (its server field). */
  name: string;
  password: string;
  onPassword: (value: string) => void;
  confirmation: string;
  onConfirmation: (value: string) => void;
  field: FieldProps;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t('setPassword.newPassword')}
        description={t('fields.passwordHint', { count: MIN_PASSWORD_LENGTH })}
        autoComplete="new-password"
        required
        value={props.password}
        onChange={(e) => props.onPassword(e.currentTarget.value)}
        {...props.field(props.name)}
      />
      <PasswordInput
        label={t('setPassword.confirmation')}
        autoComplete="new-password"
        required
        value={props.confirmation}
        onChange={(e) => props.onConfirmation(e.currentTarget.value)}
        {...props.field('confirmation')}
      />
    </>
  );
}

/** What is wrong with a new password before it is sent (the server checks the rest). */
export function newPasswordProblems(
  t: TFunction,
  name: string,
  password: string,
  confirmation: string,
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (password.length < MIN_PASSWORD_LENGTH)
    problems[name] = t('validation.passwordTooShort', { count: MIN_PASSWORD_LENGTH });
  if (confirmation !== password) problems.confirmation = t('validation.passwordsDiffer');
  return problems;
}
