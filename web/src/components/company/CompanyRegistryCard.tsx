import { Alert, Button, Card, Group, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useCheckRegistry } from '../../api/companies';
import type { Company } from '@bureau/common';
import { RegistryStatusLines } from './RegistryStatus';

/** Staff's view of what the public registry last said about the company, with "Check in the registry". */
export function CompanyRegistryCard({ company }: { company: Company }) {
  const { t } = useTranslation();
  const check = useCheckRegistry(company.id);
  const canCheck = company.permissions.checkRegistry && company.country !== 'OTHER';
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="company-registry-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="company-registry-title">
          {t('registryStatus.title')}
        </Title>
        {canCheck && (
          <Button
            variant="light"
            size="xs"
            loading={check.isPending}
            onClick={() =>
              check.mutate(undefined, {
                onSuccess: () => notifications.show({ color: 'green', message: t('registryStatus.checked') }),
              })
            }
          >
            {t('registryStatus.check')}
          </Button>
        )}
      </Group>
      {/* The server's message says what went wrong, in the user's language, quoting the registry where it explained. */}
      {check.error && (
        <Alert color="red" variant="light" mb="sm" role="alert">
          {check.error.message}
        </Alert>
      )}
      {company.registry ? (
        <RegistryStatusLines reading={company.registry} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('registryStatus.never')}
        </Text>
      )}
    </Card>
  );
}
