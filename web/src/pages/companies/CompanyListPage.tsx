import {
  Anchor,
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { companyStatuses, officeCountries, type CompanyStatus, type OfficeCountry } from '@common/domain';
import { COMPANY_PAGE_SIZE, useCompanyList, useCompanyTags, type CompanyListParams } from '../../api/companies';
import { useSignedInMe } from '../../api/me';
import { useStaff } from '../../api/office';
import type { CompanyListItem } from '@bureau/common';
import { Loading, LoadError } from '../../components/Feedback';
import { MyInvitationsCard } from '../../components/invitations/MyInvitationsCard';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../lib/format';
import { useCountryOptions, useTaxIdLabel } from '../../lib/options';
import { AddCompanyModal } from './AddCompanyModal';
import { formatTaxId } from '@common/validation/tax-id';

// A value the list cannot filter by (an edited address) is no filter rather than a refused request.
const isStatus = (value: unknown): value is CompanyStatus => (companyStatuses as readonly unknown[]).includes(value);
const isCountry = (value: unknown): value is OfficeCountry => (officeCountries as readonly unknown[]).includes(value);

/** The office's companies: server-paged, searchable as you type, filtered by status, country and assignee. */
export default function CompanyListPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const navigate = useNavigate();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const [searchInput, setSearchInput] = useState(params.get('search') ?? '');
  const [search] = useDebouncedValue(searchInput.trim(), 250);
  const [adding, setAdding] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const phone = useMediaQuery('(max-width: 48em)');
  const staff = useStaff();
  const tags = useCompanyTags();
  const countries = useCountryOptions();

  const statusParam = params.get('status');
  const countryParam = params.get('country');
  const filters = {
    search: params.get('search') ?? '',
    status: isStatus(statusParam) ? statusParam : undefined,
    country: isCountry(countryParam) ? countryParam : undefined,
    assignedTo: params.get('assignedTo') ?? '',
    tag: params.get('tag') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
  } satisfies CompanyListParams;
  const list = useCompanyList(filters);

  const update = (changes: Record<string, string>, resetPage = true) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        if (resetPage) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };

  useEffect(() => {
    if (search !== filters.search) update({ search });
    // Only the debounced text drives the query.
  }, [search]);

  const open = (company: CompanyListItem) => void navigate(`/companies/${company.id}`);
  const activeFilters = [filters.status, filters.country, filters.assignedTo, filters.tag].filter(Boolean).length;
  const filtered = Boolean(filters.search) || activeFilters > 0;

  // On a phone the filters fold under one button; on a desk they sit beside the search.
  const filterSelects = [
    <NativeSelect
      key="status"
      label={t('companies.filterStatus')}
      value={filters.status ?? ''}
      onChange={(e) => update({ status: e.currentTarget.value })}
      data={[
        { value: '', label: t('common.all') },
        { value: 'active', label: t('company.status.active') },
        { value: 'inactive', label: t('company.status.inactive') },
      ]}
    />,
    <NativeSelect
      key="country"
      label={t('companies.filterCountry')}
      value={filters.country ?? ''}
      onChange={(e) => update({ country: e.currentTarget.value })}
      data={[{ value: '', label: t('common.all') }, ...countries]}
    />,
    <NativeSelect
      key="assignedTo"
      label={t('companies.filterAssigned')}
      value={filters.assignedTo}
      onChange={(e) => update({ assignedTo: e.currentTarget.value })}
      data={[
        { value: '', label: t('common.anyone') },
        { value: me.user.id, label: t('companies.assignedToMe') },
        ...(staff.data ?? []).filter((s) => s.userId !== me.user.id).map((s) => ({ value: s.userId, label: s.name })),
      ]}
    />,
    <NativeSelect
      key="tag"
      label={t('companies.filterTag')}
      value={filters.tag}
      onChange={(e) => update({ tag: e.currentTarget.value })}
      data={[{ value: '', label: t('common.all') }, ...(tags.data ?? []).map((tag) => ({ value: tag, label: tag }))]}
    />,
  ];

  return (
    <>
      <PageHeader title={t('companies.title')}>
        {me.can.restoreCompanies && (
          <Button component={Link} to="/companies/deleted" variant="subtle">
            {t('companyDelete.listTitle')}
          </Button>
        )}
        {me.can.importCompanies && (
          <Button component={Link} to="/companies/import" variant="default">
            {t('import.open')}
          </Button>
        )}
        {me.can.createCompanies && <Button onClick={() => setAdding(true)}>{t('companies.add')}</Button>}
      </PageHeader>
      {/* The staff home: an invitation to work in a company as its client waits here too. */}
      <MyInvitationsCard mb="md" />

      <Paper withBorder p="sm" mb="md" component="section" aria-label={t('companies.filters')}>
        <Group align="flex-end" gap="sm" grow={!phone} wrap="wrap">
          <TextInput
            label={t('companies.search')}
            description={t('companies.searchHint')}
            type="search"
            value={searchInput}
            onChange={(e) => setSearchInput(e.currentTarget.value)}
            miw={220}
            style={phone ? { flex: '1 1 100%' } : undefined}
          />
          {phone ? (
            <Button
              variant="default"
              fullWidth
              onClick={() => setFiltersOpen((o) => !o)}
              aria-expanded={filtersOpen}
              aria-controls="company-filters"
            >
              {activeFilters ? t('companies.moreFilters', { count: activeFilters }) : t('companies.filters')}
            </Button>
          ) : (
            filterSelects
          )}
        </Group>
        {phone && (
          <Collapse expanded={filtersOpen} id="company-filters">
            <Stack gap="sm" mt="sm">
              {filterSelects}
            </Stack>
          </Collapse>
        )}
      </Paper>

      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Group justify="space-between" mb="xs">
            <Text size="sm" fw={500} role="status" aria-live="polite">
              {t('companies.total', { count: list.data.total, formatted: format.number(list.data.total) })}
            </Text>
            {filtered && (
              <Anchor
                component="button"
                size="sm"
                onClick={() => {
                  setSearchInput('');
                  setParams({}, { replace: true });
                }}
              >
                {t('companies.clearFilters')}
              </Anchor>
            )}
          </Group>
          {list.data.items.length === 0 ? (
            <Paper withBorder p="xl" ta="center">
              <Text fw={500}>{filtered ? t('companies.noMatch') : t('companies.empty')}</Text>
            </Paper>
          ) : phone ? (
            <CompanyCards items={list.data.items} />
          ) : (
            <CompanyTable items={list.data.items} onOpen={open} busy={list.isFetching} />
          )}
          <Pager
            page={filters.page}
            pageSize={COMPANY_PAGE_SIZE}
            total={list.data.total}
            onChange={(page) => update({ page: String(page) }, false)}
          />
        </>
      )}
      <AddCompanyModal opened={adding} onClose={() => setAdding(false)} />
    </>
  );
}

