// Test fixtures shared by the conversation cache's tests: two people, and a conversation waiting for the office.
import type { Conversation, InboxItem, Message, Paged } from '@bureau/common';
import type { Viewer } from './conversationCache';

export const ACCOUNTANT = { id: 'u-office', name: 'Zofia Wrona', side: 'office' as const };
export const CLIENT = { id: 'u-client', name: 'Tomasz Lis', side: 'client' as const };
export const office: Viewer = { userId: ACCOUNTANT.id, side: 'office' };
export const client: Viewer = { userId: CLIENT.id, side: 'client' };

export function message(seq: number, author: Message['author'] = CLIENT, changes: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    seq,
    clientId: `c${seq}`,
    author,
    body: `message ${seq}`,
    attachments: [],
    createdAt: `2026-12-07T10:00:0${seq}.000Z`,
    editedAt: null,
    deletedAt: null,
    ...changes,
  };
}

export function row(changes: Partial<InboxItem> = {}): InboxItem {
  return {
    id: 'conv',
    companyId: 'company',
    companyName: 'Stolarnia Lis',
    channelId: 'channel',
    subject: 'VAT',
    status: 'open',
    visibility: 'company',
    startedBySide: 'client',
    closedAt: null,
    closedBy: null,
    lastMessageAt: '2026-12-07T10:00:01.000Z',
    lastMessageSide: 'client',
    lastMessageSeq: 1,
    lastMessage: 'message 1',
    unread: false,
    needsAction: true,
    ...changes,
  };
}

export function page(items: InboxItem[], changes: Partial<Paged<InboxItem>> = {}): Paged<InboxItem> {
  return { items, total: items.length, page: 1, pageSize: 30, ...changes };
}

export function conversation(changes: Partial<Conversation> = {}): Conversation {
  return {
    id: 'conv',
    companyId: 'company',
    channelId: 'channel',
    subject: 'VAT',
    status: 'open',
    visibility: 'company',
    startedBySide: 'client',
    startedBy: CLIENT.id,
    closedAt: null,
    closedBy: null,
    closedBySide: null,
    lastMessageAt: '2026-12-07T10:00:01.000Z',
    lastMessageSeq: 1,
    participants: [],
    readers: [
      {
        userId: CLIENT.id,
        name: CLIENT.name,
        side: 'client',
        lastReadSeq: 1,
        deliveredSeq: 1,
        readAt: '2026-12-07T10:00:01.000Z',
      },
    ],
    permissions: {
      post: true,
      close: true,
      reopen: false,
      handle: false,
      snooze: false,
      assign: false,
      readDeletedText: true,
    },
    ...changes,
  };
}
