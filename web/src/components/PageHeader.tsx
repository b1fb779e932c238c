import { Group, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';

/** The page's one h1 (also the browser tab's title) and its main actions. */
export function PageHeader({
  title,
  children,
  documentTitle,
}: {
  title: ReactNode;
  children?: ReactNode;
  documentTitle?: string;
}) {
  useDocumentTitle(`${documentTitle ?? (typeof title === 'string' ? title : '')} · Bureau`);
  return (
    <Group justify="space-between" align="center" mb="lg" gap="sm">
      <Title order={1} size="h2">
        {title}
      </Title>
      {children && <Group gap="sm">{children}</Group>}
    </Group>
  );
}
