import { Alert, Anchor, Button, Divider, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useRequestEmailCode, useSignIn, useVerifyEmailCode } from '../../api/auth';
import { isApiError } from '../../api/client';
import { CodeInput } from '../../components/CodeInput';
import { ErrorSummary } from '../../components/ErrorSummary';
import { localError, useFormErrors } from '../../lib/forms';

type Mode = 'password' | 'code';

/** Where to go after signing in: back to the page that sent the user here, else home. */
function useAfterSignIn() {
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return () => void navigate(from && from.startsWith('/') && !from.startsWith('//') ? from : '/', { replace: true });
}

export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('signIn.title')} · Bureau`);
  const [mode, setMode] = useState<Mode>('password');
  const [email, setEmail] = useState('');

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('signIn.title')}
      </Title>
      {mode === 'password' ? (
        <PasswordSignIn email={email} setEmail={setEmail} onUseCode={() => setMode('code')} />
      ) : (
        <EmailCodeSignIn email={email} setEmail={setEmail} onUsePassword={() => setMode('password')} />
      )}
    </Stack>
  );
}

type StepProps = { email: string; setEmail: (email: string) => void };

function PasswordSignIn({ email, setEmail, onUseCode }: StepProps & { onUseCode: () => void }) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const done = useAfterSignIn();
  const form = useFormErrors('sign-in');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!email.trim()) missing.email = t('validation.required');
    if (!password) missing.password = t('validation.required');
    if (needsTotp && totpCode.length !== 6) missing.totpCode = t('validation.code');
    if (Object.keys(missing).length) return form.setError(localError('', missing));
    form.clear();
    signIn.mutate(
      { email: email.trim(), password, ...(needsTotp ? { totpCode } : {}) },
      {
        onSuccess: done,
        onError: (error) => {
          if (isApiError(error, 'auth.totp_required') && !needsTotp) {
            setNeedsTotp(true);
            return;
          }
          form.setError(error);
        },
      },
    );
  };

  const labels = { email: t('fields.email'), password: t('fields.password'), totpCode: t('signIn.totpCode') };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
        <TextInput
          label={labels.email}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          readOnly={needsTotp}
          {...form.field('email')}
        />
        <PasswordInput
          label={labels.password}
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          readOnly={needsTotp}
          {...form.field('password')}
        />
        {needsTotp && (
          <>
            <Alert color="blue" variant="light" role="status">
              {t('signIn.totpIntro')}
            </Alert>
            <CodeInput
              label={labels.totpCode}
              required
              data-autofocus
              autoFocus
              value={totpCode}
              onChange={setTotpCode}
              {...form.field('totpCode')}
            />
          </>
        )}
        <Button type="submit" size="md" loading={signIn.isPending}>
          {needsTotp ? t('signIn.verify') : t('signIn.submit')}
        </Button>
        {needsTotp ? (
          <Anchor
            component="button"
            type="button"
            onClick={() => {
              setNeedsTotp(false);
              setTotpCode('');
              form.clear();
            }}
          >
            {t('signIn.back')}
          </Anchor>
        ) : (
          <Stack gap="xs" align="flex-start">
            <Anchor component={Link} to="/forgot-password">
              {t('signIn.forgot')}
            </Anchor>
            <Divider w="100%" label={t('signIn.or')} labelPosition="center" my={4} />
            <Button variant="default" fullWidth size="md" onClick={onUseCode}>
              {t('signIn.useCode')}
            </Button>
          </Stack>
        )}
      </Stack>
    </form>
  );
}

function EmailCodeSignIn({ email, setEmail, onUsePassword }: StepProps & { onUsePassword: () => void }) {
  const { t } = useTranslation();
  const request = useRequestEmailCode();
  const verify = useVerifyEmailCode();
  const done = useAfterSignIn();
  const form = useFormErrors('email-code');
  const [sent, setSent] = useState(false);
  const [code, setCode] = useState('');

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (!email.trim()) return form.setError(localError('', { email: t('validation.required') }));
    form.clear();
    request.mutate({ email: email.trim() }, { onSuccess: () => setSent(true), onError: form.setError });
  };

  const check = (event: FormEvent) => {
    event.preventDefault();
    if (code.length !== 6) return form.setError(localError('', { code: t('validation.code') }));
    form.clear();
    verify.mutate({ email: email.trim(), code }, { onSuccess: done, onError: form.setError });
  };

  const labels = { email: t('fields.email'), code: t('signIn.emailCode') };

  return (
    <form onSubmit={sent ? check : send} noValidate>
      <Stack gap="md">
        <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
        {!sent ? (
          <>
            <Text>{t('signIn.codeIntro')}</Text>
            <TextInput
              label={labels.email}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              {...form.field('email')}
            />
            <Button type="submit" size="md" loading={request.isPending}>
              {t('signIn.sendCode')}
            </Button>
          </>
        ) : (
          <>
            <Alert color="blue" variant="light" role="status">
              {t('signIn.codeSent', { email: email.trim() })}
            </Alert>
            <CodeInput label={labels.code} required autoFocus value={code} onChange={setCode} {...form.field('code')} />
            <Button type="submit" size="md" loading={verify.isPending}>
              {t('signIn.submit')}
            </Button>
            <Anchor component="button" type="button" onClick={() => send()} disabled={request.isPending}>
              {t('signIn.resendCode')}
            </Anchor>
          </>
        )}
        <Anchor component="button" type="button" onClick={onUsePassword}>
          {t('signIn.usePassword')}
        </Anchor>
      </Stack>
    </form>
  );
}
