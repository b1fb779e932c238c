// Unsent text kept on this device per user and conversation, so a reload or a closed tab loses nothing.
import { useCallback, useState } from 'react';

const PREFIX = 'bureau.draft.';

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

function write<T>(key: string, value: T, empty: boolean): void {
  try {
    if (empty) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or private mode: the draft lasts for this page only.
  }
}

/**
 * A value that lives in localStorage under `key` (e.g. `userId.conversationId`): read when the key
 * changes, written on every change (a few hundred bytes: cheap), removed when `isEmpty` says so.
 */
export function useDraft<T>(key: string, fallback: T, isEmpty: (value: T) => boolean) {
  const [state, setState] = useState(() => ({ key, value: read(key, fallback) }));
  // Another conversation shown by the same component: load its draft.
  let current = state;
  if (state.key !== key) {
    current = { key, value: read(key, fallback) };
    setState(current);
  }

  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      setState((prev) => {
        const value = typeof next === 'function' ? (next as (p: T) => T)(prev.value) : next;
        write(prev.key, value, isEmpty(value));
        return { key: prev.key, value };
      });
    },
    // isEmpty is a pure predicate; callers pass a module-level function.
    [isEmpty],
  );
  return [current.value, set] as const;
}
