// The browser says what it has received ("delivered") over its socket. Acknowledgements are merged per conversation
// (the highest position wins) and recorded one batch at a time, so a flood of frames costs one write per conversation;
// whatever is pending when the socket closes is dropped (the next connection acknowledges again).
import type { Actor } from '../identity/index.js';
import { DELIVERED_FRAME_MAX_LENGTH, DeliveredFrame } from '@bureau/common';
import { Value } from 'typebox/value';

/** At most this many conversations wait; a frame for another one is dropped until the queue drains. */
const MAX_PENDING = 200;
const BATCH = 20;

export type DeliveredAcks = {
  /** A text frame from the browser (anything but a valid acknowledgement is ignored). */
  receive(text: string): void;
  close(): void;
};

/**
 * `resolve` re-reads the socket's session before each batch (a session revoked meanwhile records nothing);
 * `record` writes one acknowledgement through the conversations' own rules.
 */
export function deliveredAcks(
  resolve: () => Promise<Actor | null>,
  record: (actor: Actor, conversationId: string, seq: number) => Promise<unknown>,
): DeliveredAcks {
  const pending = new Map<string, number>();
  let draining = false;
  let open = true;
  const drain = async () => {
    draining = true;
    try {
      while (open && pending.size > 0) {
        const batch = [...pending].slice(0, BATCH);
        for (const [id] of batch) pending.delete(id);
        const current = await resolve();
        if (!current) return;
        for (const [conversationId, seq] of batch) {
          await record(current, conversationId, seq).catch(() => {
            // A conversation no longer visible: nothing to record.
          });
        }
      }
    } finally {
      draining = false;
    }
  };
  return {
    receive(text) {
      const ack = parseDelivered(text);
      if (!ack || (pending.size >= MAX_PENDING && !pending.has(ack.conversationId))) return;
      pending.set(ack.conversationId, Math.max(pending.get(ack.conversationId) ?? 0, ack.seq));
      if (!draining) void drain().catch(() => {});
    },
    close() {
      open = false;
      pending.clear();
    },
  };
}

/** The contract's DeliveredFrame, `{"type":"delivered","conversationId":"…","seq":N}`, or undefined for anything else. */
export function parseDelivered(text: string): { conversationId: string; seq: number } | undefined {
  if (text.length > DELIVERED_FRAME_MAX_LENGTH) return undefined;
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Value.Check(DeliveredFrame, frame)) return undefined;
  return { conversationId: frame.conversationId, seq: frame.seq };
}
