import { Alert, Button, Card, Group, Modal, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetCompanyStatus, useStatusHistory } from '../../api/companies';
import type { Company, CompanyStatus } from '@bureau/common';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading, LoadError } from '../../components/Feedback';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../lib/format';
import { useFormErrors } from '../../lib/forms';
import { DeleteCompanyCard } from './DeleteCompanyCard';

/** Activate or deactivate the company (with a reason and a confirmation) and see when it happened before. */
export function StatusTab({ company }: { company: Company }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useStatusHistory(company.id);
  // The change asked for, fixed when the dialog opens (the company updates under it once saved).
  const [target, setTarget] = useState<CompanyStatus | null>(null);
  const active = company.status === 'active';

  return (
    <Stack gap="md" maw={720}>
      <Card withBorder padding="md" component="section" aria-labelledby="status-title">
        <Title order={2} size="h4" id="status-title" mb="sm">
          {t('status.title')}
        </Title>
        <Group gap="sm" mb="sm">
          <StatusBadge status={company.status} />
          {company.statusChangedAt && (
            <Text size="sm" c="dimmed">
              {t('company.since', { date: format.dateTime(company.statusChangedAt) })}
            </Text>
          )}
        </Group>
        <Text size="sm" mb="md">
          {active ? t('status.activeText') : t('status.inactiveText')}
        </Text>
        {company.permissions.setStatus && (
          <Button
            color={active ? 'red' : 'green'}
            variant={active ? 'outline' : 'filled'}
            onClick={() => setTarget(active ? 'inactive' : 'active')}
          >
            {active ? t('status.deactivate') : t('status.activate')}
          </Button>
        )}
      </Card>

      <Card withBorder padding="md" component="section" aria-labelledby="status-history-title">
        <Title order={2} size="h4" id="status-history-title" mb="md">
          {t('status.history')}
        </Title>
        {history.isPending ? (
          <Loading />
        ) : history.error ? (
          <LoadError error={history.error} onRetry={() => void history.refetch()} />
        ) : history.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('status.noHistory')}
          </Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2} active={-1}>
            {history.data.map((entry, i) => (
              <Timeline.Item
                key={`${entry.changedAt}-${i}`}
                title={entry.status === 'active' ? t('status.becameActive') : t('status.becameInactive')}
              >
                <Text size="sm" c="dimmed">
                  {format.dateTime(entry.changedAt)}
                  {entry.changedBy ? ` · ${entry.changedBy.name}` : ''}
                </Text>
                {entry.reason && (
                  <Text size="sm" mt={2} className="pre-wrap">
                    {entry.reason}
                  </Text>
                )}
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Card>

      {company.permissions.delete && <DeleteCompanyCard company={company} />}

      <StatusModal company={company} target={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}

function StatusModal({
  company,
  target,
  onClose,
}: {
  company: Company;
  target: CompanyStatus | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const setStatus = useSetCompanyStatus(company.id);
  const form = useFormErrors('company-status');
  const [reason, setReason] = useState('');
  const deactivating = target === 'inactive';

  const close = () => {
    setReason('');
    form.clear();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.clear();
    setStatus.mutate(
      { status: deactivating ? 'inactive' : 'active', ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            message: deactivating
              ? t('status.deactivated', { name: company.name })
              : t('status.activated', { name: company.name }),
          });
          close();
        },
        onError: form.setError,
      },
    );
  };

  return (
    <Modal
      opened={target !== null}
      onClose={close}
      title={
        deactivating
          ? t('status.confirmDeactivateTitle', { name: company.name })
          : t('status.confirmActivateTitle', { name: company.name })
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <ErrorSummary error={form.error} formId={form.formId} labels={{ reason: t('status.reason') }} />
          <Alert color={deactivating ? 'orange' : 'blue'} variant="light">
            {deactivating ? t('status.deactivateWarning') : t('status.activateInfo')}
          </Alert>
          <Textarea
            label={t('status.reason')}
            description={t('status.reasonHint')}
            autosize
            minRows={2}
            maxRows={6}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
            {...form.field('reason')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={deactivating ? 'red' : 'green'} loading={setStatus.isPending}>
              {deactivating ? t('status.deactivate') : t('status.activate')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
