import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import {
  importFieldNames,
  type ImportColumnMapping,
  type ImportCountryCode,
  type ImportFieldName,
} from '@bureau/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCheckImport, type DryRun, type ImportView } from '../../api/imports';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useFormat } from '../../lib/format';
import { ImportReadingPanel } from './ImportReadingPanel';
import { useOnboardingLabels } from './labels';

const COUNTRIES: ImportCountryCode[] = ['PL', 'RO', 'FR', 'BE'];
const SKIP = '';

/** "A", "B" … "AA": the column letters a spreadsheet shows. */
function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** The field a column feeds, if any (the mapping is field → column). */
function fieldOf(mapping: ImportColumnMapping, column: number): ImportFieldName | null {
  return importFieldNames.find((field) => mapping[field] === column) ?? null;
}

/** Step 2: which column is which field (guessed by the server from the headers), the default country and invitations; then the rows are checked. */
export function ImportMappingStep({
  view,
  onChecked,
  onOtherFile,
}: {
  view: ImportView;
  onChecked: (dryRun: DryRun) => void;
  onOtherFile: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useOnboardingLabels();
  const [mapping, setMapping] = useState<ImportColumnMapping>(view.mapping);
  const [defaultCountry, setDefaultCountry] = useState<ImportCountryCode>(view.defaultCountry);
  const [invite, setInvite] = useState(view.invite);
  const [missing, setMissing] = useState(false);
  const check = useCheckImport(view.id);

  // One field per column: choosing a field for a column takes it from the column that had it.
  const assign = (column: number, field: ImportFieldName | null) => {
    setMissing(false);
    setMapping((prev) => {
      const next = { ...prev };
      for (const f of importFieldNames) if (next[f] === column) next[f] = null;
      if (field) next[field] = column;
      return next;
    });
  };

  const submit = () => {
    if (mapping.name === null || mapping.taxId === null) {
      setMissing(true);
      return;
    }
    check.mutate({ mapping, defaultCountry, invite }, { onSuccess: onChecked });
  };

  const samples = (column: number) =>
    view.sample
      .map((row) => (row[column] ?? '').trim())
      .filter(Boolean)
      .slice(0, 2);

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          {t('import.mapping.fileInfo', { name: view.fileName, rows: format.number(view.rowCount) })}
        </Text>
        <Button variant="subtle" size="compact-sm" onClick={onOtherFile}>
          {t('import.mapping.otherFile')}
        </Button>
      </Group>
      <ImportReadingPanel view={view} />
      <Text c="dimmed" size="sm" maw={760}>
        {t('import.mapping.intro')}
      </Text>
      <ErrorSummary error={check.error} formId="import-mapping" />
      {missing && (
        <Alert color="red" variant="light" role="alert" title={t('import.mapping.requiredTitle')}>
          {t('import.mapping.required', { name: labels.field('name'), taxId: labels.field('taxId') })}
        </Alert>
      )}
      <Paper withBorder style={{ overflowX: 'auto' }}>
        <Table verticalSpacing="xs" aria-label={t('import.mapping.table')} miw={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.mapping.col.column')}</Table.Th>
              <Table.Th>{t('import.mapping.col.samples')}</Table.Th>
              <Table.Th w={240}>{t('import.mapping.col.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.headers.map((header, column) => {
              const title = header.trim() || t('import.mapping.untitled');
              const field = fieldOf(mapping, column);
              return (
                <Table.Tr key={column} data-testid="mapping-row">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('import.mapping.columnLetter', { letter: columnLetter(column) })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {samples(column).length > 0 ? (
                      samples(column).map((value, i) => (
                        <Text key={i} size="sm" lineClamp={1} maw={320} title={value}>
                          {value}
                        </Text>
                      ))
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('import.mapping.noSamples')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={t('import.mapping.fieldLabel', { column: title })}
                      value={field ?? SKIP}
                      onChange={(event) =>
                        assign(column, (event.currentTarget.value || null) as ImportFieldName | null)
                      }
                      data={[
                        { value: SKIP, label: t('import.mapping.skip') },
                        ...importFieldNames.map((f) => ({ value: f, label: labels.field(f) })),
                      ]}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="md" maw={520}>
          <NativeSelect
            label={t('import.mapping.defaultCountry')}
            description={t('import.mapping.defaultCountryHint')}
            value={defaultCountry}
            onChange={(event) => setDefaultCountry(event.currentTarget.value as ImportCountryCode)}
            data={COUNTRIES.map((c) => ({ value: c, label: t(`country.${c}`) }))}
          />
          <Checkbox
            label={t('import.mapping.invite')}
            description={mapping.email === null ? t('import.mapping.inviteNoEmail') : t('import.mapping.inviteHint')}
            checked={invite}
            onChange={(event) => setInvite(event.currentTarget.checked)}
          />
        </Stack>
      </Paper>
      <Group>
        <Button onClick={submit} loading={check.isPending}>
          {t('import.mapping.check')}
        </Button>
      </Group>
    </Stack>
  );
}
