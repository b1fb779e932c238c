import { Alert, Anchor, Button, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { importReportUrl, isImportWorking, type ImportView } from '../../api/imports';
import { useFormat } from '../../lib/format';

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  const format = useFormat();
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {format.number(value)}
      </Text>
    </Paper>
  );
}

/** Step 4: the background import's progress (polled), then what it did, its report and the way to the portfolio. */
export function ImportProgressStep({ view, onAnother }: { view: ImportView; onAnother: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const working = isImportWorking(view.status);
  const share = view.rowCount ? Math.min(100, Math.round((view.processed / view.rowCount) * 100)) : 0;
  const progressText =
    view.status === 'queued'
      ? t('import.progress.queued')
      : t('import.progress.rows', { processed: format.number(view.processed), total: format.number(view.rowCount) });

  return (
    <Stack gap="md">
      {working ? (
        <Paper withBorder p="md">
          <Stack gap={6} role="status" aria-live="polite">
            <Text fw={600}>{t('import.progress.title', { name: view.fileName })}</Text>
            <Progress value={share} size="lg" animated aria-label={t('import.progress.label')} />
            <Text size="sm" c="dimmed">
              {progressText}
            </Text>
            <Text size="sm" c="dimmed">
              {t('import.progress.leave')}
            </Text>
          </Stack>
        </Paper>
      ) : view.status === 'failed' ? (
        <Alert color="red" variant="light" role="alert" title={t('import.result.failedTitle')}>
          {t('import.result.failed', { processed: format.number(view.processed), total: format.number(view.rowCount) })}
        </Alert>
      ) : (
        <Alert color="green" variant="light" role="status" title={t('import.result.title')}>
          {t('import.result.text', { name: view.fileName, date: format.dateTime(view.finishedAt) })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }}>
        <Figure label={t('import.result.created')} value={view.created} testId="result-created" />
        <Figure label={t('import.result.updated')} value={view.updated} testId="result-updated" />
        <Figure label={t('import.result.unchanged')} value={view.unchanged} testId="result-unchanged" />
        <Figure label={t('import.result.skipped')} value={view.skipped} testId="result-skipped" />
        <Figure label={t('import.result.invited')} value={view.invited} testId="result-invited" />
      </SimpleGrid>
      {!working && (
        <Group gap="sm">
          <Button component="a" href={importReportUrl(view.id, 'csv')} variant="default" download>
            {t('import.result.reportCsv')}
          </Button>
          <Button component="a" href={importReportUrl(view.id, 'xlsx')} variant="default" download>
            {t('import.result.reportXlsx')}
          </Button>
          <Button component={Link} to="/portfolio">
            {t('import.result.portfolio')}
          </Button>
          <Anchor component="button" type="button" onClick={onAnother} size="sm">
            {t('import.result.another')}
          </Anchor>
        </Group>
      )}
    </Stack>
  );
}
