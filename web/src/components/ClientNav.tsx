import { UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useConversationCounts } from '../api/conversations';
import { useSignedInMe } from '../api/me';
import { useFormat } from '../lib/format';
import classes from './ClientNav.module.css';

export type ClientNavItem = { to: string; label: string; count?: number; countLabel?: string; icon: string };

/** A client's few places: home, messages (with what waits for them), their company, their account. */
export function useClientNavItems(): ClientNavItem[] {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const client = me.kind === 'client';
  const withCompany = client && Boolean(me.company);
  const counts = useConversationCounts(withCompany);
  if (!client) return [];
  const waiting = counts.data?.total ?? 0;
  return [
    { to: '/', label: t('clientNav.home'), icon: 'M3 11l9-7 9 7v9h-6v-6H9v6H3z' },
    ...(withCompany
      ? [
          {
            to: '/conversations',
            label: t('clientNav.messages'),
            count: waiting,
            countLabel: waiting > 0 ? t('clientNav.messagesWaiting', { count: waiting }) : undefined,
            icon: 'M4 5h16v11H8l-4 4z',
          },
          {
            to: '/company',
            label: t('clientNav.company'),
            icon: 'M4 21V5l8-3 8 3v16M9 21v-5h6v5M8 8h2M14 8h2M8 12h2M14 12h2',
          },
        ]
      : []),
    {
      to: '/account',
      label: t('clientNav.account'),
      icon: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6',
    },
  ];
}

export const isActive = (pathname: string, to: string) =>
  to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);

/** The phone's bottom bar: each place a thumb-sized target, the messages waiting counted on their icon. */
export function ClientBottomBar({ items }: { items: ClientNavItem[] }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const format = useFormat();
  return (
    <nav className={classes.bar} aria-label={t('clientNav.label')}>
      {items.map((item) => {
        const active = isActive(pathname, item.to);
        return (
          <UnstyledButton
            key={item.to}
            component={Link}
            to={item.to}
            className={classes.item}
            data-active={active || undefined}
            aria-current={active ? 'page' : undefined}
            aria-label={item.countLabel}
          >
            <span className={classes.icon} aria-hidden="true">
              <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
                <path d={item.icon} />
              </svg>
              {item.count ? (
                <span className={classes.count} data-testid="nav-count">
                  {format.number(item.count)}
                </span>
              ) : null}
            </span>
            <span className={classes.label}>{item.label}</span>
          </UnstyledButton>
        );
      })}
    </nav>
  );
}
