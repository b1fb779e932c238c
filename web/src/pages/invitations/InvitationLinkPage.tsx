import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import {
  useAcceptInvitationLink,
  useAcceptInvitationSignedIn,
  useInvitationLink,
  type InvitationPreview,
} from '../../api/invitations';
import { useMe, useSignOut } from '../../api/me';
import { CodeInput } from '../../components/CodeInput';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading, LoadError } from '../../components/Feedback';
import { NewPasswordFields, newPasswordProblems } from '../../components/NewPasswordFields';
import { applyLanguage, hasChosenLanguage, isLocale } from '../../i18n';
import { useFormat } from '../../lib/format';
import { localError, useFormErrors } from '../../lib/forms';
import { useTaxIdLabel } from '../../lib/options';
import { formatTaxId } from '@common/validation/tax-id';

/**
 * The page an invitation e-mail (or SMS) opens: who invites whom to which company, then either a new account
 * (name and password) or the existing account's password — and the company is in the person's portfolio.
 */
export function InvitationLinkPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const preview = useInvitationLink(token);
  useDocumentTitle(`${t('invitations.link.documentTitle')} · Bureau`);
  // Shown in the language the inviter chose for this person, unless they picked one on this device.
  const invitedLocale = preview.data?.locale;
  useEffect(() => {
    if (isLocale(invitedLocale) && !hasChosenLanguage()) void applyLanguage(invitedLocale);
  }, [invitedLocale]);

  if (preview.isPending) return <Loading />;
  if (preview.error) {
    const used = isApiError(preview.error, 'invitation.used');
    const throttled = isApiError(preview.error, 'invitation.throttled');
    return (
      <Stack gap="md">
        <Title order={1} size="h2">
          {used ? t('invitations.link.usedTitle') : t('invitations.link.invalidTitle')}
        </Title>
        <LoadError error={preview.error} onRetry={throttled ? () => void preview.refetch() : undefined} />
        {!throttled && <Text>{used ? t('invitations.link.usedText') : t('invitations.link.invalidText')}</Text>}
        <Anchor component={Link} to="/sign-in" style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}>
          {t('invitations.link.signIn')}
        </Anchor>
      </Stack>
    );
  }
  return <AcceptForm token={token} invitation={preview.data} />;
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const taxIdLabel = useTaxIdLabel();
  const navigate = useNavigate();
  const accept = useAcceptInvitationLink(token);
  const form = useFormErrors('invitation');
  const { data: me } = useMe();
  const signedInAs = me ? { name: me.user.name, email: me.user.email } : null;
  const [name, setName] = useState(invitation.name);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [needsTotp, setNeedsTotp] = useState(invitation.twoFactor);
  const existing = invitation.accountExists;

  const labels = {
    name: t('fields.name'),
    email: t('fields.email'),
    password: existing ? t('fields.password') : t('setPassword.newPassword'),
    confirmation: t('setPassword.confirmation'),
    totpCode: t('signIn.totpCode'),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = existing ? {} : newPasswordProblems(t, 'password', password, confirmation);
    if (!existing && !name.trim()) problems.name = t('validation.required');
    if (existing && !password) problems.password = t('validation.required');
    if (existing && needsTotp && totpCode.length !== 6) problems.totpCode = t('validation.code');
    if (Object.keys(problems).length) return form.setError(localError('', problems));
    form.clear();
    const locale = isLocale(i18n.language) ? i18n.language : undefined;
    accept.mutate(
      existing
        ? { password, ...(needsTotp && { totpCode }), ...(locale && { locale }) }
        : { name: name.trim(), password, ...(locale && { locale }) },
      {
        onSuccess: () => void navigate('/', { replace: true }),
        onError: (error) => {
          // The account turned on two-factor since the link was opened: ask for the code, no error.
          if (isApiError(error, 'auth.totp_required') && !needsTotp) {
            setNeedsTotp(true);
            return;
          }
          form.setError(error);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {invitation.role ? (
          <div>
            <Title order={1} size="h2">
              {t('invitations.link.staffTitle', { office: invitation.officeName })}
            </Title>
            <Text mt={4}>{t('invitations.link.staffRole', { role: t(`role.${invitation.role}`) })}</Text>
          </div>
        ) : (
          <>
            <div>
              <Title order={1} size="h2">
                {t('invitations.link.title', { office: invitation.officeName, company: invitation.companyName })}
              </Title>
              <Text mt={4} c="dimmed">
                {taxIdLabel(invitation.companyCountry ?? '')}{' '}
                <Text span ff="monospace">
                  {formatTaxId(invitation.companyCountry ?? '', invitation.companyTaxId ?? '')}
                </Text>
              </Text>
            </div>
            <Text>
              {invitation.access === 'full' ? t('invitations.link.accessFull') : t('invitations.link.accessLimited')}{' '}
              {invitation.access === 'full' ? t('access.fullHint') : t('access.limitedHint')}
            </Text>
          </>
        )}
        <Text size="sm" c="dimmed">
          {t('invitations.validUntil', { date: format.dateTime(invitation.expiresAt) })}
        </Text>
        {signedInAs ? (
          <SignedInAccept token={token} invitation={invitation} signedIn={signedInAs} />
        ) : invitation.signInRequired ? (
          <>
            <Alert color="blue" variant="light">
              {t('invitations.link.signInFirstText')}
            </Alert>
            <Button component={Link} to="/sign-in" state={{ from: `/invite/${token}` }} size="md">
              {t('invitations.link.signInFirst')}
            </Button>
          </>
        ) : (
          <>
            <Title order={2} size="h4">
              {existing ? t('invitations.link.signInToAccept') : t('invitations.link.createAccount')}
            </Title>
            <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
            {existing ? (
              <>
                <TextInput
                  label={labels.email}
                  type="email"
                  autoComplete="username"
                  value={invitation.email}
                  readOnly
                  {...form.field('email')}
                />
                <PasswordInput
                  label={labels.password}
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  {...form.field('password')}
                />
                {needsTotp && (
                  <>
                    {!invitation.twoFactor && (
                      <Alert color="blue" variant="light" role="status">
                        {t('signIn.totpIntro')}
                      </Alert>
                    )}
                    <CodeInput
                      label={labels.totpCode}
                      required
                      value={totpCode}
                      onChange={setTotpCode}
                      {...form.field('totpCode')}
                    />
                  </>
                )}
                <Button type="submit" size="md" loading={accept.isPending}>
                  {t('invitations.link.acceptExisting')}
                </Button>
                <Anchor
                  component={Link}
                  to="/forgot-password"
                  style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}
                >
                  {t('signIn.forgot')}
                </Anchor>
              </>
            ) : (
              <>
                <TextInput
                  label={labels.name}
                  required
                  autoComplete="name"
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  {...form.field('name')}
                />
                <TextInput
                  label={labels.email}
                  description={t('invitations.link.emailHint')}
                  type="email"
                  autoComplete="username"
                  value={invitation.email}
                  readOnly
                  {...form.field('email')}
                />
                <NewPasswordFields
                  name="password"
                  password={password}
                  onPassword={setPassword}
                  confirmation={confirmation}
                  onConfirmation={setConfirmation}
                  field={form.field}
                />
                <Button type="submit" size="md" loading={accept.isPending}>
                  {t('invitations.link.acceptNew')}
                </Button>
              </>
            )}
          </>
        )}
      </Stack>
    </form>
  );
}

/** Someone is signed in on this browser: the person invited accepts in one click; anyone else is told to sign out. */
function SignedInAccept({
  token,
  invitation,
  signedIn,
}: {
  token: string;
  invitation: InvitationPreview;
  signedIn: { name: string; email: string };
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accept = useAcceptInvitationSignedIn(token);
  const signOut = useSignOut();
  const form = useFormErrors('invitation-signed-in');
  if (signedIn.email !== invitation.email) {
    return (
      <Stack gap="sm" align="flex-start">
        <Alert color="yellow" variant="light">
          {t('invitations.link.otherAccount', {
            name: signedIn.name,
            email: signedIn.email,
            invited: invitation.email,
          })}
        </Alert>
        <Button variant="default" size="md" loading={signOut.isPending} onClick={() => signOut.mutate()}>
          {t('invitations.link.signOut')}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap="sm" align="flex-start">
      <ErrorSummary error={form.error} formId={form.formId} labels={{}} />
      <Text>{t('invitations.link.signedInAs', { name: signedIn.name })}</Text>
      <Button
        size="md"
        loading={accept.isPending}
        onClick={() =>
          accept.mutate(undefined, { onSuccess: () => void navigate('/', { replace: true }), onError: form.setError })
        }
      >
        {t('invitations.link.acceptExisting')}
      </Button>
    </Stack>
  );
}
