import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router';

/**
 * A thread opened at one message (`#message-<seq>`, as the search links): once that message is shown, scroll it to the
 * middle of the thread and mark it (`data-found`, a fading highlight). `onFound` lets the thread stop keeping itself at the bottom.
 */
export function useScrollToMessage(
  scroller: RefObject<HTMLElement | null>,
  conversationId: string,
  messageCount: number,
  onFound: () => void,
) {
  const { hash } = useLocation();
  const seq = /^#message-(\d+)$/.exec(hash)?.[1];
  const done = useRef<string | null>(null);
  useEffect(() => {
    const key = `${conversationId}#${seq}`;
    if (!seq || done.current === key) return;
    const element = scroller.current?.querySelector<HTMLElement>(`[data-seq="${seq}"]`);
    if (!element) return;
    done.current = key;
    onFound();
    element.scrollIntoView({ block: 'center' });
    element.setAttribute('data-found', '');
  }, [scroller, conversationId, seq, messageCount, onFound]);
}
