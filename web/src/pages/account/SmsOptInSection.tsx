import { Card, Switch, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../api/me';
import { useSetSmsForMessages, useSmsForMessages } from '../../api/sms';
import { useErrorMessage } from '../../components/useErrorMessage';

/** Whether new messages also come as an SMS (the notification preferences' SMS choice). */
export function SmsOptInSection() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const current = useSmsForMessages();
  const change = useSetSmsForMessages();
  const errorMessage = useErrorMessage();
  const hasPhone = Boolean(me.user.phone);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="sms-opt-in-title">
      <Title order={2} size="h4" id="sms-opt-in-title" mb="sm">
        {t('sms.optIn.title')}
      </Title>
      <Switch
        label={t('sms.optIn.label')}
        description={hasPhone ? t('sms.optIn.hint') : t('sms.optIn.needsPhone')}
        // The choice shows at once; a refusal puts it back (the query keeps the saved state).
        checked={hasPhone && (change.isPending ? change.variables : current.data === true)}
        disabled={!hasPhone || current.isPending || change.isPending}
        onChange={(e) =>
          change.mutate(e.currentTarget.checked, {
            onSuccess: () => notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'green', message: t('common.saved') }),
            onError: (error) => notifications.show({ closeButtonProps: { 'aria-label': t('common.close') }, color: 'red', message: errorMessage(error) }),
          })
        }
      />
    </Card>
  );
}
