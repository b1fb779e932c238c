import { Alert, AppShell, Badge, Burger, Group, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useElementSize, useMediaQuery } from '@mantine/hooks';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useConversationCounts, useResendWhenBack } from '../api/conversations';
import { useSignedInMe } from '../api/me';
import { useRealtime } from '../api/realtime';
import { useFormat } from '../lib/format';
import { ClientBottomBar, useClientNavItems } from './ClientNav';
import { CompanySwitcher } from './CompanySwitcher';
import { ConnectionBanner } from './ConnectionBanner';
import { LanguagePicker } from './LanguagePicker';
import { NotificationBell } from './NotificationBell';
import { Logo } from './Logo';
import { UserMenu } from './UserMenu';
import { useErrorMessage } from './useErrorMessage';

// Loaded only for staff: a client's phone never downloads the keyboard, the palette or its search.
const StaffShortcuts = lazy(() => import('./shortcuts/StaffShortcuts'));

type NavItem = { to: string; label: string; count?: number; countLabel?: string };

function useNavItems(): NavItem[] {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const staff = me.kind === 'staff' && !me.mustEnableTwoFactor;
  // "Needs my action" beside the inbox, refreshed in the background.
  const counts = useConversationCounts(staff);
  if (me.kind !== 'staff') return [];
  // Until two-factor is set up, My account is the only place a staff member may go.
  if (me.mustEnableTwoFactor) return [{ to: '/account', label: t('nav.account') }];
  const waiting = counts.data?.total ?? 0;
  return [
    {
      to: '/inbox',
      label: t('nav.inbox'),
      count: waiting,
      countLabel: waiting > 0 ? t('nav.inboxWaiting', { count: waiting }) : undefined,
    },
    { to: '/companies', label: t('nav.companies') },
    { to: '/portfolio', label: t('nav.portfolio') },
    { to: '/broadcasts', label: t('nav.broadcasts') },
    { to: '/staff', label: t('nav.staff') },
    ...(me.can.readAudit ? [{ to: '/audit', label: t('nav.audit') }] : []),
    ...(me.can.readOutbox ? [{ to: '/outbox', label: t('nav.outbox') }] : []),
    ...(me.can.manageOffice ? [{ to: '/settings/office', label: t('nav.officeSettings') }] : []),
    ...(me.can.manageChannels ? [{ to: '/settings/channels', label: t('nav.channels') }] : []),
    { to: '/account', label: t('nav.account') },
  ];
}

/**
 * The signed-in frame: header (office, company switcher, language, user menu), for staff the
 * navigation, and the live connection to the server with its banner (and, once it is back, what failed to send
 * for want of it sent again).
 */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  useRealtime();
  useResendWhenBack(useErrorMessage());
  const staffItems = useNavItems();
  const clientItems = useClientNavItems();
  const client = me.kind === 'client';
  const items = client ? clientItems : staffItems;
  const format = useFormat();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const hasNav = items.length > 0;
  // Clients: the same few places beside the page on a desktop, a bottom bar on a phone (hidden inside a thread,
  // where the composer needs the room and the header leads back).
  const phone = useMediaQuery('(max-width: 48em)', undefined, { getInitialValueInEffect: false });
  const bottomBar = client && hasNav && phone && !/^\/conversations\/./.test(pathname);
  // A client's phone has no side menu at all (not merely a hidden one a screen reader would still find).
  const sideNav = hasNav && !(client && phone);
  // On phones the connection banner is a strip inside the header, which grows by its height (0 elsewhere).
  const { ref: bannerRef, height: bannerHeight } = useElementSize();

  // A link chosen in the mobile menu closes it.
  useEffect(close, [pathname, close]);

  return (
    <AppShell
      header={{ height: 60 + Math.ceil(bannerHeight) }}
      navbar={sideNav ? { width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      footer={bottomBar ? { height: 60 } : undefined}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h={60} px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            {hasNav && !client && (
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
                aria-expanded={opened}
                aria-controls="main-navigation"
              />
            )}
            <UnstyledButton component={Link} to="/" aria-label={t('nav.home', { office: me.office.name })}>
              <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                <Logo />
                <Text fw={700} truncate="end" maw={{ base: 150, sm: 320 }}>
                  {me.office.name}
                </Text>
              </Group>
            </UnstyledButton>
            {me.kind === 'client' && (
              <Group visibleFrom="sm">
                <CompanySwitcher />
              </Group>
            )}
          </Group>
          <Group gap={4} wrap="nowrap">
            <Group visibleFrom="sm">
              <LanguagePicker />
            </Group>
            <Group hiddenFrom="sm">
              <LanguagePicker compact />
            </Group>
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
        <div ref={bannerRef}>
          <ConnectionBanner />
        </div>
      </AppShell.Header>

      {sideNav && (
        <AppShell.Navbar
          p="xs"
          id="main-navigation"
          aria-label={client ? t('clientNav.label') : t('nav.label')}
          component="nav"
        >
          <ScrollArea type="auto">
            {items.map((item) => {
              const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
              return (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={item.label}
                  aria-label={item.countLabel}
                  rightSection={
                    item.count ? (
                      <Badge
                        size="sm"
                        color={active ? 'white' : 'red.9'}
                        variant={active ? 'white' : 'filled'}
                        c={active ? 'blue.9' : undefined}
                        aria-hidden="true"
                      >
                        {format.number(item.count)}
                      </Badge>
                    ) : undefined
                  }
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  variant="filled"
                  style={{ borderRadius: 'var(--mantine-radius-md)' }}
                  mb={2}
                />
              );
            })}
          </ScrollArea>
        </AppShell.Navbar>
      )}

      {bottomBar && (
        <AppShell.Footer>
          <ClientBottomBar items={clientItems} />
        </AppShell.Footer>
      )}

      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        {me.kind === 'staff' && me.mustEnableTwoFactor && (
          <Alert color="orange" variant="light" title={t('twoFactor.requiredTitle')} mb="md" role="status">
            {t('twoFactor.requiredText')}
          </Alert>
        )}
        {children}
      </AppShell.Main>
      {me.kind === 'staff' && !me.mustEnableTwoFactor && (
        <Suspense fallback={null}>
          <StaffShortcuts />
        </Suspense>
      )}
    </AppShell>
  );
}
