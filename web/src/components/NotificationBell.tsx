// The bell: unread count in the header, the latest notifications in a menu; an item opens what it is
// about and is marked read. Live through the realtime client.
import { ActionIcon, Badge, Group, Indicator, Menu, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSignedInMe } from '../api/me';
import { useMarkNotificationsRead, useNotifications, type Notification } from '../api/notifications';
import { useFormat } from '../lib/format';

function BellIcon() {
  return (
    <svg
      width="22"
      height="22"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const { data } = useNotifications();
  const markRead = useMarkNotificationsRead();
  const unread = data?.unread ?? 0;
  const items = data?.items ?? [];

  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate([n.id]);
    // An invitation to a company is accepted on the invitations page; everything else is about a conversation.
    if (n.kind === 'invitation') void navigate('/invitations');
    else if (n.kind === 'invitation_accepted' && n.companyId && me.kind === 'staff')
      void navigate(`/companies/${n.companyId}?tab=users`);
    else if (n.conversationId)
      void navigate(me.kind === 'staff' ? `/inbox/${n.conversationId}` : `/conversations/${n.conversationId}`);
  };

  return (
    <Menu position="bottom-end" width={360} withinPortal>
      <Menu.Target>
        {/* The menu's target must be the button itself (it carries aria-expanded): the count sits inside it. */}
        <ActionIcon variant="subtle" color="dark" size="lg" aria-label={t('notifications.bell', { count: unread })}>
          <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={unread === 0} color="red" offset={2}>
            <BellIcon />
          </Indicator>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label role="none">
          <Text fw={600} c="dark" span>
            {t('notifications.title')}
          </Text>
        </Menu.Label>
        {/* Everything a keyboard reaches inside role=menu is a menuitem (axe: a button there is a critical fault). */}
        {unread > 0 && (
          <Menu.Item closeMenuOnClick={false} onClick={() => markRead.mutate('all')}>
            <Text size="sm" c="blue.9">
              {t('notifications.markAllRead')}
            </Text>
          </Menu.Item>
        )}
        <Menu.Divider />
        {items.length === 0 && (
          <Text c="dimmed" size="sm" px="sm" py="md" component="div" role="none">
            {t('notifications.empty')}
          </Text>
        )}
        {items.map((n) => (
          <Menu.Item key={n.id} onClick={() => open(n)} data-testid="notification" data-unread={!n.readAt}>
            <Stack gap={2}>
              <Group gap={6} wrap="nowrap" justify="space-between">
                <Text size="sm" fw={n.readAt ? 400 : 700} lineClamp={1}>
                  {n.title}
                </Text>
                {!n.readAt && (
                  <Badge size="xs" color="red" variant="filled" style={{ flexShrink: 0, overflow: 'visible' }}>
                    {t('notifications.new')}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {n.actorName ? `${n.actorName}: ` : ''}
                {n.excerpt}
              </Text>
              <Text size="xs" c="dimmed">
                {format.relative(n.createdAt)}
              </Text>
            </Stack>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item onClick={() => void navigate('/account/notifications')}>
          <Text size="sm" c="blue.9">
            {t('notifications.prefs.menuLink')}
          </Text>
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
