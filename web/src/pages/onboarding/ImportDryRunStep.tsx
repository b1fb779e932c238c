import { Alert, Badge, Button, Group, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { importFieldNames, type ImportFieldName, type ImportRowAction } from '@bureau/common';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommitImport, type DryRun, type DryRunRow, type ImportView } from '../../api/imports';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormat } from '../../lib/format';
import { actionColor, useOnboardingLabels } from './labels';

type Show = 'all' | ImportRowAction | 'warned';
const ACTIONS: ImportRowAction[] = ['create', 'update', 'unchanged', 'skip'];

/** Step 3: what the import would do, row by row, with the reasons a row is skipped; nothing is written until "Import". */
export function ImportDryRunStep({
  dryRun,
  onBack,
  onCommitted,
}: {
  dryRun: DryRun;
  onBack: () => void;
  onCommitted: (view: ImportView) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useOnboardingLabels();
  const message = useErrorMessage();
  const phone = useMediaQuery('(max-width: 48em)');
  const commit = useCommitImport(dryRun.import.id);
  const [show, setShow] = useState<Show>('all');
  const { summary } = dryRun;
  const rows = useMemo(
    () =>
      show === 'all'
        ? dryRun.rows
        : show === 'warned'
          ? dryRun.rows.filter((r) => r.action !== 'skip' && r.warnings.length > 0)
          : dryRun.rows.filter((r) => r.action === show),
    [dryRun.rows, show],
  );
  const toImport = summary.create + summary.update;
  const total = ACTIONS.reduce((sum, a) => sum + summary[a], 0);

  const summaryBadges: { key: string; label: string; value: number; color: string }[] = [
    { key: 'create', label: t('import.summary.create'), value: summary.create, color: actionColor.create },
    { key: 'update', label: t('import.summary.update'), value: summary.update, color: actionColor.update },
    { key: 'unchanged', label: t('import.summary.unchanged'), value: summary.unchanged, color: actionColor.unchanged },
    { key: 'skip', label: t('import.summary.skip'), value: summary.skip, color: actionColor.skip },
    { key: 'invite', label: t('import.summary.invite'), value: summary.invite, color: 'grape' },
    ...(summary.warn > 0
      ? [{ key: 'warn', label: t('import.summary.warn'), value: summary.warn, color: 'yellow' }]
      : []),
  ];

  return (
    <Stack gap="md">
      <Text c="dimmed" size="sm" maw={760}>
        {t('import.dryRun.intro')}
      </Text>
      <Group gap="xs" role="list" aria-label={t('import.dryRun.summary')}>
        {summaryBadges.map((b) => (
          <Badge
            key={b.key}
            role="listitem"
            size="lg"
            variant="light"
            color={b.color}
            tt="none"
            data-testid={`summary-${b.key}`}
          >
            {b.label}: {format.number(b.value)}
          </Badge>
        ))}
      </Group>
      <SegmentedControl
        value={show}
        onChange={(v) => setShow(v as Show)}
        aria-label={t('import.dryRun.filter')}
        orientation={phone ? 'vertical' : 'horizontal'}
        fullWidth={phone}
        style={{ alignSelf: phone ? 'stretch' : 'flex-start' }}
        data={[
          { value: 'all', label: `${t('import.dryRun.filterAll')} (${format.number(total)})` },
          ...ACTIONS.map((a) => ({ value: a, label: `${labels.rowAction(a)} (${format.number(summary[a])})` })),
          ...(summary.warn > 0
            ? [{ value: 'warned', label: `${t('import.dryRun.filterWarned')} (${format.number(summary.warn)})` }]
            : []),
        ]}
      />
      {dryRun.rows.length < total && (
        <Text size="sm" c="dimmed">
          {t('import.dryRun.truncated', { shown: format.number(dryRun.rows.length), total: format.number(total) })}
        </Text>
      )}
      <Paper withBorder style={{ overflowX: 'auto' }}>
        <Table verticalSpacing="xs" aria-label={t('import.dryRun.table')} miw={860}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th ta="right">{t('import.dryRun.col.line')}</Table.Th>
              <Table.Th>{t('import.dryRun.col.action')}</Table.Th>
              <Table.Th>{t('import.dryRun.col.name')}</Table.Th>
              <Table.Th>{t('import.dryRun.col.taxId')}</Table.Th>
              <Table.Th>{t('import.dryRun.col.country')}</Table.Th>
              <Table.Th>{t('import.dryRun.col.email')}</Table.Th>
              <Table.Th>{t('import.dryRun.col.reasons')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <DryRunTableRow key={row.line} row={row} />
            ))}
          </Table.Tbody>
        </Table>
        {rows.length === 0 && (
          <Text c="dimmed" p="md" ta="center">
            {t('import.dryRun.noRows')}
          </Text>
        )}
      </Paper>
      {commit.error && (
        <Alert color="red" variant="light" role="alert" title={message(commit.error)}>
          {t('import.dryRun.commitFailed')}
        </Alert>
      )}
      {toImport === 0 && summary.invite === 0 && (
        <Alert color="yellow" variant="light">
          {t('import.dryRun.nothing')}
        </Alert>
      )}
      <Group>
        <Button variant="default" onClick={onBack} disabled={commit.isPending}>
          {t('import.dryRun.back')}
        </Button>
        <Button
          onClick={() =>
            commit.mutate(
              {
                mapping: dryRun.import.mapping,
                defaultCountry: dryRun.import.defaultCountry,
                invite: dryRun.import.invite,
              },
              { onSuccess: onCommitted },
            )
          }
          loading={commit.isPending}
          disabled={toImport === 0 && summary.invite === 0}
        >
          {t('import.dryRun.commit', { n: format.number(toImport) })}
        </Button>
      </Group>
    </Stack>
  );
}

function DryRunTableRow({ row }: { row: DryRunRow }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useOnboardingLabels();
  return (
    <Table.Tr data-testid="dry-run-row" data-action={row.action}>
      <Table.Td ta="right">{row.line}</Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start" style={{ width: 'max-content' }}>
          <Badge variant="light" color={actionColor[row.action]} style={{ flexShrink: 0 }}>
            {labels.rowAction(row.action)}
          </Badge>
          {row.invite && (
            <Badge variant="outline" color="grape" style={{ flexShrink: 0 }}>
              {t('import.dryRun.invite')}
            </Badge>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>{row.name || '—'}</Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {row.taxId || '—'}
        </Text>
      </Table.Td>
      <Table.Td>{row.country || '—'}</Table.Td>
      <Table.Td>{row.email || '—'}</Table.Td>
      <Table.Td>
        {row.errors.map((e, i) => (
          <Text key={i} size="sm" c="red.8">
            {t('import.dryRun.reason', { field: labels.field(e.field), message: labels.rowError(e.code) })}
          </Text>
        ))}
        {row.warnings.map((w, i) => (
          <Text key={`w${i}`} size="sm" c="#7a4300" data-testid="row-warning">
            {t('import.dryRun.warning', { field: labels.field(w.field), message: labels.rowWarning(w.code) })}
          </Text>
        ))}
        {row.changes.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('import.dryRun.changes', {
              fields: format.list(row.changes.map((c) => (isField(c) ? labels.field(c) : c.toUpperCase()))),
            })}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

const isField = (value: string): value is ImportFieldName => (importFieldNames as readonly string[]).includes(value);
