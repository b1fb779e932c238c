import { Button, Checkbox, Group, Modal, NativeSelect, Radio, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddStaff, useUpdateStaff } from '../../api/office';
import type { Locale, Specialty, Staff } from '@bureau/common';
import { ErrorSummary } from '../../components/ErrorSummary';
import { isLocale } from '../../i18n';
import { localError, useFormErrors } from '../../lib/forms';
import { languageOptions, useSpecialtyOptions } from '../../lib/options';

type Values = {
  name: string;
  email: string;
  role: 'admin' | 'employee';
  specialties: Specialty[];
  locale: Locale;
  disabled: boolean;
};

/** Adds a staff member (who gets a set-password e-mail) or edits one's role, specialties and access. */
export function StaffFormModal({ staff, onClose }: { staff: Staff | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={staff !== null}
      onClose={onClose}
      title={staff === 'new' ? t('staff.add') : t('staff.editNamed', { name: staff?.name ?? '' })}
    >
      {/* Keyed by person, so opening another one starts from their own values. */}
      {staff && <StaffForm key={staff === 'new' ? 'new' : staff.userId} staff={staff} onClose={onClose} />}
    </Modal>
  );
}

function StaffForm({ staff, onClose }: { staff: Staff | 'new'; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const add = useAddStaff();
  const update = useUpdateStaff();
  const form = useFormErrors('staff');
  const specialtyOptions = useSpecialtyOptions();
  const isNew = staff === 'new';
  const [values, setValues] = useState<Values>(() =>
    staff === 'new'
      ? {
          name: '',
          email: '',
          role: 'employee',
          specialties: [],
          locale: isLocale(i18n.language) ? i18n.language : 'en',
          disabled: false,
        }
      : {
          name: staff.name,
          email: staff.email,
          role: staff.role === 'admin' ? 'admin' : 'employee',
          specialties: staff.specialties,
          locale: 'en',
          disabled: staff.disabled,
        },
  );

  const labels = {
    name: t('fields.name'),
    email: t('fields.email'),
    role: t('staff.role'),
    specialties: t('staff.specialties'),
    locale: t('fields.language'),
    disabled: t('staff.disable'),
  };
  const pending = add.isPending || update.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.clear();
    const done = (message: string) => {
      notifications.show({ color: 'green', message });
      onClose();
    };
    if (isNew) {
      const missing: Record<string, string> = {};
      if (!values.name.trim()) missing.name = t('validation.required');
      if (!values.email.trim()) missing.email = t('validation.required');
      if (Object.keys(missing).length) return form.setError(localError('', missing));
      add.mutate(
        {
          name: values.name.trim(),
          email: values.email.trim(),
          role: values.role,
          specialties: values.specialties,
          locale: values.locale,
        },
        { onSuccess: (s) => done(t('staff.added', { name: s.name, email: s.email })), onError: form.setError },
      );
    } else {
      update.mutate(
        { userId: staff.userId, role: values.role, specialties: values.specialties, disabled: values.disabled },
        { onSuccess: (s) => done(t('staff.updated', { name: s.name })), onError: form.setError },
      );
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorSummary error={form.error} formId={form.formId} labels={labels} />
        {isNew && (
          <>
            <TextInput
              label={labels.name}
              required
              data-autofocus
              autoComplete="off"
              value={values.name}
              onChange={(e) => setValues({ ...values, name: e.currentTarget.value })}
              {...form.field('name')}
            />
            <TextInput
              label={labels.email}
              type="email"
              required
              autoComplete="off"
              value={values.email}
              onChange={(e) => setValues({ ...values, email: e.currentTarget.value })}
              {...form.field('email')}
            />
          </>
        )}
        <Radio.Group
          label={labels.role}
          value={values.role}
          onChange={(v) => setValues({ ...values, role: v as Values['role'] })}
          {...form.field('role')}
        >
          <Stack gap={6} mt={6}>
            <Radio value="employee" label={t('role.employee')} description={t('staff.employeeHint')} />
            <Radio value="admin" label={t('role.admin')} description={t('staff.adminHint')} />
          </Stack>
        </Radio.Group>
        <Checkbox.Group
          label={labels.specialties}
          value={values.specialties}
          onChange={(v) => setValues({ ...values, specialties: v as Specialty[] })}
          {...form.field('specialties')}
        >
          <Stack gap={6} mt={6}>
            {specialtyOptions.map((o) => (
              <Checkbox key={o.value} value={o.value} label={o.label} />
            ))}
          </Stack>
        </Checkbox.Group>
        {isNew ? (
          <NativeSelect
            label={labels.locale}
            description={t('staff.languageHint')}
            data={languageOptions()}
            value={values.locale}
            onChange={(e) => setValues({ ...values, locale: e.currentTarget.value as Locale })}
            {...form.field('locale')}
          />
        ) : (
          <Switch
            label={labels.disabled}
            description={t('staff.disableHint')}
            checked={values.disabled}
            onChange={(e) => setValues({ ...values, disabled: e.currentTarget.checked })}
            {...form.field('disabled')}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {isNew ? t('staff.addSubmit') : t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
