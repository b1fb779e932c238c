import { Badge, Button, Card, Group, MultiSelect, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssignments, useSaveAssignments } from '../../api/companies';
import { useStaff } from '../../api/office';
import { type Company, specialties, type Specialty } from '@bureau/common';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Loading, LoadError } from '../../components/Feedback';
import { useFormErrors } from '../../lib/forms';

type Draft = Record<Specialty, string[]>;

/** Which staff look after the company, per specialty. */
export function AssignmentsTab({ company }: { company: Company }) {
  const { t } = useTranslation();
  const assignments = useAssignments(company.id);
  const canEdit = company.permissions.manageAssignments;
  const staff = useStaff();
  const save = useSaveAssignments(company.id);
  const form = useFormErrors('assignments');
  const [draft, setDraft] = useState<Draft | null>(null);

  const current: Draft = useMemo(() => {
    const byRole: Draft = { accounting: [], payroll: [], invoicing: [] };
    for (const a of assignments.data ?? []) byRole[a.specialty]?.push(a.userId);
    return byRole;
  }, [assignments.data]);

  if (assignments.isPending) return <Loading />;
  if (assignments.error) return <LoadError error={assignments.error} onRetry={() => void assignments.refetch()} />;

  const values = draft ?? current;
  const nameOf = new Map((assignments.data ?? []).map((a) => [a.userId, a.name]));
  const options = (specialty: Specialty) =>
    (staff.data ?? [])
      .filter((s) => !s.disabled || values[specialty].includes(s.userId))
      // Specialists first: they are the likely choice.
      .sort(
        (a, b) =>
          Number(b.specialties.includes(specialty)) - Number(a.specialties.includes(specialty)) ||
          a.name.localeCompare(b.name),
      )
      .map((s) => ({
        value: s.userId,
        label: s.specialties.includes(specialty) ? s.name : `${s.name} (${t('assignments.otherSpecialty')})`,
      }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.clear();
    const items = specialties.flatMap((specialty) => values[specialty].map((userId) => ({ userId, specialty })));
    save.mutate(items, {
      onSuccess: () => {
        setDraft(null);
        notifications.show({ color: 'green', message: t('common.saved') });
      },
      onError: form.setError,
    });
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="assignments-title" maw={720}>
      <Title order={2} size="h4" id="assignments-title" mb={4}>
        {t('assignments.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('assignments.intro')}
      </Text>
      {canEdit ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <ErrorSummary error={form.error} formId={form.formId} />
            {specialties.map((specialty) => (
              <MultiSelect
                key={specialty}
                id={`${form.formId}-${specialty}`}
                label={t(`specialty.${specialty}`)}
                placeholder={values[specialty].length ? undefined : t('assignments.nobody')}
                data={options(specialty)}
                value={values[specialty]}
                onChange={(ids) => setDraft({ ...values, [specialty]: ids })}
                searchable
                clearable
                nothingFoundMessage={t('common.noResults')}
                disabled={staff.isPending}
              />
            ))}
            <Group justify="flex-end" gap="sm">
              {draft && (
                <Button
                  variant="default"
                  onClick={() => {
                    setDraft(null);
                    form.clear();
                  }}
                >
                  {t('common.cancel')}
                </Button>
              )}
              <Button type="submit" loading={save.isPending} disabled={!draft}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack gap="sm" component="dl" m={0}>
          {specialties.map((specialty) => (
            <div key={specialty}>
              <Text component="dt" size="sm" c="dimmed">
                {t(`specialty.${specialty}`)}
              </Text>
              <Group component="dd" m={0} gap={6} mt={2}>
                {current[specialty].length === 0 ? (
                  <Text size="sm">{t('assignments.nobody')}</Text>
                ) : (
                  current[specialty].map((id) => (
                    <Badge key={id} variant="light" color="gray" radius="sm" tt="none">
                      {nameOf.get(id) ?? id}
                    </Badge>
                  ))
                )}
              </Group>
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}
