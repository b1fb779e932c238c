// A WebSocket frame goes through the contract like an HTTP answer goes through its response
// schema: whatever a payload carries beyond the event's schema is dropped, so a field added to a
// row or a presenter never reaches a browser by accident.
import { realtimeEventSchemas, type HelloFrame, type RealtimeEventType } from '@bureau/common';
import { Value } from 'typebox/value';
import type { EventRow } from './events.repository.js';

const isEventType = (type: string): type is RealtimeEventType => Object.hasOwn(realtimeEventSchemas, type);

/** The frame of an outbox event, whitelisted by its schema; undefined for a type with no contract. */
export function eventFrame(event: Pick<EventRow, 'id' | 'type' | 'conversationId' | 'payload'>): string | undefined {
  if (!isEventType(event.type)) return undefined;
  const frame = { id: event.id, type: event.type, conversationId: event.conversationId, ...(event.payload as object) };
  // Clean mutates: the frame (and the payload it shares objects with) is cloned first.
  return JSON.stringify(Value.Clean(realtimeEventSchemas[event.type], Value.Clone(frame)));
}

export function helloFrame(lastEventId: number): string {
  const frame: HelloFrame = { type: 'hello', lastEventId };
  return JSON.stringify(frame);
}
