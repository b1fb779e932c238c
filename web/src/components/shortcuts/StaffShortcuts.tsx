// The office's keyboard: one listener on the document for the whole signed-in app (mounted by the layout, loaded
// only for staff), the help dialog ("?") and the command palette (Ctrl+K / ⌘K).
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { CommandPalette, openPalette } from './CommandPalette';
import { isApple, isTyping, modalOpen, shortcutOf } from './keys';
import { pageShortcut } from './pageShortcuts';
import { ShortcutHelp } from './ShortcutHelp';

const apple = typeof navigator !== 'undefined' && isApple(navigator.platform);

export default function StaffShortcuts() {
  const navigate = useNavigate();
  const [helpOpen, setHelpOpen] = useState(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = shortcutOf(event, apple);
      if (!action) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (isTyping(target) || modalOpen(document)) return;
      const handler =
        action === 'help'
          ? () => setHelpOpen(true)
          : action === 'palette'
            ? openPalette
            : (pageShortcut(action) ??
              (action === 'search'
                ? () => void navigate('/search')
                : action === 'compose'
                  ? () => void navigate('/conversations/new')
                  : undefined));
      if (!handler) return;
      // The key is the shortcut's, not the page's ("/" would otherwise open the browser's quick find).
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navigate]);

  return (
    <>
      <ShortcutHelp opened={helpOpen} onClose={() => setHelpOpen(false)} apple={apple} />
      <CommandPalette />
    </>
  );
}
