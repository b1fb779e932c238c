// Conversations between the office and a client company: starting one (with its first message),
// the inbox and its "needs your action" counters, closing and reopening by the side that may, and
// the messages themselves — idempotent sends, edits and deletions that keep every revision, read
// positions.
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../../db/database.js';
import { AppError, forbidden, invalid, notFound } from '../../http/app-error.js';
import type { Actor } from '../identity/actor.js';
import type { EventBus } from '../realtime/event-bus.js';
import { findOffice } from '../identity/identity.repository.js';
import {
  companyRelation,
  conversationScope,
  needsActionOf,
  requireConversationAction,
  requireOfficeAction,
  routedTo,
  sideOf,
  type ConversationRow,
} from '../tenancy/policy.js';
import { findChannel } from './channel.repository.js';
import {
  advanceReadPosition,
  companyMemberIds,
  countNeedsAction,
  findConversationByClientId,
  findConversationPage,
  findMessage,
  findMessageByClientId,
  insertConversation,
  insertMessage,
  insertParticipants,
  insertRevision,
  listMessages,
  listParticipants,
  listReaders,
  listRevisions,
  nextMessageSeq,
  searchConversations,
  setConversationStatus,
  updateMessage,
  type InboxFilter,
  type MessageRow,
} from './conversation.repository.js';

export const MESSAGE_MAX = 20_000;

export type NewConversation = {
  companyId?: string;
  channelId: string;
  subject: string;
  body: string;
  clientId: string;
  visibility: 'company' | 'private';
  participantIds?: string[];
};

export type InboxQuery = {
  status?: 'open' | 'closed';
  companyId?: string;
  channelId?: string;
  assigneeId?: string;
  needsAction?: boolean;
};

const isUniqueViolation = (err: unknown) => (err as { cause?: { code?: string } }).cause?.code === '23505';

function checkBody(body: string): string {
  const text = body.trim();
  if (!text) throw invalid({ body: { code: 'required' } });
  if ([...text].length > MESSAGE_MAX) throw invalid({ body: { code: 'too_long', params: { max: MESSAGE_MAX } } });
  return text;
}

const presentMessage = (m: MessageRow & { authorName?: string }) => ({
  id: m.id,
  seq: m.seq,
  clientId: m.clientId,
  author: { id: m.authorId, name: m.authorName ?? '', side: m.authorSide },
  body: m.deletedAt ? '' : m.body,
  createdAt: m.createdAt,
  editedAt: m.editedAt,
  deletedAt: m.deletedAt,
});

export class ConversationService {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  private tenant<T>(actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.inTenant({ officeId: actor.officeId, userId: actor.userId }, fn);
  }

  /** A change: one transaction (with its events), then the realtime dispatchers are woken. */
  private async change<T>(actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await this.tenant(actor, fn);
    await this.events.wake(actor.officeId);
    return result;
  }

  private conversationChanged(tx: Tx, actor: Actor, conversation: { id: string; companyId: string }) {
    return this.events.record(tx, actor.officeId, {
      type: 'conversation.updated',
      companyId: conversation.companyId,
      conversationId: conversation.id,
      payload: { conversationId: conversation.id },
    });
  }

