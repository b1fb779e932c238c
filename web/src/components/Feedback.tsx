import { Alert, Button, Center, Loader, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from './useErrorMessage';

/** Shown while something not yet known is loading. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    // The spinner is decoration: the words are what a screen reader says (aria-label on a plain span is not allowed).
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="md" aria-hidden />
      <VisuallyHidden>{label ?? t('common.loading')}</VisuallyHidden>
    </Center>
  );
}

/** A failed load, with a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <Alert color="red" variant="light" role="alert" title={message(error)}>
      {onRetry && (
        <Button variant="white" color="red" size="xs" mt="xs" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
