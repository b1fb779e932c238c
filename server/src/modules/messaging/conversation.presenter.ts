// The only serializer of conversations: the thread's header, inbox lines and search hits.
import type { ConversationSchema, InboxItem, SearchPage } from '@bureau/common';
import type { Static } from 'typebox';
import type { ConversationRow } from '../policy/index.js';
import type {
  findConversationPage,
  listParticipants,
  listReaders,
  searchConversations,
} from './conversation.repository.js';

type Conversation = Static<typeof ConversationSchema>;
type ParticipantRow = Awaited<ReturnType<typeof listParticipants>>[number];
type ReaderRow = Awaited<ReturnType<typeof listReaders>>[number];

/** The thread's header, with who takes part, who read how far, and what the actor may do (from the policy). */
export function presentConversation(
  row: ConversationRow,
  participants: ParticipantRow[],
  readers: ReaderRow[],
  closerName: string | null,
  permissions: Conversation['permissions'],
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
  };
}

type InboxRow = Awaited<ReturnType<typeof findConversationPage>>['items'][number];

/** An inbox line; unread while the thread went on past what the actor read. */
export function presentInboxItem(row: InboxRow): Static<typeof InboxItem> {
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
    match: row.match ? { seq: row.match.seq, body: row.match.body } : null,
  };
}
