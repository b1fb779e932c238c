import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSignedInMe } from '../../api/me';
import { portfolioGroups, usePortfolio, type PortfolioCompany, type PortfolioGroup } from '../../api/portfolio';
import { Loading, LoadError } from '../../components/Feedback';
import { InviteModal } from '../../components/invitations/InviteModal';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../lib/format';
import { groupColor, invitationColor, useOnboardingLabels } from './labels';
import { formatTaxId } from '@common/validation/tax-id';

// Badges in a table cell keep their whole text: the table widens (and scrolls) rather than cut them.
const FIT = { width: 'max-content' } as const;

const isGroup = (value: string | null): value is PortfolioGroup =>
  (portfolioGroups as readonly string[]).includes(value ?? '');

/** The office's companies by how they stand with it — who collaborates through the portal, who is invited, who should be invited again. */
export default function PortfolioPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const format = useFormat();
  const labels = useOnboardingLabels();
  const phone = useMediaQuery('(max-width: 48em)');
  const [params, setParams] = useSearchParams();
  // The filters live here and are mirrored to the address (for reload and links): a tab clicked while the search
  // text still waits for its pause must not be undone when the search is written back.
  const [group, setGroup] = useState<PortfolioGroup | null>(() => {
    const value = params.get('group');
    return isGroup(value) ? value : null;
  });
  const [searchInput, setSearchInput] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(searchInput.trim(), 250);
  const portfolio = usePortfolio(group, q);
  const [invitingClient, setInvitingClient] = useState(false);

  useEffect(() => {
    const next = new URLSearchParams();
    if (group) next.set('group', group);
    if (q) next.set('q', q);
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
    // Only the filters drive the address.
  }, [group, q]);

  // The counts come with every page; the first one's are those of the current search.
  const counts = portfolio.data?.pages[0]?.counts;
  const count = (g: PortfolioGroup | 'all') =>
    counts ? (g === 'all' ? portfolioGroups.reduce((sum, x) => sum + counts[x], 0) : counts[g]) : null;
  const label = (g: PortfolioGroup | 'all') => {
    const n = count(g);
    return n === null ? labels.group(g) : `${labels.group(g)} (${format.number(n)})`;
  };
  const items = portfolio.data?.pages.flatMap((p) => p.items) ?? [];
  const total = count(group ?? 'all');

  return (
    <Stack gap="md">
      <PageHeader title={t('portfolio.title')}>
        <Group gap="sm">
          {me.can.importCompanies && (
            <Button component={Link} to="/companies/import" variant="default">
              {t('portfolio.import')}
            </Button>
          )}
          {/* Inviting a client by tax id creates the company when the office has none: those who create companies. */}
          {me.can.createCompanies && (
            <Button onClick={() => setInvitingClient(true)}>{t('portfolio.inviteClient')}</Button>
          )}
        </Group>
      </PageHeader>
      <InviteModal
        opened={invitingClient}
        onClose={() => setInvitingClient(false)}
        companyId=""
        companyName=""
        byTaxId
      />
      <Text c="dimmed" maw={760}>
        {t('portfolio.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="xs" component="dl" m={0}>
        {portfolioGroups.map((g) => (
          <div key={g}>
            <Text component="dt" size="sm" fw={600}>
              <Badge variant="light" color={groupColor[g]} mr={6}>
                {labels.group(g)}
              </Badge>
            </Text>
            <Text component="dd" size="sm" c="dimmed" m={0} mt={2}>
              {labels.explain(g)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Paper withBorder p="sm" component="section" aria-label={t('portfolio.filters')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <SegmentedControl
            value={group ?? 'all'}
            onChange={(value) => setGroup(isGroup(value) ? value : null)}
            aria-label={t('portfolio.show')}
            orientation={phone ? 'vertical' : 'horizontal'}
            fullWidth={phone}
            style={phone ? { flex: '1 1 100%' } : undefined}
            data={(['all', ...portfolioGroups] as const).map((g) => ({ value: g, label: label(g) }))}
          />
          <TextInput
            label={t('portfolio.search')}
            description={t('portfolio.searchHint')}
            type="search"
            value={searchInput}
            onChange={(e) => setSearchInput(e.currentTarget.value)}
            miw={220}
            style={{ flex: '1 1 220px' }}
          />
        </Group>
      </Paper>
      {portfolio.isPending ? (
        <Loading />
      ) : portfolio.error && items.length === 0 ? (
        <LoadError error={portfolio.error} onRetry={() => void portfolio.refetch()} />
      ) : (
        <>
          <Text size="sm" fw={500} role="status" aria-live="polite">
            {total === null
              ? null
              : t('portfolio.shown', { shown: format.number(items.length), total: format.number(total) })}
          </Text>
          {items.length === 0 ? (
            <Paper withBorder p="xl" ta="center">
              <Text fw={500}>{q ? t('portfolio.noMatch') : t('portfolio.empty')}</Text>
            </Paper>
          ) : (
            <PortfolioTable items={items} busy={portfolio.isFetching && !portfolio.isFetchingNextPage} />
          )}
          {portfolio.error && <LoadError error={portfolio.error} onRetry={() => void portfolio.fetchNextPage()} />}
          {portfolio.hasNextPage && (
            <Group justify="center">
              <Button
                variant="default"
                onClick={() => void portfolio.fetchNextPage()}
                loading={portfolio.isFetchingNextPage}
              >
                {t('portfolio.loadMore')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

function PortfolioTable({ items, busy }: { items: PortfolioCompany[]; busy: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useOnboardingLabels();
  // Companies nobody was invited to yet, or whose invitations lapsed, are invited from here.
  const [inviting, setInviting] = useState<PortfolioCompany | null>(null);
  return (
    <Paper withBorder style={{ overflowX: 'auto', opacity: busy ? 0.7 : 1 }}>
      <InviteModal
        opened={inviting !== null}
        onClose={() => setInviting(null)}
        companyId={inviting?.id ?? ''}
        companyName={inviting?.name ?? ''}
      />
      <Table verticalSpacing="xs" highlightOnHover aria-label={t('portfolio.table')} aria-busy={busy} miw={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('portfolio.col.company')}</Table.Th>
            <Table.Th>{t('portfolio.col.taxId')}</Table.Th>
            <Table.Th>{t('portfolio.col.country')}</Table.Th>
            <Table.Th>{t('portfolio.col.status')}</Table.Th>
            <Table.Th>{t('portfolio.col.group')}</Table.Th>
            <Table.Th ta="right">{t('portfolio.col.users')}</Table.Th>
            <Table.Th>{t('portfolio.col.invitation')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id} data-testid="portfolio-row" data-group={c.group}>
              <Table.Td>
                <Anchor component={Link} to={`/companies/${c.id}`} fw={500} size="sm">
                  {c.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {formatTaxId(c.country, c.taxId)}
                </Text>
              </Table.Td>
              <Table.Td>{t(`country.${c.country as 'PL' | 'RO' | 'FR' | 'BE' | 'OTHER'}`)}</Table.Td>
              <Table.Td>
                <div style={FIT}>
                  <StatusBadge status={c.status} />
                </div>
              </Table.Td>
              <Table.Td>
                <div style={FIT}>
                  <Badge variant="light" color={groupColor[c.group]} title={labels.explain(c.group)}>
                    {labels.group(c.group)}
                  </Badge>
                </div>
              </Table.Td>
              <Table.Td ta="right">{format.number(c.clientUsers)}</Table.Td>
              <Table.Td>
                {c.invitation ? (
                  <Stack gap={2}>
                    <Text size="sm">{c.invitation.email}</Text>
                    <Group gap={6} wrap="nowrap" style={FIT}>
                      <Badge size="sm" variant="light" color={invitationColor[c.invitation.status]}>
                        {labels.invitationStatus(c.invitation.status)}
                      </Badge>
                      {(c.invitation.status === 'sent' ||
                        c.invitation.status === 'opened' ||
                        c.invitation.status === 'expired') && (
                        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                          {c.invitation.status === 'expired'
                            ? t('portfolio.expired', { date: format.date(c.invitation.expiresAt) })
                            : t('portfolio.expires', { date: format.date(c.invitation.expiresAt) })}
                        </Text>
                      )}
                    </Group>
                  </Stack>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('portfolio.noInvitation')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {(c.group === 'own' || c.group === 'pending') && c.status === 'active' && (
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setInviting(c)}
                    aria-label={t('portfolio.inviteNamed', { company: c.name })}
                  >
                    {c.group === 'pending' ? t('portfolio.inviteAgain') : t('invitations.invite')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
