// What a message or a read position the server reported changes in the data the browser already
// holds: the thread, the conversation's header (last position, readers and their ticks), the inbox
// rows and the "needs your action" counters. Pure functions over plain data, so each rule is tested
// on its own (conversationCache.test.ts); conversationCacheWriter.ts applies them to the query cache.
//
// Where the browser cannot know the answer — whether a conversation now waits for this staff member
// depends on the office's routing — a function says so, and the caller asks the server.
import type { Conversation, ConversationCounts, InboxItem, Message, Paged, Reader, Side } from '@bureau/common';

/** Who is looking: the signed-in person and their side of every conversation. */
export type Viewer = { userId: string; side: Side };

/** The filters a list was loaded with (those of conversationKeys.list). */
export type ListFilters = { needsAction?: boolean; page: number };

/** The inbox shows this much of the last message (PostgreSQL's left(body, 200): characters, not UTF-16 units). */
export const EXCERPT_LENGTH = 200;

export function excerptOf(message: Message): string | null {
  if (message.deletedAt) return null;
  return Array.from(message.body).slice(0, EXCERPT_LENGTH).join('');
}

/**
 * Whether `incoming` is the same or a later state of `current` (the same message): a deletion is final, and a later
 * edit beats an earlier one, so an answer that arrives after a newer event cannot undo it.
 */
export function isNotOlder(incoming: Message, current: Message): boolean {
  if (current.deletedAt && !incoming.deletedAt) return false;
  if (incoming.deletedAt) return true;
  return (incoming.editedAt ?? '') >= (current.editedAt ?? '');
}

/**
 * The thread with `message` in it: its earlier copy replaced (found by id, or by clientId for a send whose answer is
 * this message), or inserted in seq order.
 */
export function threadWithMessage(thread: Message[], message: Message): Message[] {
  const index = thread.findIndex((m) => m.id === message.id || (message.clientId && m.clientId === message.clientId));
  if (index >= 0) {
    if (!isNotOlder(message, thread[index]!)) return thread;
    const next = [...thread];
    next[index] = message;
    return next;
  }
  const after = thread.findIndex((m) => m.seq > message.seq);
  return after < 0 ? [...thread, message] : [...thread.slice(0, after), message, ...thread.slice(after)];
}

/** Whether messages are missing between the loaded thread and this new one (an event the server could not replay). */
export function hasGapBefore(thread: Message[], message: Message): boolean {
  if (thread.some((m) => m.id === message.id)) return false;
  return message.seq > (thread.at(-1)?.seq ?? 0) + 1;
}

/** The side of the message just before `seq` in the loaded thread, if it is there. */
export function sideBefore(thread: Message[] | undefined, seq: number): Side | undefined {
  return thread?.find((m) => m.seq === seq - 1)?.author.side;
}

/** A reader's positions moved forward (never back); `at` stamps a read that moved. */
function advancedReader(reader: Reader, change: { lastReadSeq?: number; deliveredSeq?: number }, at: string): Reader {
  const lastReadSeq = Math.max(reader.lastReadSeq, change.lastReadSeq ?? 0);
  // The server reports delivered as at least read (greatest(delivered_seq, last_read_seq)).
  const deliveredSeq = Math.max(reader.deliveredSeq ?? 0, change.deliveredSeq ?? 0, lastReadSeq);
  if (lastReadSeq === reader.lastReadSeq && deliveredSeq === (reader.deliveredSeq ?? 0)) return reader;
  return { ...reader, lastReadSeq, deliveredSeq, readAt: lastReadSeq > reader.lastReadSeq ? at : reader.readAt };
}

/**
 * The conversation's header after someone's read or delivered position moved. Undefined when that person is not among
 * its readers yet and nothing says who they are (`person`, e.g. from their messages): the caller reloads it.
 */
export function conversationAfterRead(
  conversation: Conversation,
  change: { userId: string; lastReadSeq?: number; deliveredSeq?: number },
  at: string,
  person?: { name: string; side: Side },
): Conversation | undefined {
  const reader = conversation.readers.find((r) => r.userId === change.userId);
  if (reader) {
    const moved = advancedReader(reader, change, at);
    if (moved === reader) return conversation;
    return { ...conversation, readers: conversation.readers.map((r) => (r === reader ? moved : r)) };
  }
  if (!person) return undefined;
  const added = advancedReader(
    { userId: change.userId, name: person.name, side: person.side, lastReadSeq: 0, deliveredSeq: 0, readAt: at },
    change,
    at,
  );
  return { ...conversation, readers: [...conversation.readers, added] };
}

/** The conversation's header after a new message: its last position, and its author has read up to it (as the server records). */
export function conversationAfterMessage(conversation: Conversation, message: Message): Conversation {
  const withPosition =
    message.seq > conversation.lastMessageSeq
      ? { ...conversation, lastMessageSeq: message.seq, lastMessageAt: message.createdAt }
      : conversation;
  return (
    conversationAfterRead(
      withPosition,
      { userId: message.author.id, lastReadSeq: message.seq },
      message.createdAt,
      message.author,
    ) ?? withPosition
  );
}

/**
 * An inbox row after a message. `unsure` when whether it now waits for the viewer cannot be told here: the message
 * turned it over to the viewer's side, and for staff that depends on the office's routing.
 */
