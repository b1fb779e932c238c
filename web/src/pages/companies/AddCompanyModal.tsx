import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCreateCompany } from '../../api/companies';
import type { Country } from '../../api/types';
import { ErrorSummary } from '../../components/ErrorSummary';
import { localError, useFormErrors } from '../../lib/forms';
import { useCountryOptions, useTaxIdLabel } from '../../lib/options';

/** "Add company": name, country and the tax id named as that country names it. */
export function AddCompanyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateCompany();
  const navigate = useNavigate();
  const form = useFormErrors('add-company');
  const countries = useCountryOptions();
  const taxIdLabel = useTaxIdLabel();
  const [name, setName] = useState('');
  const [country, setCountry] = useState<Country>('PL');
  const [taxId, setTaxId] = useState('');

  const close = () => {
    form.clear();
    setName('');
    setTaxId('');
    onClose();
  };

  const labels = { name: t('company.name'), country: t('company.country'), taxId: taxIdLabel(country) };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!name.trim()) missing.name = t('validation.required');
    if (!taxId.trim()) missing.taxId = t('validation.required');
    if (Object.keys(missing).length) return form.setError(localError('', missing));
    form.clear();
    create.mutate(
      { name: name.trim(), country, taxId: taxId.trim() },
      {
        onSuccess: (company) => {
          close();
          void navigate(`/companies/${company.id}`);
        },
        onError: form.setError,
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={t('companies.add')} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
          <TextInput
            label={labels.name}
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            {...form.field('name')}
          />
          <NativeSelect
            label={labels.country}
            data={countries}
            value={country}
            onChange={(e) => setCountry(e.currentTarget.value as Country)}
            {...form.field('country')}
          />
          <TextInput
            label={labels.taxId}
            description={t(`taxIdHint.${country}`)}
            required
            value={taxId}
            onChange={(e) => setTaxId(e.currentTarget.value)}
            autoComplete="off"
            {...form.field('taxId')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('companies.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
