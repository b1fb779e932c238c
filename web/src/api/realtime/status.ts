// The state of this tab's realtime connection, as an external store React reads with
// useSyncExternalStore: the banner shows it, and the conversation queries poll only while the
// socket is down.
import { useSyncExternalStore } from 'react';

export type RealtimeState =
  /** Nobody signed in: no socket. */
  | 'idle'
  /** The first attempt since sign-in (or since the page loaded). */
  | 'connecting'
  /** The server said hello: events arrive as they happen. */
  | 'open'
  /** Lost after having been open, or the first attempt failed: waiting or trying again. */
  | 'reconnecting';

export type RealtimeStatus = {
  state: RealtimeState;
  /** When the socket went down (ms since the epoch); null while open or idle. */
  downSince: number | null;
  /** Whether it has been open at least once since sign-in (so the first connect never shows a banner). */
  everOpen: boolean;
  /** The browser's own idea of the network (navigator.onLine and its events). */
  online: boolean;
};

let status: RealtimeStatus = {
  state: 'idle',
  downSince: null,
  everOpen: false,
  online: typeof navigator === 'undefined' ? true : navigator.onLine !== false,
};
const listeners = new Set<() => void>();

export function getRealtimeStatus(): RealtimeStatus {
  return status;
}

/** Replaces the fields given; listeners hear only actual changes. */
export function setRealtimeStatus(changes: Partial<RealtimeStatus>): void {
  const next = { ...status, ...changes };
  if ((Object.keys(next) as (keyof RealtimeStatus)[]).every((k) => next[k] === status[k])) return;
  status = next;
  for (const listener of listeners) listener();
}

/** Hears every change of the status (outside React: what must act on a change, not show it). */
export function subscribeRealtimeStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The whole connection status (re-renders on every change). */
export function useRealtimeStatus(): RealtimeStatus {
  return useSyncExternalStore(subscribeRealtimeStatus, getRealtimeStatus, getRealtimeStatus);
}

const isOpen = () => status.state === 'open';

/** True while the server pushes changes (re-renders only when that flips). */
export function useRealtimeConnected(): boolean {
  return useSyncExternalStore(subscribeRealtimeStatus, isOpen, isOpen);
}

/** A query's refetchInterval: none while the socket is open, `ms` while it is not (the fallback). */
export function usePollInterval(ms: number): number | false {
  return useRealtimeConnected() ? false : ms;
}
