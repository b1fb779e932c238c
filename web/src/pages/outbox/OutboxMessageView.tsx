import { Alert, Anchor, Button, CopyButton, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOutboxMessage } from '../../api/admin';
import { Loading, LoadError } from '../../components/Feedback';
import { useFormat } from '../../lib/format';
import { OutboxStatus } from './OutboxStatus';

/** Every link in the message, as text an admin can copy (e.g. a set-password link to pass on by phone). */
function extractLinks(html: string | null, text: string): string[] {
  const links = new Set<string>();
  if (html) {
    // DOMParser builds an inert document: nothing in it runs or loads.
    const doc = new DOMParser().parseFromString(html, 'text/html');
    doc.querySelectorAll('a[href]').forEach((a) => {
      const href = a.getAttribute('href') ?? '';
      if (/^https?:\/\//i.test(href)) links.add(href);
    });
  }
  for (const match of text.matchAll(/https?:\/\/[^\s<>"')]+/g)) links.add(match[0]);
  return [...links];
}

export function OutboxMessageView({ id, backTo }: { id: string; backTo?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const message = useOutboxMessage(id);
  const allLinks = useMemo(
    () => (message.data ? extractLinks(message.data.htmlBody, message.data.textBody ?? '') : []),
    [message.data],
  );
  // The server hides the personal part of links that let their addressee in: nothing to copy there.
  const links = allLinks.filter((href) => !href.includes('[hidden]'));
  const hidden = links.length < allLinks.length;

  if (message.isPending) return <Loading />;
  if (message.error) return <LoadError error={message.error} onRetry={() => void message.refetch()} />;
  const m = message.data;

  return (
    <Paper withBorder p="md" component="article" aria-labelledby="outbox-subject">
      {backTo && (
        <Anchor component={Link} to={backTo} size="sm" mb="sm" display="inline-block">
          ← {t('outbox.title')}
        </Anchor>
      )}
      <Stack gap="xs">
        <Title order={2} size="h4" id="outbox-subject">
          {m.subject}
        </Title>
        <Text size="sm">
          <Text span c="dimmed">
            {t('outbox.to')}:{' '}
          </Text>
          {m.toName ? `${m.toName} <${m.toAddress}>` : m.toAddress}
        </Text>
        <Group gap="xs">
          <OutboxStatus status={m.status} />
          <Text size="sm" c="dimmed">
            {t('outbox.created', { date: format.dateTime(m.createdAt) })}
            {m.sentAt ? ` · ${t('outbox.sent', { date: format.dateTime(m.sentAt) })}` : ''}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {t('outbox.template')}: {m.template}
        </Text>
        {m.lastError && (
          <Alert color="red" variant="light" title={t('outbox.lastError')}>
            <Text size="sm" className="pre-wrap">
              {m.lastError}
            </Text>
          </Alert>
        )}
        {hidden && (
          <Alert color="gray" variant="light">
            {t('outbox.linksHidden')}
          </Alert>
        )}
        {links.length > 0 && (
          <Stack gap={6} component="section" aria-labelledby="outbox-links" mt="xs">
            <Text fw={600} size="sm" id="outbox-links">
              {t('outbox.links')}
            </Text>
            {links.map((href) => (
              <Group key={href} gap="xs" wrap="nowrap" align="center">
                <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all', flex: 1 }}>
                  {href}
                </Text>
                <CopyButton value={href}>
                  {({ copied, copy }) => (
                    <Button
                      size="xs"
                      variant={copied ? 'filled' : 'light'}
                      color={copied ? 'green' : undefined}
                      onClick={copy}
                    >
                      {copied ? t('common.copied') : t('common.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            ))}
          </Stack>
        )}
        <Tabs defaultValue={m.htmlBody ? 'html' : 'text'} mt="sm">
          <Tabs.List>
            {m.htmlBody && <Tabs.Tab value="html">{t('outbox.html')}</Tabs.Tab>}
            <Tabs.Tab value="text">{t('outbox.text')}</Tabs.Tab>
          </Tabs.List>
          {m.htmlBody && (
            <Tabs.Panel value="html" pt="sm">
              {/* sandbox="" : no scripts, no forms, no navigation of this page. */}
              <iframe
                title={t('outbox.htmlFrame', { subject: m.subject })}
                sandbox=""
                srcDoc={m.htmlBody}
                referrerPolicy="no-referrer"
                style={{
                  width: '100%',
                  height: 480,
                  border: '1px solid var(--mantine-color-gray-3)',
                  borderRadius: 6,
                  background: '#fff',
                }}
              />
            </Tabs.Panel>
          )}
          <Tabs.Panel value="text" pt="sm">
            <Paper bg="gray.0" p="sm" withBorder>
              <Text size="sm" ff="monospace" className="pre-wrap">
                {m.textBody}
              </Text>
            </Paper>
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Paper>
  );
}
