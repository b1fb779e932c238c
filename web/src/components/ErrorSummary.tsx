import { Alert, Anchor, List, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { useErrorMessage } from './useErrorMessage';

type Props = {
  error: unknown;
  /** Prefix of the fields' ids, so each listed error links to its field. */
  formId: string;
  /** Field name → its visible label. */
  labels?: Record<string, string>;
};

/** The box at the top of a form: what went wrong, each field error linking to its field. Takes focus when it appears. */
export function ErrorSummary({ error, formId, labels = {} }: Props) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);

  if (!error) return null;
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  const title = fields.length > 0 ? t('form.problem') : message(error);

  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color="red"
      variant="light"
      title={title}
      role="alert"
      mb="md"
      className="error-summary"
    >
      {fields.length > 0 && (
        <>
          {error instanceof ApiError && error.message && error.message !== title && (
            <Text size="sm" mb="xs">
              {error.message}
            </Text>
          )}
          <List size="sm" spacing={4}>
            {fields.map(([name, text]) => (
              <List.Item key={name}>
                <Anchor
                  href={`#${formId}-${name}`}
                  c="red.9"
                  underline="always"
                  onClick={(event) => {
                    const target = document.getElementById(`${formId}-${name}`);
                    if (!target) return;
                    event.preventDefault();
                    target.scrollIntoView({ block: 'center' });
                    target.focus();
                  }}
                >
                  {labels[name] ? `${labels[name]}: ${text}` : text}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Alert>
  );
}
