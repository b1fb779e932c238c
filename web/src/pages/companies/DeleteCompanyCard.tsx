import { Alert, Button, Card, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Company } from '@bureau/common';
import { useDeleteCompany } from '../../api/companies';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useFormErrors } from '../../lib/forms';

/** Deleting the company (office admins): says what happens and that it can be undone for 30 days, then asks. */
export function DeleteCompanyCard({ company }: { company: Company }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteCompany(company.id);
  const form = useFormErrors('company-delete');
  const [asking, setAsking] = useState(false);

  const confirm = () => {
    form.clear();
    remove.mutate(undefined, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('companyDelete.deleted', { name: company.name }) });
        void navigate('/companies');
      },
      onError: form.setError,
    });
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="delete-title">
      <Title order={2} size="h4" id="delete-title" mb="sm">
        {t('companyDelete.title')}
      </Title>
      <Text size="sm" mb="md">
        {t('companyDelete.intro')}
      </Text>
      <Button color="red" variant="outline" onClick={() => setAsking(true)}>
        {t('companyDelete.delete')}
      </Button>
      <Modal
        opened={asking}
        onClose={() => setAsking(false)}
        title={t('companyDelete.confirmTitle', { name: company.name })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <ErrorSummary error={form.error} formId={form.formId} labels={{}} />
          <Alert color="orange" variant="light">
            <List size="sm" spacing={4}>
              <List.Item>{t('companyDelete.effectHidden')}</List.Item>
              <List.Item>{t('companyDelete.effectClients')}</List.Item>
              <List.Item>{t('companyDelete.effectRestore')}</List.Item>
              <List.Item>{t('companyDelete.effectPurge')}</List.Item>
            </List>
          </Alert>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setAsking(false)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={confirm}>
              {t('companyDelete.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
