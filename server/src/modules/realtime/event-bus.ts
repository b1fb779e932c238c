// Services record domain events in their own transaction, then wake the dispatchers of every
// instance. A wake-up lost in a crash only delays an event: dispatchers also poll.
import type { MessageSchema, NotificationSchema } from '@bureau/common';
import type { Static } from 'typebox';
import type { Database, Tx } from '../../db/database.js';
import { insertEvent } from './events.repository.js';

export const EVENTS_CHANNEL = 'bureau_events';

export type DomainEvent =
  | {
      type: 'message.created' | 'message.updated';
      companyId: string;
      conversationId: string;
      payload: { message: Static<typeof MessageSchema> };
    }
  | {
      type: 'conversation.updated';
      companyId: string;
      conversationId: string;
      /** `officeOnly`: a change of the office's own state (handled, snoozed, assigned), never sent to clients. */
      payload: { conversationId: string; status?: 'open' | 'closed'; officeOnly?: true };
    }
  | {
      type: 'read.updated';
      companyId: string;
      conversationId: string;
      payload: { userId: string; lastReadSeq: number } | { userId: string; deliveredSeq: number };
    }
  /** For one person only: their notification centre changed. */
  | { type: 'notification.created'; userId: string; payload: { notification: Static<typeof NotificationSchema> } }
  | { type: 'notification.read'; userId: string; payload: { ids: string[] } };

export class EventBus {
  /** Wake-ups on their way, per office: changes committed meanwhile share the next one. */
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly db: Database) {}

  record(tx: Tx, officeId: string, event: DomainEvent): Promise<void> {
    if ('userId' in event)
      return insertEvent(tx, { officeId, type: event.type, userId: event.userId, payload: event.payload });
    return insertEvent(tx, {
      officeId,
      type: event.type,
      companyId: event.companyId,
      conversationId: event.conversationId,
      payload: event.payload,
    });
  }

  /**
   * After the transaction committed: tell the dispatchers there is something new for this office.
   * Every NOTIFY commits under one database-wide lock, so the changes of a busy moment share one: a
   * wake-up asked for while one is queued rides on it (it is sent after both commits).
   */
  wake(officeId: string): Promise<void> {
    const queued = this.pending.get(officeId);
    if (queued) return queued;
    const wakeUp = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => {
        this.pending.delete(officeId);
        return this.db.notify(EVENTS_CHANNEL, officeId);
      })
      .catch(() => {
        // The dispatchers' polling picks the event up.
      });
    this.pending.set(officeId, wakeUp);
    return wakeUp;
  }
}
