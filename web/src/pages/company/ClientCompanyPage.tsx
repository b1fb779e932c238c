import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useCompany } from '../../api/companies';
import { useSignedInMe } from '../../api/me';
import { CompanyOverview } from '../../components/company/CompanyOverview';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';

/** A client's company: its data as the office keeps it (the client menu's "Company"). Staff have the company list. */
export default function ClientCompanyPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const company = useCompany(me.kind === 'client' ? me.company?.id : undefined);
  if (me.kind === 'staff') return <Navigate to="/companies" replace />;
  if (!me.company) return <Navigate to="/" replace />;
  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('clientNav.companyTitle')} documentTitle={me.company.name}>
        {me.can.manageColleagues && (
          <Anchor component={Link} to="/colleagues" fw={500}>
            {t('invitations.colleagues.homeLink')}
          </Anchor>
        )}
      </PageHeader>
      {company.isPending ? (
        <Loading />
      ) : company.error ? (
        <LoadError error={company.error} onRetry={() => void company.refetch()} />
      ) : (
        <>
          {!company.data.permissions.updateProfile && (
            <Group>
              <Text size="sm" c="dimmed">
                {t('home.readOnly')}
              </Text>
            </Group>
          )}
          <CompanyOverview company={company.data} />
        </>
      )}
    </Stack>
  );
}
