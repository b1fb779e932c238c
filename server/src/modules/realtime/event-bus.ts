// Services record domain events in their own transaction, then wake the dispatchers of every
// instance. A wake-up lost in a crash only delays an event: dispatchers also poll.
import type { Database, Tx } from '../../db/database.js';
import { insertEvent } from './events.repository.js';

export const EVENTS_CHANNEL = 'bureau_events';

export type DomainEvent =
  | { type: 'message.created' | 'message.updated'; companyId: string; conversationId: string; payload: { message: unknown } }
  | { type: 'conversation.updated'; companyId: string; conversationId: string; payload: { conversationId: string } }
  | { type: 'read.updated'; companyId: string; conversationId: string; payload: { userId: string; lastReadSeq: number } };

export class EventBus {
  constructor(private readonly db: Database) {}

  record(tx: Tx, officeId: string, event: DomainEvent): Promise<void> {
    return insertEvent(tx, { officeId, type: event.type, companyId: event.companyId, conversationId: event.conversationId, payload: event.payload });
  }

  /** After the transaction committed: tell the dispatchers there is something new for this office. */
  async wake(officeId: string): Promise<void> {
    await this.db.notify(EVENTS_CHANNEL, officeId).catch(() => {
      // The dispatchers' polling picks the event up.
    });
  }
}
