// Which key press sends a message from the composer.

type KeyPress = {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  keyCode: number;
  nativeEvent: { isComposing: boolean };
};

/**
 * Enter sends (or saves an edit), as in every chat people know, and Ctrl/⌘+Enter as before; Shift+Enter is a new
 * line. Never while an input method is composing (Japanese, Chinese, a phone's predictive keyboard): there Enter picks
 * the word, and the browser says so with `isComposing` (Safari only with keyCode 229).
 */
export function sendsOnEnter(event: KeyPress): boolean {
  if (event.key !== 'Enter' || event.shiftKey || event.altKey) return false;
  return !event.nativeEvent.isComposing && event.keyCode !== 229;
}
