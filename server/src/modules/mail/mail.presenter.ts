// The only serializer of outbox e-mails. It takes rows the service has already redacted.
import type { OutboxEmail, OutboxItem } from '@bureau/common';
import type { Static } from 'typebox';
import type { outboxEmails } from './mail.tables.js';

type OutboxRow = typeof outboxEmails.$inferSelect;

/** A line of the outbox list: the subject, never the bodies (the list does not need them). */
export function presentOutboxItem(row: OutboxRow): Static<typeof OutboxItem> {
  return {
    id: row.id,
    toAddress: row.toAddress,
    toName: row.toName,
    subject: row.subject,
    template: row.template,
    status: row.status,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    lastError: row.lastError,
  };
}

export function presentOutboxEmail(row: OutboxRow): Static<typeof OutboxEmail> {
  return { ...presentOutboxItem(row), textBody: row.textBody, htmlBody: row.htmlBody };
}
