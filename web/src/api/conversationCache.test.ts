import { describe, expect, it } from 'vitest';
import {
  conversationAfterMessage,
  conversationAfterRead,
  countsAfterMessage,
  countsWith,
  excerptOf,
  hasGapBefore,
  listAfterMessage,
  rowAfterMessage,
  rowAfterOwnRead,
  sideBefore,
  threadWithMessage,
} from './conversationCache';
import type { ConversationCounts } from '@bureau/common';

import { ACCOUNTANT, CLIENT, client, conversation, message, office, page, row } from './conversation.fixtures';

const counts: ConversationCounts = {
  total: 3,
  byChannel: [
    { id: 'channel', count: 2 },
    { id: 'other', count: 1 },
  ],
  byCompany: [
    { id: 'company', count: 1 },
    { id: 'another', count: 2 },
  ],
};

describe('the thread', () => {
  it('puts a send’s answer in place of the copy with its clientId', () => {
    const optimistic = message(2, ACCOUNTANT, { id: 'local' });
    const stored = message(2, ACCOUNTANT);
    expect(threadWithMessage([message(1), optimistic], stored)).toEqual([message(1), stored]);
  });

  it('inserts a new message in seq order and replaces a known one by id', () => {
    const thread = [message(1), message(3)];
    expect(threadWithMessage(thread, message(2)).map((m) => m.seq)).toEqual([1, 2, 3]);
    const edited = message(3, CLIENT, { body: 'changed', editedAt: '2026-12-07T11:00:00.000Z' });
    expect(threadWithMessage(thread, edited)).toEqual([message(1), edited]);
  });

  it('never brings a deleted message back, nor an earlier edit over a later one', () => {
    const deleted = message(1, CLIENT, { body: '', deletedAt: '2026-12-07T11:00:00.000Z' });
    expect(threadWithMessage([deleted], message(1))).toEqual([deleted]);
    const later = message(1, CLIENT, { body: 'second', editedAt: '2026-12-07T11:05:00.000Z' });
    const earlier = message(1, CLIENT, { body: 'first', editedAt: '2026-12-07T11:00:00.000Z' });
    expect(threadWithMessage([later], earlier)).toEqual([later]);
  });

  it('sees a gap when a new message does not follow the last loaded one', () => {
    expect(hasGapBefore([message(1)], message(2))).toBe(false);
    expect(hasGapBefore([message(1)], message(3))).toBe(true);
    expect(hasGapBefore([message(1), message(3)], message(3))).toBe(false);
  });

  it('knows the side of the message before a position only if it is loaded', () => {
    expect(sideBefore([message(1, ACCOUNTANT)], 2)).toBe('office');
    expect(sideBefore([message(1)], 3)).toBeUndefined();
    expect(sideBefore(undefined, 2)).toBeUndefined();
  });
});

describe('the conversation’s header', () => {
  it('moves to the new message, and its author has read up to it', () => {
    const after = conversationAfterMessage(conversation(), message(2, CLIENT));
    expect(after.lastMessageSeq).toBe(2);
    expect(after.lastMessageAt).toBe(message(2).createdAt);
    expect(after.readers).toEqual([expect.objectContaining({ userId: CLIENT.id, lastReadSeq: 2, deliveredSeq: 2 })]);
  });

  it('adds the author as a reader when they had no position yet', () => {
    const after = conversationAfterMessage(conversation(), message(2, ACCOUNTANT));
    expect(after.readers.find((r) => r.userId === ACCOUNTANT.id)).toEqual({
      userId: ACCOUNTANT.id,
      name: ACCOUNTANT.name,
      side: 'office',
      lastReadSeq: 2,
      deliveredSeq: 2,
      readAt: message(2).createdAt,
    });
  });

  it('moves read and delivered ticks forward only, and stamps a read that moved', () => {
    const start = conversation();
    const delivered = conversationAfterRead(start, { userId: CLIENT.id, deliveredSeq: 3 }, 'later')!;
    expect(delivered.readers[0]).toMatchObject({ lastReadSeq: 1, deliveredSeq: 3, readAt: start.readers[0]!.readAt });
    const read = conversationAfterRead(delivered, { userId: CLIENT.id, lastReadSeq: 2 }, 'now')!;
    expect(read.readers[0]).toMatchObject({ lastReadSeq: 2, deliveredSeq: 3, readAt: 'now' });
    expect(conversationAfterRead(read, { userId: CLIENT.id, lastReadSeq: 1, deliveredSeq: 2 }, 'then')).toBe(read);
  });

  it('asks for the header again when an unknown person’s position moves', () => {
    expect(conversationAfterRead(conversation(), { userId: 'stranger', lastReadSeq: 1 }, 'now')).toBeUndefined();
  });
});

