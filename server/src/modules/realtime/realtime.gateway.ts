// The realtime gateway: each instance keeps its browsers' WebSockets, LISTENs for wake-ups from
// every instance, reads new events from the outbox and sends each socket only what its person may
// see now — the person and the conversations are checked again for every batch, so a person signed
// out or unassigned stops receiving at once. A reconnecting browser says the last event id it got
// and is sent what it missed, once.
//
// A batch costs the same few queries however many sockets wait for it: every waiting socket's
// session (or API token) is checked again in one query, the conversations each may see are found
// with one query per kind of person (people who share a role share a scope), and each event is
// serialised once for all the sockets it goes to.
import type { WebSocket } from 'ws';
import type { Database } from '../../db/database.js';
import type { Actor } from '../identity/index.js';
import { needsSettling, reloadActors, settleReload } from '../identity/index.js';
import { type SubscriberScope, conversationRecords } from '../messaging/index.js';
import { conversationScope } from '../policy/index.js';
import { EVENTS_CHANNEL } from './event-bus.js';
import { eventsAfter, lastEventId, type EventRow } from './events.repository.js';
import { eventFrame, helloFrame } from './realtime.frame.js';

const BATCH = 500;
const POLL_MS = 2000;

type Connection = {
  socket: WebSocket;
  officeId: string;
  /** The person as last checked; every batch checks their session or API token again. */
  actor: Actor;
  /**
   * Their conversation scope, rendered once and kept while the check returns the same actor (it
   * does while nothing that decides access changed): rendering costs more than a batch's queries.
   */
  scope?: { actor: Actor; scope: SubscriberScope };
  lastSentId: number;
};

function scopeOf(connection: Connection, actor: Actor): SubscriberScope {
  if (connection.scope?.actor !== actor)
    connection.scope = {
      actor,
      scope: conversationRecords.subscriberScope(conversationScope(actor, conversationRecords.SUBSCRIBER)),
    };
  return connection.scope.scope;
}

export class RealtimeGateway {
  private readonly connections = new Map<string, Set<Connection>>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private stopListening: (() => Promise<void>) | undefined;
  private poll: NodeJS.Timeout | undefined;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(
      EVENTS_CHANNEL,
      (officeId) => this.dispatch(officeId),
      () => this.dispatchAll(),
    );
    // A wake-up lost between a commit and its NOTIFY (a crash) only delays the event.
    this.poll = setInterval(() => this.dispatchAll(), POLL_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.poll);
    await this.stopListening?.();
    for (const set of this.connections.values()) for (const c of set) c.socket.close(1001, 'server stopping');
    await Promise.all(this.running.values());
  }

  /**
   * Registers a socket of a signed-in person; `afterId` is the last event the browser got (it is
   * sent what came since). The person's session or API token (`actor.sessionId`, `actor.apiTokenId`)
   * is what each batch checks again.
   */
  async connect(socket: WebSocket, actor: Actor, afterId: number | undefined): Promise<void> {
    const start =
      afterId ?? (await this.db.inTenant({ officeId: actor.officeId }, (tx) => lastEventId(tx, actor.officeId)));
    const connection: Connection = { socket, officeId: actor.officeId, actor, lastSentId: start };
    scopeOf(connection, actor);
    let set = this.connections.get(actor.officeId);
    if (!set) this.connections.set(actor.officeId, (set = new Set()));
    set.add(connection);
    socket.on('close', () => set.delete(connection));
    socket.send(helloFrame(start));
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
      const checked = await this.db.inTenant({ officeId }, async (tx) => {
        const batch = await eventsAfter(tx, officeId, from, BATCH);
        const last = batch.at(-1)?.id ?? from;
        // Only the sockets this batch has something for are checked (and sent to).
        const waiting = connections.filter((c) => c.lastSentId < last);
        const reload = await reloadActors(
          tx,
          officeId,
          waiting.map((c) => c.actor),
        );
        const actors = reload.actors;
        const subscribers = waiting.flatMap((c, i) => {
          const actor = actors[i];
          if (!actor) return [];
          return [
            {
              connection: c,
              actor,
              userId: actor.userId,
              companyId: actor.kind === 'client' ? actor.companyId : null,
              scope: scopeOf(c, actor),
            },
          ];
        });
        const ids = [...new Set(batch.flatMap((e) => (e.conversationId ? [e.conversationId] : [])))];
        const visible = await conversationRecords.visibleConversationIds(tx, subscribers, ids);
        return { batch, waiting, reload, actors, subscribers, visible };
      });
      const { batch, waiting, reload, actors, subscribers, visible } = checked;
      if (batch.length === 0) return;
      waiting.forEach((c, i) => {
        if (actors[i]) return;
        c.socket.close(4401, 'signed out');
        this.connections.get(officeId)?.delete(c);
      });
      // Each event is whitelisted and serialised once for all its sockets (null: no contract, not sent).
      const frames = new Map<number, Buffer | null>();
      const frame = (event: EventRow) => {
        let data = frames.get(event.id);
        if (data === undefined) {
          const text = eventFrame(event);
          frames.set(event.id, (data = text === undefined ? null : Buffer.from(text)));
        }
        return data;
      };
      subscribers.forEach(({ connection, actor }, i) => {
        connection.actor = actor;
        const maySee = visible[i]!;
        for (const event of batch) {
          if (event.id <= connection.lastSentId) continue;
          const forThem = event.userId
            ? event.userId === actor.userId
            : !!event.conversationId &&
              maySee.has(event.conversationId) &&
              !(actor.kind === 'client' && officeOnly(event));
          const data = forThem && connection.socket.readyState === connection.socket.OPEN ? frame(event) : null;
          if (data) connection.socket.send(data, { binary: false });
          connection.lastSentId = event.id;
        }
      });
      // What a request's check also does (end refused sessions, mark sessions seen), once sent.
      if (needsSettling(reload)) await this.db.inTenant({ officeId }, (tx) => settleReload(tx, officeId, reload));
      if (batch.length < BATCH) return;
    }
  }
}

/** An event about the office's own state of a conversation (clients are not even told that it changed). */
const officeOnly = (event: EventRow): boolean =>
  (event.payload as { officeOnly?: unknown } | null)?.officeOnly === true;
