import { describe, expect, it } from 'vitest';
import { isApple, isTyping, modalOpen, neighbour, shortcutOf, type KeyPress } from './keys';

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

describe('keyboard shortcuts', () => {
  it('read j, k, c, / and ? as next, previous, compose, search and help', () => {
    expect(['j', 'k', 'c', '/', '?'].map((key) => shortcutOf(press(key), false))).toEqual([
      'next',
      'previous',
      'compose',
      'search',
      'help',
    ]);
  });

  it('open the palette with Ctrl+K, and with Cmd+K on a Mac', () => {
    expect(shortcutOf(press('k', { ctrlKey: true }), false)).toBe('palette');
    expect(shortcutOf(press('K', { ctrlKey: true, shiftKey: true } as Partial<KeyPress>), false)).toBe('palette');
    expect(shortcutOf(press('k', { metaKey: true }), true)).toBe('palette');
    expect(shortcutOf(press('k', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutOf(press('k', { metaKey: true }), false)).toBeNull();
  });

  it('leave the browser its own combinations: Ctrl+C copies, Ctrl+J and Alt+K are not shortcuts', () => {
    expect(shortcutOf(press('c', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutOf(press('j', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutOf(press('k', { altKey: true }), false)).toBeNull();
    expect(shortcutOf(press('k', { ctrlKey: true, metaKey: true }), false)).toBeNull();
  });

  it('treat capitals and other keys as nothing, and keys composing an accented letter as typing', () => {
    expect(shortcutOf(press('J'), false)).toBeNull();
    expect(shortcutOf(press('x'), false)).toBeNull();
    expect(shortcutOf(press('Enter'), false)).toBeNull();
    expect(shortcutOf(press('j', { isComposing: true }), false)).toBeNull();
  });

  it('are ignored while typing in an input, a text area, a select or rich text', () => {
    expect(isTyping({ tagName: 'INPUT' })).toBe(true);
    expect(isTyping({ tagName: 'textarea' })).toBe(true);
    expect(isTyping({ tagName: 'SELECT' })).toBe(true);
    expect(isTyping({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTyping({ tagName: 'BUTTON', isContentEditable: false })).toBe(false);
    expect(isTyping({ tagName: 'BODY' })).toBe(false);
    expect(isTyping(null)).toBe(false);
  });

  it('are ignored while a modal dialog is open', () => {
    expect(modalOpen({ querySelector: (s: string) => (s === '[aria-modal="true"]' ? ({} as Element) : null) })).toBe(
      true,
    );
    expect(modalOpen({ querySelector: () => null })).toBe(false);
  });

  it('know Apple systems by their platform name', () => {
    expect(isApple('MacIntel')).toBe(true);
    expect(isApple('iPhone')).toBe(true);
    expect(isApple('Win32')).toBe(false);
    expect(isApple('Linux x86_64')).toBe(false);
  });
});

describe('moving through the list with j and k', () => {
  const ids = ['a', 'b', 'c'];

  it('opens the next and the previous conversation, and stops at either end', () => {
    expect(neighbour(ids, 'b', 1)).toBe('c');
    expect(neighbour(ids, 'b', -1)).toBe('a');
    expect(neighbour(ids, 'c', 1)).toBeNull();
    expect(neighbour(ids, 'a', -1)).toBeNull();
  });

  it('starts at the top when nothing is open or the open one left the list', () => {
    expect(neighbour(ids, undefined, 1)).toBe('a');
    expect(neighbour(ids, undefined, -1)).toBe('a');
    expect(neighbour(ids, 'gone', 1)).toBe('a');
    expect(neighbour([], undefined, 1)).toBeNull();
  });
});