  /** Starts a conversation with its first message; a retry with the same clientId returns the first. */
  async start(actor: Actor, input: NewConversation) {
    const companyId = actor.kind === 'client' ? actor.companyId : input.companyId;
    if (!companyId) throw invalid({ companyId: { code: 'required' } });
    const subject = input.subject.trim();
    if (!subject) throw invalid({ subject: { code: 'required' } });
    const body = checkBody(input.body);
    try {
      return await this.change(actor, async (tx) => {
        const existing = await findConversationByClientId(tx, actor.officeId, actor.userId, input.clientId);
        if (existing) return this.detail(tx, actor, await requireConversationAction(tx, actor, 'conversation.read', existing.id));
        const relation = await companyRelation(tx, actor, companyId);
        if (relation === 'none') throw notFound();
        // Limited client users may only write privately (to themselves and chosen colleagues).
        if (relation === 'client_limited' && input.visibility !== 'private') throw forbidden();
        const channel = /^[0-9a-f-]{36}$/i.test(input.channelId) ? await findChannel(tx, actor.officeId, input.channelId) : undefined;
        if (!channel) throw invalid({ channelId: { code: 'invalid' } });
        if (channel.archivedAt) throw new AppError('channel.archived', { fields: { channelId: { code: 'invalid' } } });
        const participantIds = new Set(input.visibility === 'private' ? (input.participantIds ?? []) : []);
        if (input.visibility === 'private' && actor.kind === 'client') participantIds.add(actor.userId);
        if (input.visibility === 'private') {
          const members = await companyMemberIds(tx, actor.officeId, companyId, [...participantIds]);
          if (members.size === 0 || members.size !== participantIds.size) throw new AppError('conversation.participant_invalid', { fields: { participantIds: { code: 'invalid' } } });
        }
        const id = randomUUID();
        const side = sideOf(actor);
        await insertConversation(tx, {
          id,
          officeId: actor.officeId,
          companyId,
          channelId: channel.id,
          subject,
          startedBySide: side,
          startedBy: actor.userId,
          clientId: input.clientId,
          visibility: input.visibility,
          lastMessageSide: side,
        });
        await insertParticipants(tx, actor.officeId, id, [...participantIds]);
        await this.conversationChanged(tx, actor, { id, companyId });
        await this.append(tx, actor, { id, companyId }, { clientId: input.clientId, body });
        const conversation = (await findConversationByClientId(tx, actor.officeId, actor.userId, input.clientId))!;
        return this.detail(tx, actor, conversation);
      });
    } catch (err) {
      // Two identical retries raced: the loser finds the winner's conversation.
      if (isUniqueViolation(err)) return this.tenant(actor, async (tx) => this.detail(tx, actor, (await findConversationByClientId(tx, actor.officeId, actor.userId, input.clientId))!));
      throw err;
    }
  }

  private async detail(tx: Tx, actor: Actor, conversation: ConversationRow) {
    return {
      id: conversation.id,
      companyId: conversation.companyId,
      channelId: conversation.channelId,
      subject: conversation.subject,
      status: conversation.status,
      visibility: conversation.visibility,
      startedBySide: conversation.startedBySide,
      startedBy: conversation.startedBy,
      closedAt: conversation.closedAt,
      closedBySide: conversation.closedBySide,
      lastMessageAt: conversation.lastMessageAt,
      lastMessageSeq: conversation.lastMessageSeq,
      participants: await listParticipants(tx, actor.officeId, conversation.id),
      readers: await listReaders(tx, actor.officeId, conversation.id, conversation.companyId),
      permissions: {
        post: conversation.status === 'open',
        close: conversation.status === 'open' && conversation.startedBySide === sideOf(actor),
        reopen: conversation.status === 'closed' && conversation.closedBySide === sideOf(actor),
      },
    };
  }

  async get(actor: Actor, conversationId: string) {
    return this.tenant(actor, async (tx) => this.detail(tx, actor, await requireConversationAction(tx, actor, 'conversation.read', conversationId)));
  }

  /** The inbox: conversations the actor may see, newest activity first, with "needs my action". */
  async list(actor: Actor, query: InboxQuery, page: number, pageSize: number) {
    requireOfficeAction(actor, 'conversation.list');
    const extra = [];
    if (query.needsAction) extra.push(needsActionOf(actor));
    if (query.assigneeId) {
      if (actor.kind !== 'staff') throw forbidden();
      extra.push(routedTo(query.assigneeId));
    }
    const filter: InboxFilter = { status: query.status, companyId: query.companyId, channelId: query.channelId, extra };
    const result = await this.tenant(actor, (tx) => findConversationPage(tx, conversationScope(actor), needsActionOf(actor), actor.userId, filter, page, pageSize));
    return {
      items: result.items.map(({ lastReadSeq, lastMessageSeq, ...item }) => ({ ...item, lastMessageSeq, unread: lastMessageSeq > lastReadSeq })),
      total: result.total,
      page,
      pageSize,
    };
  }

