import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../api/me';
import { PageHeader } from '../../components/PageHeader';
import { PushDeviceCard } from '../../components/push/PushDeviceCard';
import { ApiTokensSection } from './ApiTokensSection';
import { PasswordSection } from './PasswordSection';
import { ProfileSection } from './ProfileSection';
import { SessionsSection } from './SessionsSection';
import { SmsOptInSection } from './SmsOptInSection';
import { TwoFactorSection } from './TwoFactorSection';

/** My account: name, language and mobile number, SMS notices, password, two-factor, notifications on this device, sessions, personal API tokens. */
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
        <SmsOptInSection />
        <PasswordSection />
        {!me.mustEnableTwoFactor && <TwoFactorSection />}
        <PushDeviceCard />
        <SessionsSection />
        {/* Tokens wait until two-factor is on: the server refuses them before. */}
        {!me.mustEnableTwoFactor && <ApiTokensSection />}
      </Stack>
    </>
  );
}