export function rowAfterMessage(row: InboxItem, message: Message, viewer: Viewer): { row: InboxItem; unsure: boolean } {
  if (message.seq < row.lastMessageSeq) return { row, unsure: false };
  if (message.seq === row.lastMessageSeq) {
    // The last message again: an edit or a deletion changes only the excerpt.
    const lastMessage = excerptOf(message);
    return { row: lastMessage === row.lastMessage ? row : { ...row, lastMessage }, unsure: false };
  }
  const mine = message.author.id === viewer.userId;
  const sameSide = message.author.side === row.lastMessageSide;
  let needsAction = row.needsAction;
  let unsure = false;
  if (message.author.side === viewer.side) needsAction = false;
  else if (!sameSide) {
    // Now waiting for the viewer's side: a client always acts for their side; staff only if routed to them.
    if (viewer.side === 'client') needsAction = row.status === 'open';
    else unsure = true;
  }
  return {
    row: {
      ...row,
      lastMessageAt: message.createdAt,
      lastMessageSide: message.author.side,
      lastMessageSeq: message.seq,
      lastMessage: excerptOf(message),
      // Writing moves the author's read position to it; anyone else has not read it yet.
      unread: !mine,
      needsAction,
    },
    unsure,
  };
}

/**
 * A page of the inbox after a message in conversation `conversationId` (`created`: a new one, not an edit). `refetch` when the page cannot be put right
 * here: a conversation it lacks may now belong on it, a later page shifts, a row left and the next page's first
 * should slide up, or the row's waiting state is unsure.
 */
export function listAfterMessage(
  list: Paged<InboxItem>,
  filters: ListFilters,
  conversationId: string,
  message: Message,
  viewer: Viewer,
  created: boolean,
): { list: Paged<InboxItem>; refetch: boolean } {
  const index = list.items.findIndex((r) => r.id === conversationId);
  const current = list.items[index];
  if (!current) {
    // Not on this page: a new message brings its conversation to the top of every list it belongs to, and the viewer's
    // own message cannot bring one into "needs your action".
    const couldEnter = !(filters.needsAction && message.author.side === viewer.side);
    return { list, refetch: created && couldEnter };
  }
  const { row, unsure } = rowAfterMessage(current, message, viewer);
  if (row === current) return { list, refetch: false };
  const moved = row.lastMessageSeq > current.lastMessageSeq;
  if (filters.needsAction && !row.needsAction && !unsure) {
    const items = list.items.filter((r) => r.id !== conversationId);
    const more = list.total > (list.page - 1) * list.pageSize + list.items.length;
    return { list: { ...list, items, total: Math.max(0, list.total - 1) }, refetch: more };
  }
  if (!moved)
    return { list: { ...list, items: list.items.map((r) => (r.id === conversationId ? row : r)) }, refetch: unsure };
  // Newest activity first: the row goes to the top of the first page; a later page shifts by one.
  const items = [row, ...list.items.filter((r) => r.id !== conversationId)];
  return { list: { ...list, items }, refetch: unsure || filters.page > 1 };
}

/** The counters moved by `delta` for one conversation (its channel and company). */
export function countsWith(counts: ConversationCounts, row: Pick<InboxItem, 'channelId' | 'companyId'>, delta: 1 | -1) {
  const bump = (entries: { id: string; count: number }[], id: string) => {
    const found = entries.some((e) => e.id === id);
    const next = found
      ? entries.map((e) => (e.id === id ? { ...e, count: e.count + delta } : e))
      : [...entries, { id, count: delta }];
    return next.filter((e) => e.count > 0);
  };
  return {
    total: Math.max(0, counts.total + delta),
    byChannel: bump(counts.byChannel, row.channelId),
    byCompany: bump(counts.byCompany, row.companyId),
  };
}

/**
 * The "needs your action" counters after a new message, from what was known before it: a row of the conversation as
 * some list showed it, or else the side of the message before it. 'same' when they cannot have changed, 'refetch'
 * when only the server can tell.
 */
export function countsAfterMessage(
  counts: ConversationCounts,
  before: {
    row?: InboxItem;
    previousSide?: Side;
    applied: boolean;
    /** The conversation's header as the open thread shows it, when no list row is known. */
    conversation?: Pick<Conversation, 'status' | 'channelId' | 'companyId'>;
  },
  message: Message,
  viewer: Viewer,
): ConversationCounts | 'same' | 'refetch' {
  if (before.applied) return 'same';
  const row = before.row && before.row.lastMessageSeq < message.seq ? before.row : undefined;
  if (before.row && !row) return 'same';
  const previousSide = row?.lastMessageSide ?? before.previousSide;
  // Waiting depends only on which side wrote last (and the routing, which does not change with a message).
  if (previousSide === message.author.side) return 'same';
  if (!row) {
    // A client's "needs your action" knows no routing: an open conversation waits for them exactly when the office
    // wrote last, so the open thread's header is enough to count it (a client's thread page shows their menu's counter).
    if (viewer.side === 'client' && previousSide !== undefined && before.conversation?.status === 'open')
      return countsWith(counts, before.conversation, message.author.side === 'client' ? -1 : 1);
    return 'refetch';
  }
  if (message.author.side === viewer.side) return row.needsAction ? countsWith(counts, row, -1) : 'same';
  if (viewer.side === 'client' && row.status === 'open' && !row.needsAction) return countsWith(counts, row, 1);
  return 'refetch';
}

/** An inbox row after the viewer's own read position moved (here or in another tab). */
export function rowAfterOwnRead(row: InboxItem, lastReadSeq: number): InboxItem {
  return row.unread && lastReadSeq >= row.lastMessageSeq ? { ...row, unread: false } : row;
}