describe('an inbox row', () => {
  it('shows the new message’s first 200 characters, unread unless it is the viewer’s own', () => {
    const long = message(2, CLIENT, { body: 'ż'.repeat(250) });
    const { row: after } = rowAfterMessage(row({ needsAction: false, lastMessageSide: 'office' }), long, client);
    expect(after).toMatchObject({ lastMessageSeq: 2, lastMessageSide: 'client', unread: false });
    expect(Array.from(after.lastMessage!)).toHaveLength(200);
    expect(rowAfterMessage(row(), message(2, CLIENT), office).row.unread).toBe(true);
  });

  it('stops waiting for the side that just wrote', () => {
    expect(rowAfterMessage(row(), message(2, ACCOUNTANT), office)).toEqual({
      row: expect.objectContaining({ needsAction: false, lastMessageSide: 'office' }),
      unsure: false,
    });
  });

  it('keeps waiting when the same side writes again', () => {
    expect(rowAfterMessage(row(), message(2, CLIENT), office).row.needsAction).toBe(true);
  });

  it('waits for a client once the office wrote, but cannot tell for staff (routing)', () => {
    const clientLast = row({ lastMessageSide: 'client', needsAction: false });
    expect(rowAfterMessage(clientLast, message(2, ACCOUNTANT), client).row.needsAction).toBe(true);
    const officeLast = row({ lastMessageSide: 'office', needsAction: false });
    expect(rowAfterMessage(officeLast, message(2, CLIENT), office).unsure).toBe(true);
  });

  it('changes only the excerpt when the last message is edited or deleted, and nothing for an older one', () => {
    const deleted = message(1, CLIENT, { body: '', deletedAt: '2026-12-07T11:00:00.000Z' });
    expect(rowAfterMessage(row(), deleted, office).row).toEqual({ ...row(), lastMessage: null });
    const current = row({ lastMessageSeq: 3 });
    expect(rowAfterMessage(current, message(2), office).row).toBe(current);
  });

  it('is read once the viewer’s position reaches its last message', () => {
    expect(rowAfterOwnRead(row({ unread: true, lastMessageSeq: 2 }), 1).unread).toBe(true);
    expect(rowAfterOwnRead(row({ unread: true, lastMessageSeq: 2 }), 2).unread).toBe(false);
  });

  it('says a deleted message has no excerpt', () => {
    expect(excerptOf(message(1, CLIENT, { deletedAt: 'x' }))).toBeNull();
  });
});

describe('a page of the inbox', () => {
  const other = row({ id: 'other', lastMessageSeq: 5, lastMessageAt: '2026-12-07T10:30:00.000Z' });

  it('moves the row of a new message to the top of the first page', () => {
    const { list, refetch } = listAfterMessage(page([other, row()]), { page: 1 }, 'conv', message(2), office, true);
    expect(list.items.map((r) => r.id)).toEqual(['conv', 'other']);
    expect(refetch).toBe(false);
  });

  it('drops a row from "needs your action" when the viewer answered, without asking the server', () => {
    const { list, refetch } = listAfterMessage(
      page([other, row()]),
      { needsAction: true, page: 1 },
      'conv',
      message(2, ACCOUNTANT),
      office,
      true,
    );
    expect(list.items.map((r) => r.id)).toEqual(['other']);
    expect(list.total).toBe(1);
    expect(refetch).toBe(false);
  });

  it('asks again when a dropped row leaves room for one from the next page', () => {
    const full = page([row()], { total: 2, pageSize: 1 });
    const result = listAfterMessage(full, { needsAction: true, page: 1 }, 'conv', message(2, ACCOUNTANT), office, true);
    expect(result.refetch).toBe(true);
  });

  it('asks again when a new message may bring in a conversation it lacks — not for an edit or the viewer’s own answer in "needs your action"', () => {
    const list = page([other]);
    expect(listAfterMessage(list, { page: 1 }, 'conv', message(2), office, true).refetch).toBe(true);
    expect(listAfterMessage(list, { page: 1 }, 'conv', message(2), office, false).refetch).toBe(false);
    const mine = message(2, ACCOUNTANT);
    expect(listAfterMessage(list, { needsAction: true, page: 1 }, 'conv', mine, office, true).refetch).toBe(false);
  });

  it('asks again for a later page, which shifts when a row moves to the first', () => {
    const result = listAfterMessage(page([row()], { page: 2 }), { page: 2 }, 'conv', message(2), office, true);
    expect(result.refetch).toBe(true);
  });

  it('leaves a page alone when the message was already applied', () => {
    const list = page([row({ lastMessageSeq: 2, lastMessage: 'message 2' })]);
    expect(listAfterMessage(list, { page: 1 }, 'conv', message(2), office, true)).toEqual({ list, refetch: false });
  });
});