function assignedText(item: CompanyListItem): string {
  return [...new Set(item.assigned.map((a) => a.name))].join(', ');
}

function CompanyTable({
  items,
  onOpen,
  busy,
}: {
  items: CompanyListItem[];
  onOpen: (c: CompanyListItem) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const taxIdLabel = useTaxIdLabel();
  return (
    <Paper withBorder style={{ opacity: busy ? 0.7 : 1 }}>
      <Table stickyHeader stickyHeaderOffset={60} highlightOnHover verticalSpacing="xs" aria-busy={busy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('companies.col.name')}</Table.Th>
            <Table.Th>{t('companies.col.taxId')}</Table.Th>
            <Table.Th>{t('companies.col.country')}</Table.Th>
            <Table.Th>{t('companies.col.status')}</Table.Th>
            <Table.Th>{t('companies.col.assigned')}</Table.Th>
            <Table.Th ta="right">{t('companies.col.users')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id} className="clickable-row" onClick={() => onOpen(c)}>
              <Table.Td>
                <Anchor component={Link} to={`/companies/${c.id}`} fw={500} onClick={(e) => e.stopPropagation()}>
                  {c.name}
                </Anchor>
                {c.tags.length > 0 && (
                  <Group gap={4} mt={2}>
                    {c.tags.map((tag) => (
                      <Badge key={tag} size="xs" variant="light" color="gray" tt="none">
                        {tag}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" title={taxIdLabel(c.country, true)}>
                  {formatTaxId(c.country, c.taxId)}
                </Text>
              </Table.Td>
              <Table.Td>{t(`country.${c.country}`)}</Table.Td>
              <Table.Td>
                <StatusBadge status={c.status} />
              </Table.Td>
              <Table.Td>
                <Text
                  size="sm"
                  lineClamp={1}
                  title={c.assigned.map((a) => `${a.name} · ${t(`specialty.${a.specialty}`)}`).join('\n')}
                >
                  {assignedText(c) || '—'}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{c.userCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function CompanyCards({ items }: { items: CompanyListItem[] }) {
  const { t } = useTranslation();
  const taxIdLabel = useTaxIdLabel();
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((c) => (
        <li key={c.id}>
          <Card withBorder padding="sm" component={Link} to={`/companies/${c.id}`}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text fw={600} c="blue.9">
                {c.name}
              </Text>
              <StatusBadge status={c.status} />
            </Group>
            <Text size="sm" c="dimmed">
              {taxIdLabel(c.country, true)} {formatTaxId(c.country, c.taxId)} · {t(`country.${c.country}`)}
            </Text>
            {c.assigned.length > 0 && (
              <Text size="sm" c="dimmed" lineClamp={1}>
                {assignedText(c)}
              </Text>
            )}
          </Card>
        </li>
      ))}
    </Stack>
  );
}
