import { Card, TagsInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useCompanyTags, useUpdateCompany } from '../../api/companies';
import type { Company } from '@bureau/common';
import { useSignedInMe } from '../../api/me';
import { useErrorMessage } from '../useErrorMessage';

/** The office's own labels for the company (staff only): for filters and broadcasts. */
export function CompanyTagsCard({ company }: { company: Company }) {
  const { t } = useTranslation();
  const update = useUpdateCompany(company.id);
  const me = useSignedInMe();
  // A client never sees the office's tags; asking for them would only earn a 403.
  const inUse = useCompanyTags(me.can.listCompanies && Boolean(company.tags));
  const errorMessage = useErrorMessage();
  if (!company.tags) return null;
  const canEdit = company.permissions.update;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="company-tags-title">
      <Title order={2} size="h5" id="company-tags-title" mb={4}>
        {t('company.tags')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('company.tagsHint')}
      </Text>
      <TagsInput
        aria-label={t('company.tags')}
        placeholder={canEdit ? t('company.tagsPlaceholder') : undefined}
        value={company.tags}
        data={inUse.data ?? []}
        disabled={!canEdit || update.isPending}
        maxTags={20}
        clearable
        onChange={(tags) =>
          update.mutate(
            { tags },
            {
              onError: (error) =>
                notifications.show({
                  closeButtonProps: { 'aria-label': t('common.close') },
                  color: 'red',
                  message: errorMessage(error),
                }),
            },
          )
        }
      />
    </Card>
  );
}
