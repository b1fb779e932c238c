import { Anchor, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useVerifyEmailCode } from '../../api/auth';
import { Loading, LoadError } from '../../components/Feedback';

/** The sign-in link from the "e-mail me a sign-in code" message: signs in at once. */
export function SignInLinkPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('signIn.title')} · Bureau`);
  const { token = '' } = useParams();
  const verify = useVerifyEmailCode();
  const navigate = useNavigate();
  const started = useRef(false);

  useEffect(() => {
    // The link works once: never send it twice (React runs effects twice in development).
    if (started.current) return;
    started.current = true;
    verify.mutate({ token }, { onSuccess: () => void navigate('/', { replace: true }) });
  }, [token, verify, navigate]);

  if (verify.error) {
    return (
      <Stack gap="md">
        <Title order={1} size="h2">
          {t('signIn.linkFailed')}
        </Title>
        <LoadError error={verify.error} />
        <Anchor component={Link} to="/sign-in">
          {t('signIn.backToSignIn')}
        </Anchor>
      </Stack>
    );
  }
  return <Loading label={t('signIn.signingIn')} />;
}
