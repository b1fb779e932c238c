// The realtime gateway: each instance keeps its browsers' WebSockets, LISTENs for wake-ups from
// every instance, reads new events from the outbox and sends each socket only what its person may
// see now — the session and the conversation are checked again for every batch, so a person signed
// out or unassigned stops receiving at once. A reconnecting browser says the last event id it got
// and is sent what it missed, once.
import type { WebSocket } from 'ws';
import type { Database } from '../../db/database.js';
import type { Actor } from '../identity/actor.js';
import { visibleConversationIds } from '../messaging/conversation.repository.js';
import { conversationScope } from '../tenancy/policy.js';
import { EVENTS_CHANNEL } from './event-bus.js';
import { eventsAfter, lastEventId, type EventRow } from './events.repository.js';

const BATCH = 500;
const POLL_MS = 2000;

type Connection = {
  socket: WebSocket;
  officeId: string;
  /** Resolves the person again (null once signed out, disabled or no longer allowed in). */
  resolve: () => Promise<Actor | null>;
  lastSentId: number;
};

export class RealtimeGateway {
  private readonly connections = new Map<string, Set<Connection>>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private stopListening: (() => Promise<void>) | undefined;
  private poll: NodeJS.Timeout | undefined;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(EVENTS_CHANNEL, (officeId) => this.dispatch(officeId), () => this.dispatchAll());
    // A wake-up lost between a commit and its NOTIFY (a crash) only delays the event.
    this.poll = setInterval(() => this.dispatchAll(), POLL_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.poll);
    await this.stopListening?.();
    for (const set of this.connections.values()) for (const c of set) c.socket.close(1001, 'server stopping');
    await Promise.all(this.running.values());
  }

  /** Registers a socket; `afterId` is the last event the browser got (it is sent what came since). */
  async connect(socket: WebSocket, actor: Actor, resolve: () => Promise<Actor | null>, afterId: number | undefined): Promise<void> {
    const start = afterId ?? (await this.db.inTenant({ officeId: actor.officeId }, (tx) => lastEventId(tx, actor.officeId)));
    const connection: Connection = { socket, officeId: actor.officeId, resolve, lastSentId: start };
    let set = this.connections.get(actor.officeId);
    if (!set) this.connections.set(actor.officeId, (set = new Set()));
    set.add(connection);
    socket.on('close', () => set.delete(connection));
    socket.send(JSON.stringify({ type: 'hello', lastEventId: start }));
    this.dispatch(actor.officeId);
  }

  private dispatchAll(): void {
    for (const officeId of this.connections.keys()) this.dispatch(officeId);
  }

  /** One dispatch per office at a time; a wake-up during one runs another right after. */
  private dispatch(officeId: string): void {
    if (this.running.has(officeId)) {
      this.again.add(officeId);
      return;
    }
    const run = this.deliverOffice(officeId)
      .catch(() => {
        // The next wake-up or poll retries from the same positions.
      })
      .finally(() => {
        this.running.delete(officeId);
        if (this.again.delete(officeId)) this.dispatch(officeId);
      });
    this.running.set(officeId, run);
  }

  private async deliverOffice(officeId: string): Promise<void> {
    for (;;) {
      const connections = [...(this.connections.get(officeId) ?? [])];
      if (connections.length === 0) return;
      const from = Math.min(...connections.map((c) => c.lastSentId));
      const batch = await this.db.inTenant({ officeId }, (tx) => eventsAfter(tx, officeId, from, BATCH));
      if (batch.length === 0) return;
      await Promise.all(connections.map((c) => this.deliver(c, batch)));
      if (batch.length < BATCH) return;
    }
  }

  private async deliver(connection: Connection, batch: EventRow[]): Promise<void> {
    const pending = batch.filter((e) => e.id > connection.lastSentId);
    if (pending.length === 0) return;
    const actor = await connection.resolve();
    if (!actor) {
      connection.socket.close(4401, 'signed out');
      this.connections.get(connection.officeId)?.delete(connection);
      return;
    }
    const ids = [...new Set(pending.map((e) => e.conversationId).filter((id): id is string => !!id))];
    const visible = await this.db.inTenant({ officeId: actor.officeId, userId: actor.userId }, (tx) => visibleConversationIds(tx, conversationScope(actor), ids));
    for (const event of pending) {
      if (event.conversationId && visible.has(event.conversationId) && connection.socket.readyState === connection.socket.OPEN) {
        connection.socket.send(JSON.stringify({ id: event.id, type: event.type, conversationId: event.conversationId, ...(event.payload as object) }));
      }
      connection.lastSentId = event.id;
    }
  }
}
