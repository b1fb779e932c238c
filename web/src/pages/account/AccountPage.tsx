import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../api/me';
import { PageHeader } from '../../components/PageHeader';
import { ApiTokensSection } from './ApiTokensSection';
import { PasswordSection } from './PasswordSection';
import { ProfileSection } from './ProfileSection';
import { SessionsSection } from './SessionsSection';
import { NotificationsLinkSection } from './NotificationsLinkSection';
import { TwoFactorSection } from './TwoFactorSection';

/** My account: name, language and mobile number, the way to notification settings, password, two-factor, sessions, personal API tokens. */
export default function AccountPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  return (
    <>
      <PageHeader title={t('account.title')} />
      <Stack gap="md" maw={760}>
        {/* When the office requires 2FA, that is the one thing to do here: put it first. */}
        {me.mustEnableTwoFactor && <TwoFactorSection />}
        <ProfileSection />
        <NotificationsLinkSection />
        <PasswordSection />
        {!me.mustEnableTwoFactor && <TwoFactorSection />}
        <SessionsSection />
        {/* Tokens wait until two-factor is on: the server refuses them before. */}
        {!me.mustEnableTwoFactor && me.can.manageApiTokens && <ApiTokensSection />}
      </Stack>
    </>
  );
}
