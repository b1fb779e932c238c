import { Button, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSignedInMe, useSwitchContext } from '../api/me';
import type { MeContext } from '@bureau/common';
import { useErrorMessage } from './useErrorMessage';
import { notifications } from '@mantine/notifications';

function contextLabel(context: MeContext, manyOffices: boolean): string {
  const name = context.companyName ?? context.officeName;
  return manyOffices && context.companyName ? `${name} · ${context.officeName}` : name;
}

/** Lets a person who belongs to several companies (or offices) choose which one they work in. */
export function CompanySwitcher({ fullWidth = false }: { fullWidth?: boolean }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const switchContext = useSwitchContext();
  const message = useErrorMessage();

  if (me.contexts.length < 2) return null;
  const manyOffices = new Set(me.contexts.map((c) => c.officeId)).size > 1;
  const isCurrent = (c: MeContext) =>
    c.officeId === me.office.id && (c.companyId ?? null) === (me.company?.id ?? null) && c.kind === me.kind;
  const current = me.contexts.find(isCurrent);

  const choose = (c: MeContext) => {
    if (isCurrent(c)) return;
    switchContext.mutate(
      { officeId: c.officeId, ...(c.companyId ? { companyId: c.companyId } : {}) },
      {
        onSuccess: () => void navigate('/'),
        onError: (error) => notifications.show({ color: 'red', message: message(error) }),
      },
    );
  };

  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          loading={switchContext.isPending}
          fullWidth={fullWidth}
          rightSection={<span aria-hidden="true">▾</span>}
          aria-label={t('switcher.label', { name: current ? contextLabel(current, manyOffices) : '' })}
          styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
          maw={fullWidth ? undefined : 280}
        >
          {current ? contextLabel(current, manyOffices) : t('switcher.choose')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('switcher.title')}</Menu.Label>
        {me.contexts.map((c) => (
          <Menu.Item
            key={`${c.officeId}:${c.companyId ?? ''}:${c.kind}`}
            onClick={() => choose(c)}
            aria-current={isCurrent(c) ? 'true' : undefined}
            fw={isCurrent(c) ? 700 : undefined}
          >
            {contextLabel(c, manyOffices)}
            {c.kind === 'staff' && (
              <Text span size="xs" c="dimmed" ml={6}>
                {t('switcher.office')}
              </Text>
            )}
            {c.companyStatus === 'inactive' && (
              <Text span size="xs" c="dimmed" ml={6}>
                ({t('company.status.inactive')})
              </Text>
            )}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
