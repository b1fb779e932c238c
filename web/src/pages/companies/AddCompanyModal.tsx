import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCreateCompany, useRegistryLookup, type RegistryCompany } from '../../api/companies';
import type { Address, OfficeCountry } from '@bureau/common';
import { registryFlags, RegistryStatusLines } from '../../components/company/RegistryStatus';
import { ErrorSummary } from '../../components/ErrorSummary';
import { localError, useFormErrors } from '../../lib/forms';
import { useCountryOptions, useTaxIdLabel } from '../../lib/options';
import { useTaxIdFieldError } from '../../components/company/TaxIdTakenLink';

/** "Add company": name, country and the tax id named as that country names it. */
export function AddCompanyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateCompany();
  const navigate = useNavigate();
  const form = useFormErrors('add-company');
  const taxIdError = useTaxIdFieldError(form.error, form.fields.taxId);
  const countries = useCountryOptions();
  const taxIdLabel = useTaxIdLabel();
  const [name, setName] = useState('');
  const [country, setCountry] = useState<OfficeCountry>('PL');
  const [taxId, setTaxId] = useState('');
  const lookup = useRegistryLookup();
  const [found, setFound] = useState<RegistryCompany | null>(null);

  const close = () => {
    form.clear();
    setName('');
    setTaxId('');
    setFound(null);
    lookup.reset();
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
    // What the registry found comes along (its address and, in Poland, the White List's accounts).
    const registered = found;
    const address: Address | undefined =
      registered?.address?.line1 && registered.address.postalCode && registered.address.city
        ? {
            label: t('company.registeredOffice'),
            line1: registered.address.line1,
            ...(registered.address.line2 && { line2: registered.address.line2 }),
            postalCode: registered.address.postalCode,
            city: registered.address.city,
            country: registered.address.country,
            ...(registered.address.region && { region: registered.address.region }),
          }
        : undefined;
    create.mutate(
      {
        name: name.trim(),
        country,
        taxId: taxId.trim(),
        ...(address && { addresses: [address] }),
        ...(registered?.bankAccounts?.length && { bankAccounts: registered.bankAccounts.map((iban) => ({ iban })) }),
      },
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
    <Modal
      opened={opened}
      onClose={close}
      title={t('companies.add')}
      size="md"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
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
            onChange={(e) => {
              setCountry(e.currentTarget.value as OfficeCountry);
              setFound(null);
            }}
            {...form.field('country')}
          />
          <TextInput
            label={labels.taxId}
            description={t(`taxIdHint.${country}`)}
            required
            value={taxId}
            // What was found belongs to the number it was found for.
            onChange={(e) => {
              setTaxId(e.currentTarget.value);
              setFound(null);
            }}
            autoComplete="off"
            {...form.field('taxId')}
            error={taxIdError}
          />
          {country !== 'OTHER' && (
            <Group gap="sm">
              <Button
                variant="light"
                loading={lookup.isPending}
                disabled={!taxId.trim()}
                onClick={() =>
                  lookup.mutate(
                    { country, taxId: taxId.trim() },
                    {
                      onSuccess: (company) => {
                        setFound(company);
                        if (company.name) setName(company.name);
                        form.clear();
                      },
                      onError: (error) => {
                        setFound(null);
                        form.setError(error);
                      },
                    },
                  )
                }
              >
                {t('companies.registryLookup')}
              </Button>
            </Group>
          )}
          {found && (
            <Alert
              // A struck-off or inactive company must not look like an ordinary find.
              color={registryFlags({ ...found, outcome: 'found' }).length ? 'red' : 'blue'}
              variant="light"
              title={t('companies.registryFound', { registry: t(`companies.registry.${found.source}`) })}
            >
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  {found.name}
                </Text>
                {found.address && (
                  <Text size="sm">
                    {[
                      found.address.line1,
                      found.address.line2,
                      [found.address.postalCode, found.address.city].filter(Boolean).join(' '),
                      found.address.region,
                    ]
                      .filter(Boolean)
                      .join(', ')}
                  </Text>
                )}
                {found.bankAccounts && found.bankAccounts.length > 0 && (
                  <Text size="sm">{t('companies.bankAccountsFound', { count: found.bankAccounts.length })}</Text>
                )}
                <RegistryStatusLines reading={{ ...found, outcome: 'found' }} />
              </Stack>
            </Alert>
          )}
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
