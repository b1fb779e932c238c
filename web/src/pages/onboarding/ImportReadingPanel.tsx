import { Group, NativeSelect, Paper, Stack, Text } from '@mantine/core';
import { importEncodings, type ImportEncoding } from '@bureau/common';
import { useTranslation } from 'react-i18next';
import { useRereadImport, type ImportView } from '../../api/imports';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useFormat } from '../../lib/format';

/**
 * How the server read the file — the encoding of a CSV, the worksheet, the row holding the column names, totals left
 * out — with a choice for each: a person who sees "Å‚" in the names or the title as a column picks again, and the same
 * file is read again their way (no new upload).
 */
export function ImportReadingPanel({ view }: { view: ImportView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reread = useRereadImport(view.id);
  const reading = view.reading;
  if (!reading) return null;
  const nameColumn = view.mapping.name ?? 0;
  const names = view.sample
    .map((row) => (row[nameColumn] ?? '').trim())
    .filter(Boolean)
    .slice(0, 3);
  const rowLabel = (cells: string[]) => cells.filter(Boolean).join(' · ').slice(0, 90) || t('import.reading.emptyRow');

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-reading-title">
      <Stack gap="sm">
        <Text fw={600} id="import-reading-title">
          {t('import.reading.title')}
        </Text>
        <ErrorSummary error={reread.error} formId="import-reading" />
        <Group align="flex-start" gap="md" wrap="wrap">
          {reading.format === 'csv' && (
            <NativeSelect
              label={t('import.reading.encoding')}
              description={
                reading.encodingDetected ? t('import.reading.encodingHint') : t('import.reading.encodingChosen')
              }
              value={reading.encoding ?? 'utf-8'}
              disabled={reread.isPending}
              onChange={(event) => reread.mutate({ encoding: event.currentTarget.value as ImportEncoding })}
              data={importEncodings.map((encoding) => ({
                value: encoding,
                label: t(`import.reading.encodings.${encoding}`),
              }))}
              w={{ base: '100%', sm: 360 }}
            />
          )}
          {reading.sheets.length > 1 && (
            <NativeSelect
              label={t('import.reading.sheet')}
              value={String(reading.sheet)}
              disabled={reread.isPending}
              onChange={(event) => reread.mutate({ sheet: Number(event.currentTarget.value) })}
              data={reading.sheets.map((name, index) => ({ value: String(index), label: name }))}
              w={{ base: '100%', sm: 240 }}
            />
          )}
          <NativeSelect
            label={t('import.reading.headerRow')}
            description={t('import.reading.headerRowHint')}
            value={String(reading.headerRow)}
            disabled={reread.isPending}
            onChange={(event) => reread.mutate({ headerRow: Number(event.currentTarget.value) })}
            data={reading.topRows.map((row) => ({
              value: String(row.row),
              label: t('import.reading.rowOption', { row: row.row, cells: rowLabel(row.cells) }),
            }))}
            w={{ base: '100%', sm: 420 }}
          />
        </Group>
        {names.length > 0 && (
          <Text size="sm" data-testid="reading-names">
            {t('import.reading.namesPreview', { names: format.list(names) })}
          </Text>
        )}
        {reading.footers.length > 0 && (
          <Text size="sm" c="dimmed" data-testid="reading-footers">
            {t('import.reading.footers', {
              rows: format.list(
                reading.footers.map((f) => t('import.reading.footerRow', { row: f.row, text: f.text })),
              ),
            })}
          </Text>
        )}
        {reread.isPending && (
          <Text size="sm" c="dimmed" role="status">
            {t('import.reading.rereading')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
