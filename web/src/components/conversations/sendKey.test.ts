import { describe, expect, it } from 'vitest';
import { sendsOnEnter } from './sendKey';

const press = (
  key: string,
  extra: Partial<{
    shiftKey: boolean;
    altKey: boolean;
    ctrlKey: boolean;
    metaKey: boolean;
    keyCode: number;
    isComposing: boolean;
  }> = {},
) => ({
  key,
  shiftKey: extra.shiftKey ?? false,
  altKey: extra.altKey ?? false,
  ctrlKey: extra.ctrlKey ?? false,
  metaKey: extra.metaKey ?? false,
  keyCode: extra.keyCode ?? (key === 'Enter' ? 13 : 0),
  nativeEvent: { isComposing: extra.isComposing ?? false },
});

describe('the composer sends on Enter', () => {
  it('sends on Enter, and on Ctrl+Enter and ⌘+Enter as before', () => {
    expect(sendsOnEnter(press('Enter'))).toBe(true);
    expect(sendsOnEnter(press('Enter', { ctrlKey: true }))).toBe(true);
    expect(sendsOnEnter(press('Enter', { metaKey: true }))).toBe(true);
  });

  it('starts a new line on Shift+Enter (and leaves Alt+Enter to the browser)', () => {
    expect(sendsOnEnter(press('Enter', { shiftKey: true }))).toBe(false);
    expect(sendsOnEnter(press('Enter', { altKey: true }))).toBe(false);
  });

  it('never sends while an input method is composing a word', () => {
    expect(sendsOnEnter(press('Enter', { isComposing: true }))).toBe(false);
    // Safari ends the composition before the keydown but marks the key as the input method's.
    expect(sendsOnEnter(press('Enter', { keyCode: 229 }))).toBe(false);
  });

  it('ignores other keys', () => {
    expect(sendsOnEnter(press('a'))).toBe(false);
    expect(sendsOnEnter(press('ArrowUp'))).toBe(false);
  });
});
