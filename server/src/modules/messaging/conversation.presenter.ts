// The only serializer of conversations: the thread's header, inbox lines and search hits.
import type { ConversationSchema, InboxItem, SearchPage, TriageSchema } from '@bureau/common';
import type { Static } from 'typebox';
import type { ConversationRow } from '../policy/index.js';
import type {
  findConversationPage,
  listParticipants,
  listReaders,
  searchConversations,
} from './conversation.repository.js';

type Conversation = Static<typeof ConversationSchema>;
type Triage = Static<typeof TriageSchema>;
type TriageRow = Pick<ConversationRow, 'handledAt' | 'handledBy' | 'snoozedUntil' | 'assigneeId'>;

/**
 * The office's own state of a conversation, for staff (`names`: the people it names, by id); undefined for clients,
 * so the field never leaves for them. A snooze that has passed is no snooze.
 */
export function presentTriage(row: TriageRow, names: Map<string, string> | undefined): Triage | undefined {
  if (!names) return undefined;
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
  return {
    handledAt: row.handledAt,
    handledBy: row.handledAt ? person(row.handledBy) : null,
    snoozedUntil: row.snoozedUntil && row.snoozedUntil.getTime() > Date.now() ? row.snoozedUntil : null,
    assignee: person(row.assigneeId),
  };
}
type ParticipantRow = Awaited<ReturnType<typeof listParticipants>>[number];
type ReaderRow = Awaited<ReturnType<typeof listReaders>>[number];

/** The thread's header, with who takes part, who read how far, and what the actor may do (from the policy). */
export function presentConversation(
  row: ConversationRow,
  participants: ParticipantRow[],
  readers: ReaderRow[],
  closerName: string | null,
  permissions: Conversation['permissions'],
  triage: Triage | undefined,
): Conversation {
  return {
    id: row.id,
    companyId: row.companyId,
    channelId: row.channelId,
    subject: row.subject,
    status: row.status,
    visibility: row.visibility,
    startedBySide: row.startedBySide,
    startedBy: row.startedBy,
    closedAt: row.closedAt,
    closedBy: row.closedBy ? { id: row.closedBy, name: closerName ?? '' } : null,
    closedBySide: row.closedBySide,
    lastMessageAt: row.lastMessageAt,
    lastMessageSeq: row.lastMessageSeq,
    participants: participants.map((p) => ({ userId: p.userId, name: p.name })),
    readers: readers.map((r) => ({
      userId: r.userId,
      name: r.name,
      side: r.side,
      lastReadSeq: r.lastReadSeq,
      deliveredSeq: r.deliveredSeq,
      readAt: r.readAt,
    })),
    permissions,
    ...(triage && { triage }),
  };
}

type InboxRow = Awaited<ReturnType<typeof findConversationPage>>['items'][number];

/** An inbox line; unread while the thread went on past what the actor read; staff also see its triage. */
export function presentInboxItem(row: InboxRow, names: Map<string, string> | undefined): Static<typeof InboxItem> {
  const triage = presentTriage(row, names);
  return {
    id: row.id,
    companyId: row.companyId,
    companyName: row.companyName,
    channelId: row.channelId,
    subject: row.subject,
    status: row.status,
    visibility: row.visibility,
    startedBySide: row.startedBySide,
    closedAt: row.closedAt,
    closedBy: row.closedBy ? { id: row.closedBy, name: row.closedByName ?? '' } : null,
    lastMessageAt: row.lastMessageAt,
    lastMessageSide: row.lastMessageSide,
    lastMessageSeq: row.lastMessageSeq,
    lastMessage: row.lastMessage,
    unread: row.lastMessageSeq > row.lastReadSeq,
    needsAction: row.needsAction,
    ...(triage && { triage }),
  };
}

type SearchRow = Awaited<ReturnType<typeof searchConversations>>['items'][number];

/** A conversation that matched, with its latest matching message (null when only the subject matched). */
export function presentSearchHit(row: SearchRow): Static<typeof SearchPage>['items'][number] {
  return {
    id: row.id,
    subject: row.subject,
    companyId: row.companyId,
    companyName: row.companyName,
    channelId: row.channelId,
    status: row.status,
    lastMessageAt: row.lastMessageAt,
    match: row.match
      ? {
          seq: row.match.seq,
          body: row.match.body,
          authorName: row.match.authorName,
          createdAt: new Date(row.match.createdAt),
        }
      : null,
  };
}
