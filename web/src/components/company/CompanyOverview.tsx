import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUpdateCompany } from '../../api/companies';
import type { Address, BankAccount, Company, CompanyEmail, CompanyPhone } from '@bureau/common';
import { formatIban, regionName, regionOptions } from '../../lib/regions';
import { CompanyDetailsCard } from './CompanyDetailsCard';
import { CompanyRegistryCard } from './CompanyRegistryCard';
import { CompanyEmailCard } from './CompanyEmailCard';
import { CompanyTagsCard } from './CompanyTagsCard';
import { ProfileListSection } from './ProfileListSection';

function Labelled({ label, children }: { label?: string; children: React.ReactNode }) {
  return (
    <div>
      {label && (
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
      )}
      {children}
    </div>
  );
}

/** The company's data: details, addresses, e-mails, phones and bank accounts. Used by staff and by the client's home. */
export function CompanyOverview({ company }: { company: Company }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateCompany(company.id);
  const canEdit = company.permissions.updateProfile;
  const homeRegion = company.country === 'OTHER' ? '' : company.country;
  const save =
    <K extends 'addresses' | 'emails' | 'phones' | 'bankAccounts'>(key: K) =>
    (items: Company[K], callbacks: { onSuccess: () => void; onError: (e: unknown) => void }) =>
      update.mutate({ [key]: items }, callbacks);

  return (
    <Stack gap="md">
      <CompanyDetailsCard company={company} />
      {/* Staff only: the server sends `registry` to the office's people alone. */}
      {company.registry !== undefined && <CompanyRegistryCard company={company} />}
      <CompanyTagsCard company={company} />
      <CompanyEmailCard company={company} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ProfileListSection<Address & Record<string, string | undefined>>
          name="addresses"
          title={t('company.addresses')}
          addLabel={t('company.addAddress')}
          emptyText={t('company.noAddresses')}
          itemLabel={(n) => t('company.addressN', { n })}
          items={company.addresses}
          canEdit={canEdit}
          saving={update.isPending}
          save={save('addresses')}
          fields={[
            { key: 'label', label: t('company.fieldLabel') },
            { key: 'line1', label: t('address.line1'), required: true, autoComplete: 'address-line1' },
            { key: 'line2', label: t('address.line2'), autoComplete: 'address-line2' },
            { key: 'postalCode', label: t('address.postalCode'), required: true, autoComplete: 'postal-code' },
            { key: 'city', label: t('address.city'), required: true, autoComplete: 'address-level2' },
            { key: 'region', label: t('address.region'), autoComplete: 'address-level1' },
            {
              key: 'country',
              label: t('address.country'),
              required: true,
              options: regionOptions(i18n.language, homeRegion || undefined),
              initial: homeRegion || 'PL',
            },
          ]}
          render={(a) => (
            <Labelled label={a.label}>
              <Text size="sm">
                {a.line1}
                {a.line2 ? `, ${a.line2}` : ''}
                <br />
                {a.postalCode} {a.city}
                {a.region ? `, ${a.region}` : ''}
                <br />
                {regionName(a.country, i18n.language)}
              </Text>
            </Labelled>
          )}
        />
        <ProfileListSection<CompanyEmail & Record<string, string | undefined>>
          name="emails"
          title={t('company.emails')}
          addLabel={t('company.addEmail')}
          emptyText={t('company.noEmails')}
          itemLabel={(n) => t('company.emailN', { n })}
          items={company.emails}
          canEdit={canEdit}
          saving={update.isPending}
          save={save('emails')}
          fields={[
            { key: 'label', label: t('company.fieldLabel') },
            { key: 'email', label: t('fields.email'), required: true, type: 'email' },
          ]}
          render={(e) => (
            <Labelled label={e.label}>
              <Text size="sm" component="a" href={`mailto:${e.email}`} c="blue.9">
                {e.email}
              </Text>
            </Labelled>
          )}
        />
        <ProfileListSection<CompanyPhone & Record<string, string | undefined>>
          name="phones"
          title={t('company.phones')}
          addLabel={t('company.addPhone')}
          emptyText={t('company.noPhones')}
          itemLabel={(n) => t('company.phoneN', { n })}
          items={company.phones}
          canEdit={canEdit}
          saving={update.isPending}
          save={save('phones')}
          fields={[
            { key: 'label', label: t('company.fieldLabel') },
            { key: 'phone', label: t('company.phone'), required: true, type: 'tel' },
          ]}
          render={(p) => (
            <Labelled label={p.label}>
              <Text size="sm" component="a" href={`tel:${p.phone.replace(/\s+/g, '')}`} c="blue.9">
                {p.phone}
              </Text>
            </Labelled>
          )}
        />
        <ProfileListSection<BankAccount & Record<string, string | undefined>>
          name="bankAccounts"
          title={t('company.bankAccounts')}
          addLabel={t('company.addBankAccount')}
          emptyText={t('company.noBankAccounts')}
          itemLabel={(n) => t('company.bankAccountN', { n })}
          items={company.bankAccounts}
          canEdit={canEdit}
          saving={update.isPending}
          save={save('bankAccounts')}
          fields={[
            { key: 'label', label: t('company.fieldLabel') },
            { key: 'iban', label: t('company.iban'), required: true },
            { key: 'bankName', label: t('company.bankName') },
            { key: 'currency', label: t('company.currency') },
          ]}
          render={(b) => (
            <Labelled label={b.label}>
              <Text size="sm" ff="monospace">
                {formatIban(b.iban)}
              </Text>
              {(b.bankName || b.currency) && (
                <Text size="sm" c="dimmed">
                  {[b.bankName, b.currency].filter(Boolean).join(' · ')}
                </Text>
              )}
            </Labelled>
          )}
        />
      </SimpleGrid>
    </Stack>
  );
}
