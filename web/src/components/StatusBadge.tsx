import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClientAccess } from '@bureau/common';

/** A company's status, the same everywhere. */
export function StatusBadge({ status }: { status: string | null | undefined }) {
  const { t } = useTranslation();
  const active = status === 'active';
  return (
    <Badge color={active ? 'green' : 'gray'} variant="light" radius="sm">
      {active ? t('company.status.active') : t('company.status.inactive')}
    </Badge>
  );
}

export function AccessBadge({ access }: { access: ClientAccess }) {
  const { t } = useTranslation();
  return (
    <Badge color={access === 'full' ? 'blue' : 'grape'} variant="light" radius="sm">
      {access === 'full' ? t('access.full') : t('access.limited')}
    </Badge>
  );
}
