import { Avatar, Button, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSignedInMe, useSignOut } from '../api/me';

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserMenu() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const signOut = useSignOut();
  const navigate = useNavigate();

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          px={6}
          aria-label={t('userMenu.label', { name: me.user.name })}
          leftSection={
            <Avatar size={30} color="blue" radius="xl" aria-hidden="true">
              {initials(me.user.name)}
            </Avatar>
          }
        >
          <Text span visibleFrom="md" size="sm" fw={500}>
            {me.user.name}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {me.user.name}
          <br />
          {me.user.email}
        </Menu.Label>
        <Menu.Item component={Link} to="/account">
          {t('nav.account')}
        </Menu.Item>
        {/* Clients have no side navigation: a full-access client reaches their colleagues from here. */}
        {me.can.manageColleagues && (
          <Menu.Item component={Link} to="/colleagues">
            {t('nav.colleagues')}
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in') })}>
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
