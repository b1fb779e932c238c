import { Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateCompany } from '../../api/companies';
import type { Company, OfficeCountry } from '@bureau/common';
import { useFormat } from '../../lib/format';
import { localError, useFormErrors } from '../../lib/forms';
import { useCountryOptions, useTaxIdLabel } from '../../lib/options';
import { ErrorSummary } from '../ErrorSummary';
import { StatusBadge } from '../StatusBadge';
import { formatTaxId } from '@common/validation/tax-id';
import { useTaxIdFieldError } from './TaxIdTakenLink';

/** Name, country, tax id (in France the SIREN and the establishment's SIRET) and status; name and tax id editable with `permissions.update`. */
export function CompanyDetailsCard({ company }: { company: Company }) {
  const { t } = useTranslation();
  const format = useFormat();
  const taxIdLabel = useTaxIdLabel();
  const countries = useCountryOptions();
  const update = useUpdateCompany(company.id);
  const form = useFormErrors('company-details');
  const taxIdError = useTaxIdFieldError(form.error, form.fields.taxId);
  const [draft, setDraft] = useState<{ name: string; country: OfficeCountry; taxId: string } | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const missing: Record<string, string> = {};
    if (!draft.name.trim()) missing.name = t('validation.required');
    if (!draft.taxId.trim()) missing.taxId = t('validation.required');
    if (Object.keys(missing).length) return form.setError(localError('', missing));
    form.clear();
    update.mutate(
      { name: draft.name.trim(), country: draft.country, taxId: draft.taxId.trim() },
      {
        onSuccess: () => {
          setDraft(null);
          notifications.show({ color: 'green', message: t('common.saved') });
        },
        onError: form.setError,
      },
    );
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="company-details-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="company-details-title">
          {t('company.details')}
        </Title>
        {company.permissions.update && !draft && (
          <Button
            variant="light"
            size="xs"
            // The SIRET, when there is one, says more than the SIREN it starts with; saving the SIREN alone drops it.
            onClick={() =>
              setDraft({ name: company.name, country: company.country, taxId: company.siret ?? company.taxId })
            }
          >
            {t('common.edit')}
          </Button>
        )}
      </Group>
      {draft ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ErrorSummary
              error={form.error}
              formId={form.formId}
              labels={{ name: t('company.name'), country: t('company.country'), taxId: taxIdLabel(draft.country) }}
            />
            <TextInput
              label={t('company.name')}
              required
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
              {...form.field('name')}
            />
            <NativeSelect
              label={t('company.country')}
              data={countries}
              value={draft.country}
              onChange={(e) => setDraft({ ...draft, country: e.currentTarget.value as OfficeCountry })}
              {...form.field('country')}
            />
            <TextInput
              label={taxIdLabel(draft.country)}
              description={t(`taxIdHint.${draft.country}`)}
              required
              value={draft.taxId}
              onChange={(e) => setDraft({ ...draft, taxId: e.currentTarget.value })}
              {...form.field('taxId')}
              error={taxIdError}
            />
            <Group justify="flex-end" gap="sm">
              <Button
                variant="default"
                onClick={() => {
                  setDraft(null);
                  form.clear();
                }}
              >
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={update.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" component="dl" m={0}>
          <Detail term={t('company.name')}>{company.name}</Detail>
          <Detail term={taxIdLabel(company.country, true)}>
            <Text ff="monospace" span>
              {formatTaxId(company.country, company.taxId)}
            </Text>
          </Detail>
          {company.siret && (
            <Detail term={t('company.siret')}>
              <Text ff="monospace" span>
                {formatTaxId(company.country, company.siret)}
              </Text>
            </Detail>
          )}
          <Detail term={t('company.country')}>{t(`country.${company.country}`)}</Detail>
          <Detail term={t('company.statusLabel')}>
            <Group gap="xs">
              <StatusBadge status={company.status} />
              {company.statusChangedAt && (
                <Text size="sm" c="dimmed" span>
                  {t('company.since', { date: format.date(company.statusChangedAt) })}
                </Text>
              )}
            </Group>
          </Detail>
        </SimpleGrid>
      )}
    </Card>
  );
}

export function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {term}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {children}
      </Text>
    </div>
  );
}
