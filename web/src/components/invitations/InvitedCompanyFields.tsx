import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InvitedCompany } from '@bureau/common';
import { useRegistryLookup } from '../../api/companies';
import type { useFormErrors } from '../../lib/forms';
import { useCountryOptions, useTaxIdLabel } from '../../lib/options';

export type InvitedCompanyDraft = {
  country: InvitedCompany['country'];
  taxId: string;
  name: string;
  address?: InvitedCompany['address'];
  registry?: string;
};

export const emptyInvitedCompany = (): InvitedCompanyDraft => ({ country: 'PL', taxId: '', name: '' });

/**
 * The client company of an invitation named by its tax id: the public registry fills in its name and address; a company
 * the office already has with that id is the one invited to (the server decides).
 */
export function InvitedCompanyFields({
  value,
  onChange,
  form,
}: {
  value: InvitedCompanyDraft;
  onChange: (next: InvitedCompanyDraft) => void;
  form: ReturnType<typeof useFormErrors>;
}) {
  const { t } = useTranslation();
  const countries = useCountryOptions().filter((c) => c.value !== 'OTHER');
  const taxIdLabel = useTaxIdLabel();
  const lookup = useRegistryLookup();
  const find = () =>
    lookup.mutate(
      { country: value.country, taxId: value.taxId.trim() },
      {
        onSuccess: (found) => {
          const a = found.address;
          const address =
            a?.line1 && a.postalCode && a.city
              ? {
                  line1: a.line1,
                  postalCode: a.postalCode,
                  city: a.city,
                  country: a.country,
                  ...(a.region && { region: a.region }),
                }
              : undefined;
          onChange({ ...value, name: found.name || value.name, address, registry: a?.raw });
          form.clear();
        },
        onError: form.setError,
      },
    );
  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <NativeSelect
          label={t('company.country')}
          data={countries}
          value={value.country}
          onChange={(e) =>
            onChange({ ...emptyInvitedCompany(), country: e.currentTarget.value as InvitedCompanyDraft['country'] })
          }
          {...form.field('country')}
        />
        <TextInput
          label={taxIdLabel(value.country)}
          required
          autoComplete="off"
          value={value.taxId}
          // What the registry found belongs to the number it was found for.
          onChange={(e) =>
            onChange({ ...value, taxId: e.currentTarget.value, address: undefined, registry: undefined })
          }
          {...form.field('taxId')}
        />
      </Group>
      <Group gap="sm">
        <Button variant="light" loading={lookup.isPending} disabled={!value.taxId.trim()} onClick={find}>
          {t('companies.registryLookup')}
        </Button>
      </Group>
      <TextInput
        label={t('company.name')}
        required
        value={value.name}
        onChange={(e) => onChange({ ...value, name: e.currentTarget.value })}
        {...form.field('companyName')}
      />
      {value.registry && (
        <Alert color="blue" variant="light" p="xs">
          <Text size="sm">{value.registry}</Text>
        </Alert>
      )}
    </Stack>
  );
}
