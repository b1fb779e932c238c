import { ActionIcon, Button, Card, Fieldset, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../ErrorSummary';
import { fieldError, fieldsOf, useFormErrors } from '../../lib/forms';

export type ListField = {
  key: string;
  label: string;
  required?: boolean;
  type?: 'text' | 'email' | 'tel';
  options?: { value: string; label: string }[];
  autoComplete?: string;
  /** Fills new rows (e.g. the company's country). */
  initial?: string;
};

type Item = Record<string, string | undefined>;

type Props<T extends Item> = {
  /** The company field this list is (addresses, emails, phones, bankAccounts). */
  name: string;
  title: string;
  addLabel: string;
  emptyText: string;
  itemLabel: (index: number) => string;
  fields: ListField[];
  items: T[];
  canEdit: boolean;
  render: (item: T) => ReactNode;
  save: (items: T[], callbacks: { onSuccess: () => void; onError: (e: unknown) => void }) => void;
  saving: boolean;
};

function clean<T extends Item>(item: T, fields: ListField[]): T {
  const out: Item = {};
  for (const f of fields) {
    const value = (item[f.key] ?? '').trim();
    if (value || f.required) out[f.key] = value;
  }
  return out as T;
}

/** One of the company's contact lists: read as a list, edited as rows of fields saved together. */
export function ProfileListSection<T extends Item>(props: Props<T>) {
  const { t } = useTranslation();
  const { name, title, fields, items, canEdit } = props;
  const form = useFormErrors(`company-${name}`);
  const [draft, setDraft] = useState<T[] | null>(null);
  const editing = draft !== null;

  const blank = () => Object.fromEntries(fields.map((f) => [f.key, f.initial ?? ''])) as T;
  const start = () => {
    form.clear();
    setDraft(items.length ? items.map((i) => ({ ...i })) : [blank()]);
  };
  const change = (index: number, key: string, value: string) =>
    setDraft((d) => d && d.map((item, i) => (i === index ? { ...item, [key]: value } : item)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const kept = draft.filter((item) => fields.some((f) => (item[f.key] ?? '').trim() && f.initial === undefined));
    form.clear();
    props.save(
      kept.map((item) => clean(item, fields)),
      {
        onSuccess: () => {
          setDraft(null);
          notifications.show({ color: 'green', message: t('common.saved') });
        },
        onError: form.setError,
      },
    );
  };

  const fieldErrors = fieldsOf(form.error);
  const idOf = (index: number, key: string) => `${form.formId}-${name}.${index}.${key}`;
  // The summary links to each row's field whatever path style the server used.
  const summaryError = form.error;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`${form.formId}-title`}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={`${form.formId}-title`}>
          {title}
        </Title>
        {canEdit && !editing && (
          <Button variant="light" size="xs" onClick={start} aria-label={`${t('common.edit')}: ${title}`}>
            {t('common.edit')}
          </Button>
        )}
      </Group>

      {!editing ? (
        items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {props.emptyText}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((item, i) => (
              <li key={i}>{props.render(item)}</li>
            ))}
          </Stack>
        )
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <ErrorSummary error={summaryError} formId={form.formId} />
            {draft.map((item, index) => (
              <Fieldset key={index} legend={props.itemLabel(index + 1)} p="sm">
                <Stack gap="xs">
                  {fields.map((f) => {
                    const error = fieldError(fieldErrors, name, index, f.key);
                    const common = {
                      key: f.key,
                      id: idOf(index, f.key),
                      label: f.label,
                      required: f.required,
                      error,
                      value: item[f.key] ?? '',
                    };
                    return f.options ? (
                      <NativeSelect
                        {...common}
                        data={f.options}
                        onChange={(e) => change(index, f.key, e.currentTarget.value)}
                      />
                    ) : (
                      <TextInput
                        {...common}
                        type={f.type ?? 'text'}
                        autoComplete={f.autoComplete ?? 'off'}
                        onChange={(e) => change(index, f.key, e.currentTarget.value)}
                      />
                    );
                  })}
                  <Group justify="flex-end">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      aria-label={`${t('common.remove')}: ${props.itemLabel(index + 1)}`}
                      onClick={() => setDraft((d) => d && d.filter((_, i) => i !== index))}
                    >
                      <TrashIcon />
                    </ActionIcon>
                  </Group>
                </Stack>
              </Fieldset>
            ))}
            <Button
              variant="subtle"
              onClick={() => setDraft((d) => [...(d ?? []), blank()])}
              style={{ alignSelf: 'flex-start' }}
            >
              + {props.addLabel}
            </Button>
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
              <Button type="submit" loading={props.saving}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}

export function TrashIcon() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />
    </svg>
  );
}
