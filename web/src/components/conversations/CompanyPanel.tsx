import { Anchor, Badge, Divider, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { specialties } from '@bureau/common';
import { useAssignments, useCompany } from '../../api/companies';
import { useConversationList } from '../../api/conversations';
import { Loading, LoadError } from '../Feedback';
import { StatusBadge } from '../StatusBadge';

/** How many of the company's other open conversations the panel lists before "n more". */
const OTHER_CONVERSATIONS = 5;

/**
 * What staff want beside a thread: the company's tax id and status, who looks after it, its other open
 * conversations, and its page. Each part is a section of its own (`PanelSection`): documents and obligations join
 * as further sections when they exist. Everything comes from the APIs the company page and the inbox already use.
 */
export function CompanyPanel({
  companyId,
  conversationId,
  conversationHref,
}: {
  companyId: string;
  /** The thread beside it: not listed among the "other" conversations. */
  conversationId: string;
  conversationHref: (id: string) => string;
}) {
  const { t } = useTranslation();
  const company = useCompany(companyId);
  if (company.isPending) return <Loading />;
  if (company.error) return <LoadError error={company.error} onRetry={() => void company.refetch()} />;
  const c = company.data;
  return (
    <Stack gap="md" data-testid="company-panel">
      <Stack gap={4}>
        <Title order={2} size="h5" style={{ overflowWrap: 'anywhere' }}>
          {c.name}
        </Title>
        <Group gap={6} wrap="wrap">
          <StatusBadge status={c.status} />
        </Group>
      </Stack>
      <PanelSection title={t(`taxId.${c.country}`)}>
        <Text size="sm" ff="monospace" data-testid="company-panel-tax-id">
          {c.taxIdFormatted}
        </Text>
      </PanelSection>
      <Assignees companyId={companyId} />
      <OtherConversations companyId={companyId} conversationId={conversationId} href={conversationHref} />
      <Divider />
      <Anchor component={Link} to={`/companies/${companyId}`} size="sm" fw={500}>
        {t('companyPanel.openCompany')}
      </Anchor>
    </Stack>
  );
}

function PanelSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4} component="section">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" component="h3" m={0}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

function Assignees({ companyId }: { companyId: string }) {
  const { t } = useTranslation();
  const assignments = useAssignments(companyId);
  return (
    <PanelSection title={t('companyPanel.assignees')}>
      {assignments.isPending ? (
        <Loading />
      ) : assignments.error ? (
        <LoadError error={assignments.error} onRetry={() => void assignments.refetch()} />
      ) : (
        <Stack gap={2} component="dl" m={0}>
          {specialties.map((specialty) => {
            const names = assignments.data.filter((a) => a.specialty === specialty).map((a) => a.name);
            return (
              <Group key={specialty} gap={6} wrap="nowrap" align="baseline">
                <Text size="sm" c="dimmed" component="dt" miw={90}>
                  {t(`specialty.${specialty}`)}
                </Text>
                <Text size="sm" component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
                  {names.length ? names.join(', ') : t('companyPanel.nobody')}
                </Text>
              </Group>
            );
          })}
        </Stack>
      )}
    </PanelSection>
  );
}

function OtherConversations({
  companyId,
  conversationId,
  href,
}: {
  companyId: string;
  conversationId: string;
  href: (id: string) => string;
}) {
  const { t } = useTranslation();
  const list = useConversationList({ companyId, status: 'open', page: 1, pageSize: OTHER_CONVERSATIONS + 1 });
  const others = (list.data?.items ?? []).filter((item) => item.id !== conversationId).slice(0, OTHER_CONVERSATIONS);
  const total = Math.max(0, (list.data?.total ?? 0) - (list.data?.items.some((i) => i.id === conversationId) ? 1 : 0));
  return (
    <PanelSection title={t('companyPanel.openConversations')}>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : others.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('companyPanel.noneOpen')}
        </Text>
      ) : (
        <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {others.map((item) => (
            <li key={item.id}>
              <Anchor component={Link} to={href(item.id)} size="sm" lineClamp={2}>
                {item.subject}
              </Anchor>
              {item.needsAction && (
                <Badge size="xs" color="orange" variant="light" radius="sm" ml={6}>
                  {t('conversation.waitsForYou')}
                </Badge>
              )}
            </li>
          ))}
          {total > others.length && (
            <Text size="xs" c="dimmed" component="li">
              {t('companyPanel.more', { count: total - others.length })}
            </Text>
          )}
        </Stack>
      )}
    </PanelSection>
  );
}
