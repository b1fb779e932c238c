import { Badge, NativeSelect, Switch, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notificationKinds } from '@bureau/common';
import type { EmailMode, NotificationPreference } from '../../api/notifications';

type Props = {
  items: Record<string, NotificationPreference>;
  criticalKinds: string[];
  onChange: (kind: string, preference: NotificationPreference) => void;
  disabled?: boolean;
  /** SMS needs a mobile number: without one, the column says so instead of offering a switch. */
  smsAvailable: boolean;
};

/**
 * Each kind of event × each way of hearing of it. Critical notices (due dates, announcements) keep
 * the bell: their in-app switch is on and cannot be turned off.
 */
export function PreferencesTable({ items, criticalKinds, onChange, disabled, smsAvailable }: Props) {
  const { t } = useTranslation();
  const emailModes: { value: EmailMode; label: string }[] = [
    { value: 'now', label: t('notifications.prefs.emailNow') },
    { value: 'digest', label: t('notifications.prefs.emailDigest') },
    { value: 'off', label: t('notifications.prefs.emailOff') },
  ];
  return (
    <Table verticalSpacing="sm" aria-label={t('notifications.prefs.tableLabel')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('notifications.prefs.kind')}</Table.Th>
          <Table.Th>{t('notifications.prefs.inApp')}</Table.Th>
          <Table.Th>{t('notifications.prefs.email')}</Table.Th>
          <Table.Th>{t('notifications.prefs.sms')}</Table.Th>
          <Table.Th>{t('notifications.prefs.push')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {notificationKinds.map((kind) => {
          const p = items[kind];
          if (!p) return null;
          const critical = criticalKinds.includes(kind);
          const label = t(`notifications.kinds.${kind}`);
          const set = (change: Partial<NotificationPreference>) => onChange(kind, { ...p, ...change });
          return (
            <Table.Tr key={kind} data-kind={kind}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {label}
                </Text>
                {critical && (
                  <Badge size="xs" variant="light" color="orange">
                    {t('notifications.prefs.critical')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {critical ? (
                  // Critical notices always keep the bell: said in words rather than with a greyed switch.
                  <Text size="sm" c="dimmed">
                    {t('notifications.prefs.always')}
                  </Text>
                ) : (
                  <Switch
                    aria-label={t('notifications.prefs.inAppFor', { kind: label })}
                    checked={p.inApp}
                    disabled={disabled}
                    onChange={(e) => set({ inApp: e.currentTarget.checked })}
                  />
                )}
              </Table.Td>
              <Table.Td>
                <NativeSelect
                  aria-label={t('notifications.prefs.emailFor', { kind: label })}
                  data={emailModes}
                  value={p.email}
                  disabled={disabled}
                  onChange={(e) => set({ email: e.currentTarget.value as EmailMode })}
                  size="xs"
                />
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={t('notifications.prefs.smsFor', { kind: label })}
                  checked={p.sms}
                  disabled={disabled || (!smsAvailable && !p.sms)}
                  onChange={(e) => set({ sms: e.currentTarget.checked })}
                />
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={t('notifications.prefs.pushFor', { kind: label })}
                  checked={p.push}
                  disabled={disabled}
                  onChange={(e) => set({ push: e.currentTarget.checked })}
                />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
