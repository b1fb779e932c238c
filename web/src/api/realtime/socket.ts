// The WebSocket itself: opens /api/ws on this origin (the session cookie authenticates it), keeps
// the id of the last event received, and after a drop comes back with exponential back-off and
// jitter, asking for `?after=<that id>` so the server replays exactly what was missed. Events at or
// below that id are ignored, so nothing is applied twice.
import type { DeliveredFrame, HelloFrame } from '@bureau/common';
import type { ConversationEvent } from './cache';
import { getRealtimeStatus, setRealtimeStatus } from './status';

const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** The server closes with this when the session behind the socket has ended. */
const SIGNED_OUT = 4401;

export type SocketHandlers = {
  onEvent: (event: ConversationEvent) => void;
  /** The server said hello: `resumed` after a drop, false on the first connect; `since` is when this attempt began. */
  onOpen: (resumed: boolean, since: number) => void;
  /** The session ended (signed out here or elsewhere). */
  onSignedOut: () => void;
};

export class RealtimeSocket {
  private ws: WebSocket | null = null;
  private lastId: number | null = null;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private wasOpen = false;
  private attemptStartedAt = 0;
  /** Whether this outage already had its early attempt because HTTP answered again. */
  private nudged = false;

  constructor(private readonly handlers: SocketHandlers) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    setRealtimeStatus({ state: 'connecting', downSince: null, everOpen: false, online: navigator.onLine !== false });
    this.open();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.drop();
    setRealtimeStatus({ state: 'idle', downSince: null, everOpen: false });
  }

  /** Skips the rest of the back-off (the "Retry now" button, the network coming back). */
  retryNow(): void {
    if (!this.running || this.ws) return;
    clearTimeout(this.retryTimer);
    this.open();
  }

  /**
   * The server answered an HTTP request while the socket is down (a poll): it is most likely back,
   * so try once now instead of waiting out a back-off of up to 30 s.
   */
  serverAnswered(): void {
    if (this.nudged || getRealtimeStatus().state !== 'reconnecting') return;
    this.nudged = true;
    this.retryNow();
  }

  /** Sends a frame if the socket is open; false otherwise (nothing is queued). */
  send(frame: DeliveredFrame): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  private open(): void {
    this.retryTimer = undefined;
    const url = new URL('/api/ws', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (this.lastId !== null) url.searchParams.set('after', String(this.lastId));
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      this.closed(0);
      return;
    }
    this.ws = ws;
    this.attemptStartedAt = Date.now();
    ws.onmessage = (message) => {
      if (this.ws === ws) this.receive(message.data);
    };
    // An error is always followed by close, which does the rest.
    ws.onclose = (event) => {
      if (this.ws === ws) this.closed(event.code);
    };
  }

  private receive(data: unknown): void {
    // The contract names the fields; each is still checked before use (no schema runtime in the bundle).
    let event: Partial<Record<keyof HelloFrame | keyof ConversationEvent, unknown>>;
    try {
      event = JSON.parse(String(data)) as typeof event;
    } catch {
      return;
    }
    if (!event || typeof event !== 'object') return;
    if (event.type === ('hello' satisfies HelloFrame['type'])) {
      // On the first connect, the server's latest event is where a later resume starts from.
      if (this.lastId === null && typeof event.lastEventId === 'number') this.lastId = event.lastEventId;
      const resumed = this.wasOpen;
      this.wasOpen = true;
      this.failures = 0;
      this.nudged = false;
      setRealtimeStatus({ state: 'open', downSince: null, everOpen: true });
      this.handlers.onOpen(resumed, this.attemptStartedAt);
      return;
    }
    // Conversation events name their conversation; a person's own (notification.*) name none.
    const personal = typeof event.type === 'string' && event.type.startsWith('notification.');
    if (typeof event.id !== 'number' || (!personal && typeof event.conversationId !== 'string')) return;
    if (this.lastId !== null && event.id <= this.lastId) return;
    this.lastId = event.id;
    this.handlers.onEvent(event as ConversationEvent);
  }

  private closed(code: number): void {
    this.ws = null;
    if (!this.running) return;
    if (code === SIGNED_OUT) this.handlers.onSignedOut();
    setRealtimeStatus({ state: 'reconnecting', downSince: getRealtimeStatus().downSince ?? Date.now() });
    this.scheduleRetry();
  }

  /** 0.5–1 s, then 1–2 s, 2–4 s … up to 15–30 s: random within the upper half, so tabs do not return in step. */
  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.failures);
    this.failures += 1;
    this.retryTimer = setTimeout(() => this.open(), ceiling / 2 + Math.random() * (ceiling / 2));
  }

  /** Closes the current socket without hearing about it. */
  private drop(): void {
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onmessage = null;
    ws.onclose = null;
    ws.close(1000);
  }

  private readonly onOnline = () => {
    setRealtimeStatus({ online: true });
    this.failures = 0;
    this.retryNow();
  };

  // The socket is most likely dead without knowing it yet: drop it now and keep trying.
  private readonly onOffline = () => {
    setRealtimeStatus({ online: false });
    if (!this.ws) return;
    this.drop();
    this.closed(1006);
  };

  // Timers are throttled in hidden tabs (and frozen on phones): try at once when the tab comes back.
  private readonly onVisibilityChange = () => {
    if (document.visibilityState === 'visible') this.retryNow();
  };
}