describe('the "needs your action" counters', () => {
  it('count one less when the viewer answers a conversation that waited for them', () => {
    expect(countsAfterMessage(counts, { row: row(), applied: false }, message(2, ACCOUNTANT), office)).toEqual({
      total: 2,
      byChannel: [
        { id: 'channel', count: 1 },
        { id: 'other', count: 1 },
      ],
      byCompany: [{ id: 'another', count: 2 }],
    });
  });

  it('do not change when the same side writes again, or for one’s own echo', () => {
    expect(countsAfterMessage(counts, { row: row(), applied: false }, message(2, CLIENT), office)).toBe('same');
    expect(countsAfterMessage(counts, { previousSide: 'client', applied: false }, message(2), office)).toBe('same');
    const answered = row({ lastMessageSeq: 2, lastMessageSide: 'office', needsAction: false });
    expect(countsAfterMessage(counts, { row: answered, applied: true }, message(2, ACCOUNTANT), office)).toBe('same');
  });

  it('count one more for a client the office just answered', () => {
    const waiting = row({ lastMessageSide: 'client', needsAction: false });
    expect(countsAfterMessage(counts, { row: waiting, applied: false }, message(2, ACCOUNTANT), client)).toEqual(
      countsWith(counts, waiting, 1),
    );
  });

  it('follow a client’s open thread without a list row: one more when the office writes, one less on an answer', () => {
    const header = conversation();
    const before = (previousSide: 'office' | 'client') => ({ previousSide, applied: false, conversation: header });
    expect(countsAfterMessage(counts, before('client'), message(2, ACCOUNTANT), client)).toEqual(
      countsWith(counts, header, 1),
    );
    expect(countsAfterMessage(counts, before('office'), message(2, CLIENT), client)).toEqual(
      countsWith(counts, header, -1),
    );
    // Closed, or the message before unknown: only the server can tell.
    const closed = {
      previousSide: 'client' as const,
      applied: false,
      conversation: conversation({ status: 'closed' }),
    };
    expect(countsAfterMessage(counts, closed, message(2, ACCOUNTANT), client)).toBe('refetch');
    expect(countsAfterMessage(counts, { applied: false, conversation: header }, message(2, ACCOUNTANT), client)).toBe(
      'refetch',
    );
    // Staff have routing: the header is not enough.
    expect(countsAfterMessage(counts, before('office'), message(2, CLIENT), office)).toBe('refetch');
  });

  it('are asked again when only the server can tell', () => {
    const answered = row({ lastMessageSide: 'office', needsAction: false });
    expect(countsAfterMessage(counts, { row: answered, applied: false }, message(2), office)).toBe('refetch');
    expect(countsAfterMessage(counts, { applied: false }, message(2, ACCOUNTANT), office)).toBe('refetch');
    expect(countsAfterMessage(counts, { previousSide: 'office', applied: false }, message(2), office)).toBe('refetch');
  });

  it('add an entry for a channel or company that had none', () => {
    expect(countsWith({ total: 0, byChannel: [], byCompany: [] }, row(), 1)).toEqual({
      total: 1,
      byChannel: [{ id: 'channel', count: 1 }],
      byCompany: [{ id: 'company', count: 1 }],
    });
  });
});
