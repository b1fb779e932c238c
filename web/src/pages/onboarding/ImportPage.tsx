import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAcceptImport, useImport, type DryRun, type ImportView } from '../../api/imports';
import { Loading, LoadError } from '../../components/Feedback';
import { PageHeader } from '../../components/PageHeader';
import { ImportDryRunStep } from './ImportDryRunStep';
import { ImportFileStep } from './ImportFileStep';
import { ImportMappingStep } from './ImportMappingStep';
import { ImportProgressStep } from './ImportProgressStep';
import { ImportSteps } from './ImportSteps';
import { RecentImports } from './RecentImports';

/**
 * Portfolio import (owner and admins), one page in four steps: file → columns → check → import. The import's id
 * sits in the address, so a reload or a link from the recent list comes back to the same step.
 */
const readingKey = (view: ImportView) =>
  `${view.id}:${view.reading?.encoding}:${view.reading?.sheet}:${view.reading?.headerRow}`;

export default function ImportPage() {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const [params, setParams] = useSearchParams();
  const id = params.get('id');
  const current = useImport(id);
  const accept = useAcceptImport();
  const [dryRun, setDryRun] = useState<DryRun | null>(null);

  // A dry run belongs to the import it checked.
  useEffect(() => setDryRun((d) => (d && d.import.id === id ? d : null)), [id]);

  const open = (view: ImportView | null) => {
    if (view) accept(view);
    setDryRun(null);
    setParams(view ? { id: view.id } : {});
  };

  const view = id ? current.data : undefined;
  const step = !id ? 0 : !view ? -1 : view.status === 'draft' ? (dryRun ? 2 : 1) : 3;
  const steps = [
    { label: t('import.steps.file'), description: t('import.steps.fileHint') },
    { label: t('import.steps.mapping'), description: t('import.steps.mappingHint') },
    { label: t('import.steps.check'), description: t('import.steps.checkHint') },
    { label: t('import.steps.import'), description: t('import.steps.importHint') },
  ];
  const stepTitles = [
    t('import.file.title'),
    t('import.mapping.title'),
    t('import.dryRun.title'),
    t('import.progress.heading'),
  ];

  return (
    <Stack gap="lg">
      <PageHeader title={t('import.title')} />
      <Group gap="xs" mt={-16}>
        <Anchor component={Link} to="/companies" size="sm">
          ← {t('import.backToCompanies')}
        </Anchor>
      </Group>
      <Text c="dimmed" maw={760}>
        {t('import.intro')}
      </Text>
      {step >= 0 &&
        (phone ? (
          <Text size="sm" fw={600} c="blue.9">
            {t('import.stepOf', { step: step + 1, steps: 4, name: steps[step]?.label })}
          </Text>
        ) : (
          <ImportSteps active={step} steps={steps} />
        ))}
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="import-step-title">
        {step >= 0 && (
          <Title order={2} size="h3" id="import-step-title" mb="md">
            {stepTitles[step]}
          </Title>
        )}
        {step === 0 && <ImportFileStep onUploaded={open} />}
        {step === -1 &&
          (current.error ? <LoadError error={current.error} onRetry={() => void current.refetch()} /> : <Loading />)}
        {/* Read again another way, the file has other columns: the mapping starts from the new guess. */}
        {step === 1 && view && (
          <ImportMappingStep key={readingKey(view)} view={view} onChecked={setDryRun} onOtherFile={() => open(null)} />
        )}
        {step === 2 && dryRun && (
          <ImportDryRunStep dryRun={dryRun} onBack={() => setDryRun(null)} onCommitted={(v) => open(v)} />
        )}
        {step === 3 && view && <ImportProgressStep view={view} onAnother={() => open(null)} />}
      </Paper>
      <RecentImports currentId={id} />
    </Stack>
  );
}
