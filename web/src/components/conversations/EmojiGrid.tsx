// A compact grid of emoji common in messages with an accounting office: loaded only when opened,
// no data files, no network. Arrow keys move between them, Enter or a tap inserts one.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import classes from './conversations.module.css';

// prettier-ignore
const EMOJI = [
  '👍', '🙏', '😊', '🙂', '😀', '😉', '😅', '😂',
  '🤔', '😐', '😕', '😮', '😢', '👌', '👏', '🙌',
  '💪', '🤝', '👋', '👀', '✅', '✔️', '❌', '⚠️',
  '❗', '❓', '💡', '📎', '📄', '📑', '🧾', '📊',
  '📈', '📉', '💰', '💶', '💵', '💳', '🏦', '📅',
  '⏰', '⏳', '📌', '📝', '✍️', '📧', '📞', '🔒',
  '🎉', '❤️', '⭐', '🚀', '🔥', '☕', '🌞', '🏖️',
  '🤒', '🎄', '🥳', '🍀', '😴', '🙈', '💯', '➕',
];
const COLUMNS = 8;

export default function EmojiGrid({ onPick, label }: { onPick: (emoji: string) => void; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // Loaded after the popover opened: take the focus once there is something to focus.
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
  }, []);

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(ref.current?.querySelectorAll('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    // The grid wraps to fewer columns on a phone; read the real column count from the layout.
    const columns = getComputedStyle(ref.current!).gridTemplateColumns.split(' ').length || COLUMNS;
    const step = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: columns,
      ArrowUp: -columns,
      Home: -index,
      End: buttons.length - 1 - index,
    }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    buttons[Math.min(buttons.length - 1, Math.max(0, index + step))]?.focus();
  };

  return (
    <div ref={ref} className={classes.emojiGrid} role="group" aria-label={label} onKeyDown={move}>
      {EMOJI.map((emoji) => (
        <button
          key={emoji}
          type="button"
          className={`${classes.emoji} mantine-focus-auto`}
          onClick={() => onPick(emoji)}
        >
          {emoji}
        </button>
      ))}
    </div>
  );
}