  /** "Needs your action" counts: in total, per channel and per company. */
  async counts(actor: Actor) {
    requireOfficeAction(actor, 'conversation.list');
    const rows = await this.tenant(actor, (tx) => countNeedsAction(tx, conversationScope(actor), needsActionOf(actor)));
    const sum = (key: 'channelId' | 'companyId') => {
      const totals = new Map<string, number>();
      for (const row of rows) totals.set(row[key], (totals.get(row[key]) ?? 0) + row.n);
      return [...totals].map(([id, count]) => ({ id, count }));
    };
    return { total: rows.reduce((n, r) => n + r.n, 0), byChannel: sum('channelId'), byCompany: sum('companyId') };
  }

  async close(actor: Actor, conversationId: string) {
    return this.change(actor, async (tx) => {
      const conversation = await requireConversationAction(tx, actor, 'conversation.close', conversationId);
      await this.conversationChanged(tx, actor, conversation);
      await setConversationStatus(tx, actor.officeId, conversationId, { status: 'closed', closedAt: new Date(), closedBy: actor.userId, closedBySide: sideOf(actor) });
      return this.detail(tx, actor, { ...conversation, status: 'closed', closedAt: new Date(), closedBy: actor.userId, closedBySide: sideOf(actor) });
    });
  }

  async reopen(actor: Actor, conversationId: string) {
    return this.change(actor, async (tx) => {
      const conversation = await requireConversationAction(tx, actor, 'conversation.reopen', conversationId);
      await this.conversationChanged(tx, actor, conversation);
      await setConversationStatus(tx, actor.officeId, conversationId, { status: 'open', closedAt: null, closedBy: null, closedBySide: null });
      return this.detail(tx, actor, { ...conversation, status: 'open', closedAt: null, closedBy: null, closedBySide: null });
    });
  }

  async messages(actor: Actor, conversationId: string, afterSeq: number, limit: number) {
    return this.tenant(actor, async (tx) => {
      await requireConversationAction(tx, actor, 'conversation.read', conversationId);
      return (await listMessages(tx, actor.officeId, conversationId, afterSeq, limit)).map((m) => presentMessage({ ...m, officeId: actor.officeId, conversationId }));
    });
  }

  /** Posts a message; the same clientId again returns the message already stored (a retried send). */
  async post(actor: Actor, conversationId: string, input: { clientId: string; body: string }) {
    const body = checkBody(input.body);
    try {
      return await this.change(actor, async (tx) => {
        const existing = await this.existingSend(tx, actor, conversationId, input.clientId);
        if (existing) return existing;
        const conversation = await requireConversationAction(tx, actor, 'conversation.post', conversationId);
        return this.append(tx, actor, conversation, { clientId: input.clientId, body });
      });
    } catch (err) {
      if (isUniqueViolation(err)) return this.tenant(actor, async (tx) => (await this.existingSend(tx, actor, conversationId, input.clientId))!);
      throw err;
    }
  }

  private async existingSend(tx: Tx, actor: Actor, conversationId: string, clientId: string) {
    await requireConversationAction(tx, actor, 'conversation.read', conversationId);
    const existing = await findMessageByClientId(tx, actor.officeId, conversationId, clientId);
    if (!existing) return undefined;
    if (existing.authorId !== actor.userId) throw new AppError('conflict');
    return presentMessage({ ...existing, authorName: actor.name });
  }

  /** Adds a message to a conversation the caller has already checked (posting, or starting it). */
  private async append(tx: Tx, actor: Actor, conversation: { id: string; companyId: string }, input: { clientId: string; body: string }) {
    const conversationId = conversation.id;
    const side = sideOf(actor);
    const seq = await nextMessageSeq(tx, actor.officeId, conversationId, side);
    const id = randomUUID();
    await insertMessage(tx, { id, officeId: actor.officeId, conversationId, seq, clientId: input.clientId, authorId: actor.userId, authorSide: side, body: input.body });
    // Writing means having read everything up to one's own message.
    await advanceReadPosition(tx, actor.officeId, conversationId, actor.userId, seq);
    const message = presentMessage({ ...(await findMessage(tx, actor.officeId, id))!, authorName: actor.name });
    await this.events.record(tx, actor.officeId, { type: 'message.created', companyId: conversation.companyId, conversationId, payload: { message } });
    return message;
  }

