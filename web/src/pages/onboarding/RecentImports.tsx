import { Anchor, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useImports } from '../../api/imports';
import { LoadError } from '../../components/Feedback';
import { useFormat } from '../../lib/format';
import { importStatusColor, useOnboardingLabels } from './labels';

/** The office's latest imports: a draft to finish, one at work, or a finished one and its report. */
export function RecentImports({ currentId }: { currentId: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useOnboardingLabels();
  const imports = useImports();
  if (imports.isPending) return null;
  if (imports.error) return <LoadError error={imports.error} onRetry={() => void imports.refetch()} />;
  const items = imports.data.slice(0, 10);

  return (
    <Stack gap="xs" component="section" aria-labelledby="recent-imports">
      <Title order={2} size="h4" id="recent-imports">
        {t('import.recent.title')}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('import.recent.empty')}
        </Text>
      ) : (
        <Paper withBorder style={{ overflowX: 'auto' }}>
          <Table verticalSpacing="xs" miw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.recent.col.file')}</Table.Th>
                <Table.Th>{t('import.recent.col.date')}</Table.Th>
                <Table.Th ta="right">{t('import.recent.col.rows')}</Table.Th>
                <Table.Th>{t('import.recent.col.status')}</Table.Th>
                <Table.Th>{t('import.recent.col.result')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/companies/import?id=${encodeURIComponent(item.id)}`}
                      size="sm"
                      fw={item.id === currentId ? 700 : 500}
                      aria-current={item.id === currentId ? 'page' : undefined}
                    >
                      {item.fileName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{format.dateTime(item.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">{format.number(item.rowCount)}</Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={importStatusColor[item.status]}
                      style={{ width: 'max-content', maxWidth: 'none' }}
                    >
                      {labels.status(item.status)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {item.status === 'draft'
                        ? '—'
                        : t('import.recent.resultLine', {
                            created: format.number(item.created),
                            updated: format.number(item.updated),
                            skipped: format.number(item.skipped),
                            invited: format.number(item.invited),
                          })}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
