import { Anchor, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { DeletedCompanyView } from '@bureau/common';
import { useDeletedCompanies, useRestoreCompany } from '../../api/companies';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../lib/format';

/** "Recently deleted": the office's companies deleted in the last 30 days, each with Restore (office admins). */
export default function DeletedCompaniesPage() {
  const { t } = useTranslation();
  const deleted = useDeletedCompanies();
  const phone = useMediaQuery('(max-width: 48em)');

  return (
    <>
      <PageHeader title={t('companyDelete.listTitle')}>
        <Anchor component={Link} to="/companies">
          {t('companyDelete.backToList')}
        </Anchor>
      </PageHeader>
      <Text size="sm" c="dimmed" mb="md" maw={720}>
        {t('companyDelete.listIntro')}
      </Text>
      {deleted.isPending ? (
        <Loading />
      ) : deleted.error ? (
        <LoadError error={deleted.error} onRetry={() => void deleted.refetch()} />
      ) : deleted.data.length === 0 ? (
        <Text>{t('companyDelete.empty')}</Text>
      ) : phone ? (
        <Stack gap="sm">
          {deleted.data.map((company) => (
            <Card key={company.id} withBorder padding="sm">
              <Text fw={500}>{company.name}</Text>
              <DeletedDetails company={company} />
              <Group mt="sm">
                <RestoreButton company={company} />
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('companyDelete.col.company')}</Table.Th>
              <Table.Th>{t('companyDelete.col.deleted')}</Table.Th>
              <Table.Th>{t('companyDelete.col.until')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('companyDelete.col.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deleted.data.map((company) => (
              <DeletedRow key={company.id} company={company} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

function DeletedRow({ company }: { company: DeletedCompanyView }) {
  const format = useFormat();
  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={500}>{company.name}</Text>
        <Text size="sm" c="dimmed">
          {company.taxIdFormatted}
        </Text>
      </Table.Td>
      <Table.Td>
        {format.dateTime(company.deletedAt)}
        {company.deletedBy && (
          <Text size="sm" c="dimmed">
            {company.deletedBy.name}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{format.date(company.restorableUntil)}</Table.Td>
      <Table.Td>
        <RestoreButton company={company} />
      </Table.Td>
    </Table.Tr>
  );
}

function DeletedDetails({ company }: { company: DeletedCompanyView }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Text size="sm" c="dimmed">
      {company.taxIdFormatted} ·{' '}
      {t('companyDelete.deletedOn', {
        date: format.dateTime(company.deletedAt),
        name: company.deletedBy?.name ?? '—',
      })}{' '}
      · {t('companyDelete.until', { date: format.date(company.restorableUntil) })}
    </Text>
  );
}

function RestoreButton({ company }: { company: DeletedCompanyView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const restore = useRestoreCompany();
  return (
    <Button
      variant="default"
      loading={restore.isPending && restore.variables === company.id}
      aria-label={t('companyDelete.restoreNamed', { name: company.name })}
      onClick={() =>
        restore.mutate(company.id, {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('companyDelete.restored', { name: company.name }) });
            void navigate(`/companies/${company.id}`);
          },
          onError: () => notifications.show({ color: 'red', message: t('companyDelete.restoreFailed') }),
        })
      }
    >
      {t('companyDelete.restore')}
    </Button>
  );
}
