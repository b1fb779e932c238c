import { Anchor, Box, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCompany } from '../../api/companies';
import { useConversationCounts } from '../../api/conversations';
import { useSignedInMe } from '../../api/me';
import { CompanyOverview } from '../../components/company/CompanyOverview';
import { CompanySwitcher } from '../../components/CompanySwitcher';
import { Loading, LoadError } from '../../components/Feedback';
import { MyInvitationsCard } from '../../components/invitations/MyInvitationsCard';
import { AccessBadge } from '../../components/StatusBadge';
import { useFormat } from '../../lib/format';
import { MessagesCard } from './MessagesCard';

function greetingKey(hour: number): 'home.morning' | 'home.afternoon' | 'home.evening' {
  if (hour < 12) return 'home.morning';
  if (hour < 18) return 'home.afternoon';
  return 'home.evening';
}

/** A client's home: their messages (those waiting for an answer first), what waits for them, then their company's data. */
export function ClientHome() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const company = useCompany(me.company?.id);
  const counts = useConversationCounts(Boolean(me.company));
  const format = useFormat();
  const waiting = counts.data?.total ?? 0;
  const firstName = me.user.name.split(/\s+/)[0] ?? me.user.name;
  useDocumentTitle(`${me.company?.name ?? t('home.title')} · Bureau`);

  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={6}>
        <Title order={1} size="h2">
          {t(greetingKey(new Date().getHours()), { name: firstName })}
        </Title>
        {me.company ? (
          <Group gap="xs">
            <Text c="dimmed">{t('home.workingFor', { company: me.company.name })}</Text>
            <AccessBadge access={me.company.access} />
          </Group>
        ) : (
          <Text c="dimmed">{t('home.noCompany')}</Text>
        )}
        <Box hiddenFrom="sm" mt={4}>
          <CompanySwitcher fullWidth />
        </Box>
      </Stack>

      <MyInvitationsCard />

      {me.company && <MessagesCard />}

      <Card withBorder padding="lg" component="section" aria-labelledby="waiting-title">
        <Title order={2} size="h4" id="waiting-title" mb="sm">
          {t('home.waitingTitle')}
        </Title>
        {waiting > 0 ? (
          <Group gap="md" wrap="nowrap" align="flex-start">
            <ThemeIcon size={44} radius="xl" color="orange" variant="light" aria-hidden="true">
              <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2">
                <path d="M4 5h16v11H8l-4 4z" />
              </svg>
            </ThemeIcon>
            <div>
              <Text fw={600}>{t('home.messagesWaiting', { count: waiting, formatted: format.number(waiting) })}</Text>
              <Anchor component={Link} to="/conversations?view=needs" size="sm" fw={500}>
                {t('home.answerThem')}
              </Anchor>
            </div>
          </Group>
        ) : (
          <Group gap="md" wrap="nowrap" align="flex-start">
            <ThemeIcon size={44} radius="xl" color="green" variant="light" aria-hidden="true">
              <svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.4">
                <path d="M5 12.5l4.5 4.5L19 7.5" />
              </svg>
            </ThemeIcon>
            <div>
              <Text fw={600}>{t('home.nothingWaits')}</Text>
              <Text size="sm" c="dimmed">
                {t('home.nothingWaitsText')}
              </Text>
            </div>
          </Group>
        )}
      </Card>

      {me.company && (
        <Stack gap="sm" component="section" aria-labelledby="company-data-title">
          <Group justify="space-between" gap="xs">
            <Title order={2} size="h3" id="company-data-title">
              {t('home.companyData')}
            </Title>
            {me.can.manageColleagues && (
              <Anchor
                component={Link}
                to="/colleagues"
                fw={500}
                style={{ display: 'inline-flex', alignItems: 'center', minHeight: 44 }}
              >
                {t('invitations.colleagues.homeLink')}
              </Anchor>
            )}
          </Group>
          {company.isPending ? (
            <Loading />
          ) : company.error ? (
            <LoadError error={company.error} onRetry={() => void company.refetch()} />
          ) : (
            <>
              {!company.data.permissions.updateProfile && (
                <Text size="sm" c="dimmed">
                  {t('home.readOnly')}
                </Text>
              )}
              <CompanyOverview company={company.data} />
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
