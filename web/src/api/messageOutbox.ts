// The sends the server has not confirmed: messages on their way, and those that failed and wait for "retry" or for
// the connection to come back. Kept in localStorage per person, so a reload loses nothing that was typed.

import type { Attachment } from '@bureau/common';

/** A message on its way, or one that failed (always re-sent with the same clientId: the server stores it once). */
export type OutgoingMessage = {
  clientId: string;
  conversationId: string;
  body: string;
  /** Files already uploaded, sent by id with the message. */
  attachments?: Attachment[];
  createdAt: string;
  state: 'sending' | 'failed';
  /** The server's translated refusal; empty for a network failure. */
  error?: string;
  /** The failed attempt's HTTP status: 0 when no answer came (offline, connection cut). */
  status?: number;
};

const STORAGE_PREFIX = 'bureau.outbox.';

/**
 * Whether a failed send may go again by itself once the connection is back: when no answer came, or the server (or a
 * proxy in front of it) failed — never when it answered with a refusal (4xx: closed conversation, too long, no right
 * to post), which sending again cannot change. Entries saved before statuses were kept tell by their error text.
 */
export function resendable(entry: OutgoingMessage): boolean {
  if (entry.state !== 'failed') return false;
  if (entry.status === undefined) return !entry.error;
  return entry.status === 0 || entry.status >= 500;
}

export class MessageOutbox {
  private entries: OutgoingMessage[] = [];
  private userId: string | null = null;
  private listeners = new Set<() => void>();
  private resending: Promise<void> | null = null;
  private resendAgain = false;

  use(userId: string): void {
    if (this.userId === userId) return;
    this.userId = userId;
    let stored: OutgoingMessage[] = [];
    try {
      stored = JSON.parse(localStorage.getItem(STORAGE_PREFIX + userId) ?? '[]') as OutgoingMessage[];
    } catch {
      stored = [];
    }
    // A send cut short by a reload has an unknown fate: failed without an answer, so it goes again (the clientId
    // makes that safe).
    this.entries = stored.map((e) => (e.state === 'sending' ? { ...e, state: 'failed' as const, status: 0 } : e));
    // Called while rendering: no emit here, useSyncExternalStore reads the new snapshot itself.
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = () => this.entries;

  put(entry: OutgoingMessage): void {
    this.entries = [...this.entries.filter((e) => e.clientId !== entry.clientId), entry];
    this.save();
  }

  patch(clientId: string, changes: Partial<OutgoingMessage>): void {
    this.entries = this.entries.map((e) => (e.clientId === clientId ? { ...e, ...changes } : e));
    this.save();
  }

  remove(clientId: string): void {
    if (!this.entries.some((e) => e.clientId === clientId)) return;
    this.entries = this.entries.filter((e) => e.clientId !== clientId);
    this.save();
  }

  /**
   * Sends again every failed send that `resendable` allows, one at a time in the order they were written (so the
   * thread keeps that order); `send` posts one and records its outcome here. Asked again while a pass runs (the
   * browser's `online`, then the socket's return), one more pass follows it, for what failed in the meantime.
   */
  resendFailed(send: (entry: OutgoingMessage) => Promise<void>): Promise<void> {
    if (this.resending) {
      this.resendAgain = true;
      return this.resending;
    }
    const pass = async () => {
      do {
        this.resendAgain = false;
        for (const entry of this.entries.filter(resendable)) {
          // Another pass or a tap on "retry" may have taken it meanwhile.
          const current = this.entries.find((e) => e.clientId === entry.clientId);
          if (current && resendable(current)) await send(current);
        }
      } while (this.resendAgain);
    };
    this.resending = pass().finally(() => {
      this.resending = null;
    });
    return this.resending;
  }

  private save(): void {
    if (this.userId) {
      try {
        if (this.entries.length) localStorage.setItem(STORAGE_PREFIX + this.userId, JSON.stringify(this.entries));
        else localStorage.removeItem(STORAGE_PREFIX + this.userId);
      } catch {
        // Storage full or private mode: the outbox lasts for this page only.
      }
    }
    for (const listener of this.listeners) listener();
  }
}
