// The keys of the open conversation (the `?` help lists them beside the global ones). Each is a single key pressed
// outside a text field; `labelKey` is its translation key.
export type ConversationShortcut = {
  key: 'e' | 'a' | 's';
  labelKey: 'inboxActions.shortcutHandle' | 'inboxActions.shortcutAssign' | 'inboxActions.shortcutSnooze';
};

export const conversationShortcuts: readonly ConversationShortcut[] = [
  { key: 'e', labelKey: 'inboxActions.shortcutHandle' },
  { key: 'a', labelKey: 'inboxActions.shortcutAssign' },
  { key: 's', labelKey: 'inboxActions.shortcutSnooze' },
];
