// Every shortcut as the keyboard help shows it; `mod` is written Ctrl, or ⌘ on a Mac.
import { conversationShortcuts } from '../../pages/conversations/conversationShortcuts';

export type ShortcutHelpItem = { key: string; labelKey: string };
export type ShortcutSection = { titleKey: string; items: readonly ShortcutHelpItem[] };

export const SHORTCUT_SECTIONS: readonly ShortcutSection[] = [
  {
    titleKey: 'shortcuts.everywhere',
    items: [
      { key: 'mod+K', labelKey: 'shortcuts.palette' },
      { key: '/', labelKey: 'shortcuts.search' },
      { key: 'c', labelKey: 'shortcuts.compose' },
      { key: '?', labelKey: 'shortcuts.help' },
    ],
  },
  {
    titleKey: 'shortcuts.inbox',
    items: [
      { key: 'j', labelKey: 'shortcuts.next' },
      { key: 'k', labelKey: 'shortcuts.previous' },
    ],
  },
  { titleKey: 'shortcuts.conversation', items: conversationShortcuts },
];
