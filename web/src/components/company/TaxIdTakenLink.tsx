import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';

/**
 * A tax id field's error, with a link to the company that already has the number when the server names it (it does
 * only when the person may open that company).
 */
export function useTaxIdFieldError(error: unknown, message: string | undefined): ReactNode {
  const { t } = useTranslation();
  if (!message || !isApiError(error, 'company.tax_id_taken') || !error.details.companyId) return message;
  return (
    <>
      {message}{' '}
      <Anchor component={Link} to={`/companies/${error.details.companyId}`} size="xs" underline="always">
        {t('trust.openExistingCompany', { name: error.details.companyName ?? '' })}
      </Anchor>
    </>
  );
}
