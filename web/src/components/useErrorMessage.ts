import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The text to show for any failure: the server's translated message, else a translated fallback. */
export function useErrorMessage() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.message) return error.message;
      if (error.status === 0) return t('errors.network');
      const key = `errors:${error.code}`;
      if (i18n.exists(key)) return String(i18n.t(key as never));
    }
    return t('errors.generic');
  };
}
