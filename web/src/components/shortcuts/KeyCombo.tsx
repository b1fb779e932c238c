import { Group, Kbd } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A shortcut as keys to press: "mod+K" is Ctrl K, or ⌘ K on a Mac. */
export function KeyCombo({ combo, apple }: { combo: string; apple: boolean }) {
  const { t } = useTranslation();
  const keys = combo.split('+').map((key) => (key === 'mod' ? (apple ? '⌘' : t('shortcuts.ctrl')) : key));
  return (
    <Group gap={4} wrap="nowrap" component="span">
      {keys.map((key) => (
        <Kbd key={key}>{key}</Kbd>
      ))}
    </Group>
  );
}