  /** A message its author may still change: theirs, not deleted, within the office's window, conversation open. */
  private async ownMessage(tx: Tx, actor: Actor, messageId: string): Promise<{ message: MessageRow; companyId: string }> {
    if (!/^[0-9a-f-]{36}$/i.test(messageId)) throw notFound();
    const message = await findMessage(tx, actor.officeId, messageId);
    if (!message) throw notFound();
    const { companyId } = await requireConversationAction(tx, actor, 'conversation.post', message.conversationId);
    if (message.authorId !== actor.userId) throw new AppError('message.not_author');
    if (message.deletedAt) throw new AppError('message.deleted');
    const office = (await findOffice(tx, actor.officeId))!;
    if (Date.now() - message.createdAt.getTime() > office.messageEditMinutes * 60_000) throw new AppError('message.edit_window_passed');
    return { message, companyId };
  }

  async edit(actor: Actor, messageId: string, input: { body: string }) {
    const body = checkBody(input.body);
    return this.change(actor, async (tx) => {
      const { message, companyId } = await this.ownMessage(tx, actor, messageId);
      await insertRevision(tx, { officeId: actor.officeId, messageId, kind: 'edit', body: message.body, revisedBy: actor.userId });
      await updateMessage(tx, actor.officeId, messageId, { body, editedAt: new Date() });
      const edited = presentMessage({ ...(await findMessage(tx, actor.officeId, messageId))!, authorName: actor.name });
      await this.events.record(tx, actor.officeId, { type: 'message.updated', companyId, conversationId: message.conversationId, payload: { message: edited } });
      return edited;
    });
  }

  /** Deletes a message: a marker stays in the thread, the text stays in the revisions for admins. */
  async remove(actor: Actor, messageId: string) {
    await this.change(actor, async (tx) => {
      const { message, companyId } = await this.ownMessage(tx, actor, messageId);
      await insertRevision(tx, { officeId: actor.officeId, messageId, kind: 'delete', body: message.body, revisedBy: actor.userId });
      await updateMessage(tx, actor.officeId, messageId, { body: '', deletedAt: new Date() });
      const deleted = presentMessage({ ...(await findMessage(tx, actor.officeId, messageId))!, authorName: actor.name });
      await this.events.record(tx, actor.officeId, { type: 'message.updated', companyId, conversationId: message.conversationId, payload: { message: deleted } });
    });
  }

  /** Every earlier text of a message, for office admins (the history is permanent). */
  async revisions(actor: Actor, messageId: string) {
    requireOfficeAction(actor, 'message.revisions');
    if (!/^[0-9a-f-]{36}$/i.test(messageId)) throw notFound();
    return this.tenant(actor, async (tx) => {
      const message = await findMessage(tx, actor.officeId, messageId);
      if (!message) throw notFound();
      await requireConversationAction(tx, actor, 'conversation.read', message.conversationId);
      return (await listRevisions(tx, actor.officeId, messageId)).map((r) => ({
        kind: r.kind,
        body: r.body,
        revisedAt: r.revisedAt,
        revisedBy: { id: r.revisedById, name: r.revisedByName },
      }));
    });
  }

  /**
   * Full-text search over subjects and messages of the conversations the actor may see. Every word
   * must match, as a prefix and whatever its diacritics ("zolw" finds "żółw", "sedin" finds "ședință").
   */
  async search(actor: Actor, text: string, page: number, pageSize: number) {
    requireOfficeAction(actor, 'conversation.list');
    const words = text.normalize('NFC').split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 8);
    if (words.length === 0) return { items: [], total: 0, page, pageSize };
    const tsQuery = words.map((w) => `${w}:*`).join(' & ');
    const result = await this.tenant(actor, (tx) => searchConversations(tx, conversationScope(actor), tsQuery, page, pageSize));
    return { ...result, page, pageSize };
  }

  async markRead(actor: Actor, conversationId: string, seq: number) {
    await this.change(actor, async (tx) => {
      const conversation = await requireConversationAction(tx, actor, 'conversation.read', conversationId);
      const lastReadSeq = Math.min(seq, conversation.lastMessageSeq);
      await advanceReadPosition(tx, actor.officeId, conversationId, actor.userId, lastReadSeq);
      await this.events.record(tx, actor.officeId, { type: 'read.updated', companyId: conversation.companyId, conversationId, payload: { userId: actor.userId, lastReadSeq } });
    });
  }
}
