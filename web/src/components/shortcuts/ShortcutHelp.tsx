import { Modal, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { KeyCombo } from './KeyCombo';
import { SHORTCUT_SECTIONS } from './shortcutList';

/** Every keyboard shortcut, by where it works ("?" opens it). */
export function ShortcutHelp({ opened, onClose, apple }: { opened: boolean; onClose: () => void; apple: boolean }) {
  const { t } = useTranslation();
  // Labels are translation keys, some written by the pages that own the keys.
  const label = (key: string) => String(t(key as never));
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('shortcuts.title')}
      size="md"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        {SHORTCUT_SECTIONS.filter((section) => section.items.length > 0).map((section) => (
          <section key={section.titleKey} aria-labelledby={`shortcuts-${section.titleKey.replace(/\W/g, '-')}`}>
            <Title order={3} size="h6" id={`shortcuts-${section.titleKey.replace(/\W/g, '-')}`} mb={4}>
              {label(section.titleKey)}
            </Title>
            <Table verticalSpacing={4} withRowBorders={false}>
              <Table.Tbody>
                {section.items.map((item) => (
                  <Table.Tr key={item.key}>
                    <Table.Td w={110}>
                      <KeyCombo combo={item.key} apple={apple} />
                    </Table.Td>
                    <Table.Td>{label(item.labelKey)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        ))}
      </Stack>
    </Modal>
  );
}
