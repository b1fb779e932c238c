// What a page does with the shortcuts that depend on it (the inbox moves through its list, focuses its own search
// box, opens its composer). The layout's listener asks here first and falls back to going to a page.
import { useEffect, useRef } from 'react';
import type { ShortcutAction } from './keys';

export type PageShortcuts = Partial<
  Record<Extract<ShortcutAction, 'next' | 'previous' | 'compose' | 'search'>, () => void>
>;

const mounted: { current: PageShortcuts }[] = [];

/** The handler the most recently mounted page gives for an action, if any. */
export function pageShortcut(action: keyof PageShortcuts): (() => void) | undefined {
  for (let i = mounted.length - 1; i >= 0; i--) {
    const handler = mounted[i]!.current[action];
    if (handler) return handler;
  }
  return undefined;
}

/** Lets the page handle these shortcuts while it is mounted (the latest handlers, without re-registering). */
export function usePageShortcuts(handlers: PageShortcuts) {
  const ref = useRef(handlers);
  // Set while rendering, not in an effect: a key pressed between a render and its effects (a busy phone) must act on
  // the conversation the page now shows, not on the one before.
  ref.current = handlers;
  useEffect(() => {
    mounted.push(ref);
    return () => {
      mounted.splice(mounted.indexOf(ref), 1);
    };
  }, []);
}
