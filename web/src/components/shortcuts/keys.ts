// Which key press is which shortcut, and when a key press is not a shortcut at all (typing, a dialog open).

export type ShortcutAction = 'next' | 'previous' | 'compose' | 'search' | 'help' | 'palette';

/** What of a KeyboardEvent the decision reads (so tests need no DOM). */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'> & { isComposing?: boolean };

const SINGLE_KEYS: Record<string, ShortcutAction> = {
  j: 'next',
  k: 'previous',
  c: 'compose',
  '/': 'search',
  '?': 'help',
};

/**
 * The shortcut a key press means, or null. Single keys count only without Ctrl, Cmd or Alt (Ctrl+C stays copy);
 * Shift is allowed because "?" needs it on most layouts. The palette is Cmd+K on a Mac, Ctrl+K elsewhere.
 */
export function shortcutOf(press: KeyPress, mac: boolean): ShortcutAction | null {
  if (press.isComposing) return null;
  if (press.altKey) return null;
  const mod = mac ? press.metaKey : press.ctrlKey;
  const other = mac ? press.ctrlKey : press.metaKey;
  if (mod || other) return mod && !other && press.key.toLowerCase() === 'k' ? 'palette' : null;
  return SINGLE_KEYS[press.key] ?? null;
}

/** What of the focused element the decision reads. */
export type FocusTarget = { tagName?: string; isContentEditable?: boolean } | null;

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** Whether the person is typing where the key press belongs to the field (an input, a text area, rich text). */
export function isTyping(target: FocusTarget): boolean {
  if (!target) return false;
  return TYPING_TAGS.has((target.tagName ?? '').toUpperCase()) || target.isContentEditable === true;
}

/** Whether a modal dialog is open: its own keys (Escape, Tab, its fields) are not the page's shortcuts. */
export function modalOpen(root: Pick<ParentNode, 'querySelector'>): boolean {
  return root.querySelector('[aria-modal="true"]') !== null;
}

/** Whether this browser runs on Apple's systems, where Cmd plays Ctrl's part. */
export function isApple(platform: string): boolean {
  return /Mac|iPhone|iPad|iPod/i.test(platform);
}

/**
 * The conversation `step` places from the open one in the list (j: +1, k: -1), or null at either end. With none
 * open, or the open one no longer in the list, both keys start at the top.
 */
export function neighbour(ids: readonly string[], openId: string | undefined, step: 1 | -1): string | null {
  const at = openId ? ids.indexOf(openId) : -1;
  if (at === -1) return ids[0] ?? null;
  return ids[at + step] ?? null;
}
