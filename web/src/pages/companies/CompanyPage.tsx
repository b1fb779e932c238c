import { Anchor, Button, Group, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useCompany } from '../../api/companies';
import { CompanyOverview } from '../../components/company/CompanyOverview';
import { InviteModal } from '../../components/invitations/InviteModal';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { RegistryFlags } from '../../components/company/RegistryStatus';
import { StatusBadge } from '../../components/StatusBadge';
import { useTaxIdLabel } from '../../lib/options';
import { NotFoundPage } from '../NotFoundPage';
import { AssignmentsTab } from './AssignmentsTab';
import { StatusTab } from './StatusTab';
import { UsersTab } from './UsersTab';
import { formatTaxId } from '@common/validation/tax-id';

const TABS = ['overview', 'users', 'assignments', 'status'] as const;
type Tab = (typeof TABS)[number];

export default function CompanyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const company = useCompany(id);
  const taxIdLabel = useTaxIdLabel();
  const [inviting, setInviting] = useState(false);
  const requested = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'overview';

  if (company.isPending) return <Loading />;
  if (isApiError(company.error, 'not_found')) return <NotFoundPage />;
  if (company.error) return <LoadError error={company.error} onRetry={() => void company.refetch()} />;
  const c = company.data;

  return (
    <>
      <Anchor component={Link} to="/companies" size="sm" mb="xs" display="inline-block">
        ← {t('companies.title')}
      </Anchor>
      <PageHeader
        documentTitle={c.name}
        title={
          <Group gap="sm" component="span">
            <span>{c.name}</span>
            <StatusBadge status={c.status} />
            <RegistryFlags reading={c.registry} />
          </Group>
        }
      >
        <Button component={Link} to={`/inbox?view=all&company=${encodeURIComponent(c.id)}`} variant="default">
          {t('company.conversations')}
        </Button>
        {c.permissions.manageUsers && <Button onClick={() => setInviting(true)}>{t('invitations.invite')}</Button>}
      </PageHeader>
      {/* Once sent, the invitation shows in the users tab's list. */}
      <InviteModal
        opened={inviting}
        onClose={() => setInviting(false)}
        companyId={c.id}
        companyName={c.name}
        onInvited={() => setParams({ tab: 'users' }, { replace: true })}
      />
      <Text c="dimmed" mt={-16} mb="md" size="sm">
        {taxIdLabel(c.country, true)}{' '}
        <Text span ff="monospace">
          {formatTaxId(c.country, c.taxId)}
        </Text>{' '}
        · {t(`country.${c.country}`)}
      </Text>
      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'overview' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md" style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
          <Tabs.Tab value="overview">{t('company.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="users">{t('company.tabs.users')}</Tabs.Tab>
          <Tabs.Tab value="assignments">{t('company.tabs.assignments')}</Tabs.Tab>
          <Tabs.Tab value="status">{t('company.tabs.status')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <CompanyOverview company={c} />
        </Tabs.Panel>
        <Tabs.Panel value="users">
          <UsersTab company={c} />
        </Tabs.Panel>
        <Tabs.Panel value="assignments">
          <AssignmentsTab company={c} />
        </Tabs.Panel>
        <Tabs.Panel value="status">
          <StatusTab company={c} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
