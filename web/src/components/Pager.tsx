import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = { page: number; pageSize: number; total: number; onChange: (page: number) => void };

/** Page numbers under a server-paged list, named for screen readers. */
export function Pager({ page, pageSize, total, onChange }: Props) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <Group justify="space-between" mt="md" gap="sm">
      <Text size="sm" c="dimmed">
        {t('pager.pageOf', { page, pages })}
      </Text>
      <nav aria-label={t('pager.label')}>
        <Pagination
          total={pages}
          value={page}
          onChange={(next) => {
            onChange(next);
            // A new page starts at its top, not where the old one was scrolled to.
            window.scrollTo({ top: 0 });
          }}
          siblings={1}
          boundaries={1}
          getItemProps={(p) => ({
            'aria-label': t('pager.page', { page: p }),
            'aria-current': p === page ? 'page' : undefined,
          })}
          getControlProps={(control) => ({ 'aria-label': t(`pager.${control}`) })}
        />
      </nav>
    </Group>
  );
}
