// The keys of an open conversation, as the keyboard help lists them: each a key and the translation key of what it
// does. The conversation's own handlers and this list go together.
export const conversationShortcuts: readonly { key: string; labelKey: string }[] = [];
