// Conversations between the office and a client company: starting one (with its first message),
// the inbox and its "needs your action" counters, closing and reopening by the side that may, and
// the messages themselves — idempotent sends, edits and deletions that keep every revision, read
// positions.
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError, invalid, notFound } from '../../http/app-error.js';
import type { Actor } from '../identity/index.js';
import type { EventBus } from '../realtime/index.js';
import type { NotificationService } from '../notify/index.js';
import { audit } from '../audit/index.js';
import { officeRecords } from '../tenancy/index.js';
import {
  policy,
  conversationColleagues,
  conversationPermissions,
  conversationScope,
  needsActionOf,
  sideOf,
  workOf,
  type ConversationRow,
} from '../policy/index.js';
import { type AttachmentRow, fileRecords } from '../attachments/index.js';
import { MAX_ATTACHMENTS_PER_MESSAGE, MESSAGE_MAX } from '@bureau/common';
import { findChannel } from './channel.repository.js';
import { isUuid, parseId } from '../../http/ids.js';
import {
  advanceDeliveredPosition,
  advanceReadPosition,
  appendMessage,
  companyMemberIds,
  countNeedsAction,
  findConversationByClientId,
  findConversationPage,
  findMessage,
  findMessageByClientId,
  insertConversation,
  insertParticipants,
  insertRevision,
  listCompanyMembers,
  listMessages,
  listParticipants,
  listReaders,
  listRevisions,
  namesOf,
  searchConversations,
  setConversationStatus,
  setTriage,
  updateMessage,
  type InboxFilter,
  type MessageRow,
} from './conversation.repository.js';
import { presentConversation, presentInboxItem, presentSearchHit, presentTriage } from './conversation.presenter.js';
import { translator } from '../../http/i18n.js';
import { isLocale } from '@bureau/common';
import { presentMessage, presentRevision } from './message.presenter.js';

export type NewConversation = {
  companyId?: string;
  channelId: string;
  subject: string;
  body: string;
  clientId: string;
  visibility: 'company' | 'private';
  participantIds?: string[];
  attachmentIds?: string[];
};

export type NewMessage = { clientId: string; body: string; attachmentIds?: string[] };

export type InboxQuery = {
  status?: 'open' | 'closed';
  companyId?: string;
  channelId?: string;
  assigneeId?: string;
  needsAction?: boolean;
};

/** A message's text; it may be empty only when files are attached. */
export function checkBody(body: string, attachmentIds: string[] = []): string {
  const text = body.trim();
  if (!text && attachmentIds.length === 0) throw invalid({ body: { code: 'required' } });
  if (attachmentIds.length > MAX_ATTACHMENTS_PER_MESSAGE)
    throw new AppError('attachment.too_many_files', { params: { max: MAX_ATTACHMENTS_PER_MESSAGE } });
  if (new Set(attachmentIds).size !== attachmentIds.length) throw new AppError('attachment.invalid');
  if ([...text].length > MESSAGE_MAX) throw invalid({ body: { code: 'too_long', params: { max: MESSAGE_MAX } } });
  return text;
}

export class ConversationService {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly notifications: NotificationService,
    /** Told of a client's read in its transaction (broadcast: a company's first read is the report's "read at"). */
    private readonly onClientRead: (tx: Tx, officeId: string, conversationId: string, userId: string) => Promise<void>,
  ) {}

  /** A change: one transaction (with its events), then the realtime dispatchers are woken. */
  private async change<T>(actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await this.db.asActor(actor, fn);
    await this.events.wake(actor.officeId);
    this.notifications.committed();
    return result;
  }

  /**
   * `status`: the conversation was closed or reopened (a browser that already shows it so need not ask again);
   * `officeOnly`: what changed is the office's own state of it, which clients are not told of.
   */
  private conversationChanged(
    tx: Tx,
    actor: Actor,
    conversation: { id: string; companyId: string },
    change: { status?: 'open' | 'closed'; officeOnly?: true } = {},
  ) {
    return this.events.record(tx, actor.officeId, {
      type: 'conversation.updated',
      companyId: conversation.companyId,
      conversationId: conversation.id,
      payload: { conversationId: conversation.id, ...change },
    });
  }

  /** Starts a conversation with its first message; a retry with the same clientId returns the first. */
  async start(actor: Actor, input: NewConversation) {
    const companyId = actor.kind === 'client' ? actor.companyId : input.companyId;
    if (!companyId) throw invalid({ companyId: { code: 'required' } });
    const subject = input.subject.trim();
    if (!subject) throw invalid({ subject: { code: 'required' } });
    const attachmentIds = input.attachmentIds ?? [];
    const body = checkBody(input.body, attachmentIds);
    try {
      return await this.change(actor, async (tx) => {
        const existing = await findConversationByClientId(tx, actor.officeId, actor.userId, input.clientId);
        if (existing)
          return this.detail(
            tx,
            actor,
            await policy.require(actor, 'conversation.read', { tx, conversationId: existing.id }),
          );
        // Limited client users may only write privately (to themselves and chosen colleagues).
        await policy.require(actor, 'conversation.start', { tx, companyId, visibility: input.visibility });
        const channel = isUuid(input.channelId) ? await findChannel(tx, actor.officeId, input.channelId) : undefined;
        if (!channel) throw invalid({ channelId: { code: 'invalid' } });
        if (channel.archivedAt) throw new AppError('channel.archived', { fields: { channelId: { code: 'invalid' } } });
        const participantIds = new Set(input.visibility === 'private' ? (input.participantIds ?? []) : []);
        if (input.visibility === 'private' && actor.kind === 'client') participantIds.add(actor.userId);
        if (input.visibility === 'private') {
          const members = await companyMemberIds(tx, actor.officeId, companyId, [...participantIds]);
          if (members.size === 0 || members.size !== participantIds.size) {
            throw new AppError('conversation.participant_invalid', { fields: { participantIds: { code: 'invalid' } } });
          }
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
        await this.append(
          tx,
          actor,
          { id, companyId },
          { clientId: input.clientId, body, attachmentIds },
          'conversation',
        );
        const conversation = (await findConversationByClientId(tx, actor.officeId, actor.userId, input.clientId))!;
        return this.detail(tx, actor, conversation);
      });
    } catch (err) {
      // Two identical retries raced: the loser finds the winner's conversation.
      if (isUniqueViolation(err))
        return this.db.asActor(actor, async (tx) =>
          this.detail(tx, actor, (await findConversationByClientId(tx, actor.officeId, actor.userId, input.clientId))!),
        );
      throw err;
    }
  }

  private async detail(tx: Tx, actor: Actor, conversation: ConversationRow) {
    const participants = await listParticipants(tx, actor.officeId, conversation.id);
    const readers = await listReaders(tx, actor.officeId, conversation.id, conversation.companyId);
    const names = await namesOf(tx, [
      conversation.closedBy,
      ...(actor.kind === 'staff' ? [conversation.handledBy, conversation.assigneeId] : []),
    ]);
    return presentConversation(
      conversation,
      participants,
      readers,
      conversation.closedBy ? (names.get(conversation.closedBy) ?? null) : null,
      conversationPermissions(actor, conversation),
      actor.kind === 'staff' ? presentTriage(conversation, names) : undefined,
    );
  }

  async get(actor: Actor, conversationId: string) {
    return this.db.asActor(actor, async (tx) =>
      this.detail(tx, actor, await policy.require(actor, 'conversation.read', { tx, conversationId })),
    );
  }

  /** The inbox: conversations the actor may see, newest activity first, with "needs my action". */
  async list(actor: Actor, query: InboxQuery, page: number, pageSize: number) {
    policy.require(actor, 'conversation.list');
    const extra = [];
    if (query.needsAction) extra.push(needsActionOf(actor));
    if (query.assigneeId) {
      policy.require(actor, 'conversation.filterByAssignee');
      extra.push(workOf(query.assigneeId));
    }
    const filter: InboxFilter = { status: query.status, companyId: query.companyId, channelId: query.channelId, extra };
    const { result, names } = await this.db.asActor(actor, async (tx) => {
      const result = await findConversationPage(
        tx,
        conversationScope(actor),
        needsActionOf(actor),
        actor.userId,
        filter,
        page,
        pageSize,
      );
      const names =
        actor.kind === 'staff'
          ? await namesOf(
              tx,
              result.items.flatMap((i) => [i.handledBy, i.assigneeId]),
            )
          : undefined;
      return { result, names };
    });
    return {
      items: result.items.map((item) => presentInboxItem(item, names)),
      total: result.total,
      page,
      pageSize,
    };
  }

  /** "Needs your action" counts: in total, per channel and per company. */
  async counts(actor: Actor) {
    policy.require(actor, 'conversation.list');
    const rows = await this.db.asActor(actor, (tx) =>
      countNeedsAction(tx, conversationScope(actor), needsActionOf(actor)),
    );
    const sum = (key: 'channelId' | 'companyId') => {
      const totals = new Map<string, number>();
      for (const row of rows) totals.set(row[key], (totals.get(row[key]) ?? 0) + row.n);
      return [...totals].map(([id, count]) => ({ id, count }));
    };
    return { total: rows.reduce((n, r) => n + r.n, 0), byChannel: sum('channelId'), byCompany: sum('companyId') };
  }

  async close(actor: Actor, conversationId: string) {
    return this.change(actor, async (tx) => {
      const conversation = await policy.require(actor, 'conversation.close', { tx, conversationId });
      await this.conversationChanged(tx, actor, conversation, { status: 'closed' });
      // One moment for the row and the answer: the header must show what the list will read back.
      const closed = {
        status: 'closed',
        closedAt: new Date(),
        closedBy: actor.userId,
        closedBySide: sideOf(actor),
      } as const;
      await setConversationStatus(tx, actor.officeId, conversationId, closed);
      return this.detail(tx, actor, { ...conversation, ...closed });
    });
  }

  async reopen(actor: Actor, conversationId: string) {
    return this.change(actor, async (tx) => {
      const conversation = await policy.require(actor, 'conversation.reopen', { tx, conversationId });
      await this.conversationChanged(tx, actor, conversation, { status: 'open' });
      await setConversationStatus(tx, actor.officeId, conversationId, {
        status: 'open',
        closedAt: null,
        closedBy: null,
        closedBySide: null,
      });
      return this.detail(tx, actor, {
        ...conversation,
        status: 'open',
        closedAt: null,
        closedBy: null,
        closedBySide: null,
      });
    });
  }

  /** Marks a conversation handled (it waits for nobody until the client writes again), or takes that back. */
  async setHandled(actor: Actor, conversationId: string, handled: boolean) {
    return this.change(actor, async (tx) => {
      const conversation = await policy.require(actor, 'conversation.handle', { tx, conversationId });
      const values = handled
        ? { handledAt: new Date(), handledBy: actor.userId }
        : { handledAt: null, handledBy: null };
      await setTriage(tx, actor.officeId, conversationId, values);
      await audit(tx, actor, {
        action: handled ? 'conversation.handled' : 'conversation.unhandled',
        objectType: 'conversation',
        objectId: conversationId,
        companyId: conversation.companyId,
        before: { handledAt: conversation.handledAt },
        after: { handledAt: values.handledAt },
      });
      await this.conversationChanged(tx, actor, conversation, { officeOnly: true });
      return this.detail(tx, actor, { ...conversation, ...values });
    });
  }

  /** Snoozes a conversation until a moment to come (or until the client writes again), or wakes it (`until` null). */
  async snooze(actor: Actor, conversationId: string, until: Date | null) {
    if (until && until.getTime() <= Date.now()) throw invalid({ until: { code: 'invalid' } });
    return this.change(actor, async (tx) => {
      const conversation = await policy.require(actor, 'conversation.snooze', { tx, conversationId });
      await setTriage(tx, actor.officeId, conversationId, { snoozedUntil: until });
      await audit(tx, actor, {
        action: until ? 'conversation.snoozed' : 'conversation.unsnoozed',
        objectType: 'conversation',
        objectId: conversationId,
        companyId: conversation.companyId,
        before: { snoozedUntil: conversation.snoozedUntil },
        after: { snoozedUntil: until },
      });
      await this.conversationChanged(tx, actor, conversation, { officeOnly: true });
      return this.detail(tx, actor, { ...conversation, snoozedUntil: until });
    });
  }

  /** Assigns a conversation to a colleague who may see it (it then needs their action), or to nobody. */
  async assign(actor: Actor, conversationId: string, assigneeId: string | null) {
    return this.change(actor, async (tx) => {
      const conversation = await policy.require(actor, 'conversation.assign', { tx, conversationId, assigneeId });
      if (conversation.assigneeId === assigneeId) return this.detail(tx, actor, conversation);
      await setTriage(tx, actor.officeId, conversationId, { assigneeId });
      await audit(tx, actor, {
        action: 'conversation.assigned',
        objectType: 'conversation',
        objectId: conversationId,
        companyId: conversation.companyId,
        before: { assigneeId: conversation.assigneeId },
        after: { assigneeId },
      });
      await this.conversationChanged(tx, actor, conversation, { officeOnly: true });
      if (assigneeId && assigneeId !== actor.userId) await this.tellAssignee(tx, actor, conversation, assigneeId);
      return this.detail(tx, actor, { ...conversation, assigneeId });
    });
  }

  /** The new assignee hears of it in their bell (live), in their language. */
  private async tellAssignee(tx: Tx, actor: Actor, conversation: ConversationRow, assigneeId: string) {
    const assignee = (await conversationColleagues(tx, actor.officeId, conversation.id)).find(
      (c) => c.userId === assigneeId,
    );
    if (!assignee) return;
    const t = translator(isLocale(assignee.locale) ? assignee.locale : 'en');
    await this.notifications.notifyPerson(tx, actor.officeId, {
      userId: assigneeId,
      kind: 'assigned',
      // Each assignment is news once: a later one to the same person is a new notice.
      sourceKey: `assigned:${conversation.id}:${Date.now()}`,
      title: conversation.subject,
      excerpt: t('push:assigned_body', { name: actor.name }),
      actorName: actor.name,
      companyId: conversation.companyId,
      conversationId: conversation.id,
    });
  }

  /** The colleagues a conversation may be assigned to. */
  async assignees(actor: Actor, conversationId: string) {
    return this.db.asActor(actor, async (tx) => {
      await policy.require(actor, 'conversation.assign', { tx, conversationId, assigneeId: null });
      return (await conversationColleagues(tx, actor.officeId, conversationId))
        .map((c) => ({ id: c.userId, name: c.name }))
        .sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  async messages(actor: Actor, conversationId: string, afterSeq: number, limit: number) {
    return this.db.asActor(actor, async (tx) => {
      await policy.require(actor, 'conversation.read', { tx, conversationId });
      const rows = await listMessages(tx, actor.officeId, conversationId, afterSeq, limit);
      const files = await this.filesOf(
        tx,
        actor.officeId,
        rows.map((m) => m.id),
      );
      return rows.map((m) => presentMessage({ ...m, officeId: actor.officeId, conversationId }, files.get(m.id)));
    });
  }

  /** Posts a message; the same clientId again returns the message already stored (a retried send). */
  async post(actor: Actor, conversationId: string, input: NewMessage) {
    const attachmentIds = input.attachmentIds ?? [];
    const body = checkBody(input.body, attachmentIds);
    try {
      return await this.change(actor, async (tx) => {
        const conversation = await policy.require(actor, 'conversation.post', { tx, conversationId });
        const message = await this.append(tx, actor, conversation, { clientId: input.clientId, body, attachmentIds });
        // The client wrote again: "handled" and "snoozed" ended with it (appendMessage), which the inboxes must hear.
        if (actor.kind === 'client' && (conversation.handledAt || conversation.snoozedUntil))
          await this.conversationChanged(tx, actor, conversation, { officeOnly: true });
        return message;
      });
    } catch (err) {
      // A retry of a send already stored (its clientId is taken, or the conversation was closed
      // since): the stored message is the answer.
      if (isUniqueViolation(err) || (err instanceof AppError && err.code === 'conversation.closed')) {
        const existing = await this.db.asActor(actor, (tx) =>
          this.existingSend(tx, actor, conversationId, input.clientId),
        );
        if (existing) return existing;
      }
      throw err;
    }
  }

  private async existingSend(tx: Tx, actor: Actor, conversationId: string, clientId: string) {
    await policy.require(actor, 'conversation.read', { tx, conversationId });
    const existing = await findMessageByClientId(tx, actor.officeId, conversationId, clientId);
    if (!existing) return undefined;
    if (existing.authorId !== actor.userId) throw new AppError('conflict');
    return presentMessage(
      { ...existing, authorName: actor.name },
      (await this.filesOf(tx, actor.officeId, [existing.id])).get(existing.id),
    );
  }

  /** Adds a message to a conversation the caller has already checked (posting, or starting it). */
  /** The files of these messages, in order, by message. */
  private async filesOf(tx: Tx, officeId: string, messageIds: string[]): Promise<Map<string, AttachmentRow[]>> {
    const byMessage = new Map<string, AttachmentRow[]>();
    for (const row of await fileRecords.listMessageAttachments(tx, officeId, messageIds)) {
      const list = byMessage.get(row.messageId!) ?? [];
      list.push(row);
      byMessage.set(row.messageId!, list);
    }
    return byMessage;
  }

  private async append(
    tx: Tx,
    actor: Actor,
    conversation: { id: string; companyId: string },
    input: { clientId: string; body: string; attachmentIds: string[] },
    kind: 'message' | 'conversation' = 'message',
  ) {
    const conversationId = conversation.id;
    const side = sideOf(actor);
    const id = randomUUID();
    // The message first: a retry racing this send waits on its clientId and then finds it.
    const stored = await appendMessage(tx, {
      id,
      officeId: actor.officeId,
      conversationId,
      clientId: input.clientId,
      authorId: actor.userId,
      authorSide: side,
      body: input.body,
    });
    if (!stored) throw new AppError('conversation.closed');
    // The files must be the sender's own uploads for this company that no message has taken yet.
    const uploads = await fileRecords.findPendingUploads(tx, actor.officeId, actor.userId, input.attachmentIds);
    if (uploads.length !== input.attachmentIds.length || uploads.some((u) => u.companyId !== conversation.companyId))
      throw new AppError('attachment.invalid');
    if (uploads.length > 0) await fileRecords.attachToMessage(tx, actor.officeId, id, input.attachmentIds);
    const files = input.attachmentIds.map((fileId) => ({ ...uploads.find((u) => u.id === fileId)!, messageId: id }));
    const message = presentMessage({ ...stored, authorName: actor.name }, files);
    await this.events.record(tx, actor.officeId, {
      type: 'message.created',
      companyId: conversation.companyId,
      conversationId,
      payload: { message },
    });
    await this.notifications.messagePosted(tx, actor.officeId, id, kind);
    return message;
  }

  /** A message its author may still change: theirs, not deleted, within the office's window, conversation open. */
  private async ownMessage(
    tx: Tx,
    actor: Actor,
    messageId: string,
  ): Promise<{ message: MessageRow; companyId: string }> {
    parseId(messageId);
    const message = await findMessage(tx, actor.officeId, messageId);
    if (!message) throw notFound();
    const editMinutes = (await officeRecords.findOffice(tx, actor.officeId))!.messageEditMinutes;
    const { companyId } = await policy.require(actor, 'message.change', { tx, message, editMinutes });
    return { message, companyId };
  }

  async edit(actor: Actor, messageId: string, input: { body: string }) {
    return this.change(actor, async (tx) => {
      const { message, companyId } = await this.ownMessage(tx, actor, messageId);
      const files = (await this.filesOf(tx, actor.officeId, [messageId])).get(messageId) ?? [];
      const body = checkBody(
        input.body,
        files.map((f) => f.id),
      );
      await insertRevision(tx, {
        officeId: actor.officeId,
        messageId,
        kind: 'edit',
        body: message.body,
        revisedBy: actor.userId,
      });
      await audit(tx, actor, {
        action: 'message.edited',
        objectType: 'message',
        objectId: messageId,
        companyId,
        before: { body: message.body },
        after: { body },
      });
      await updateMessage(tx, actor.officeId, messageId, { body, editedAt: new Date() });
      const edited = presentMessage(
        { ...(await findMessage(tx, actor.officeId, messageId))!, authorName: actor.name },
        files,
      );
      await this.events.record(tx, actor.officeId, {
        type: 'message.updated',
        companyId,
        conversationId: message.conversationId,
        payload: { message: edited },
      });
      return edited;
    });
  }

  /** Deletes a message: a marker stays in the thread, the text stays in the revisions for admins. */
  async remove(actor: Actor, messageId: string) {
    await this.change(actor, async (tx) => {
      const { message, companyId } = await this.ownMessage(tx, actor, messageId);
      await insertRevision(tx, {
        officeId: actor.officeId,
        messageId,
        kind: 'delete',
        body: message.body,
        revisedBy: actor.userId,
      });
      await audit(tx, actor, {
        action: 'message.deleted',
        objectType: 'message',
        objectId: messageId,
        companyId,
        before: { body: message.body },
        after: null,
      });
      await updateMessage(tx, actor.officeId, messageId, { body: '', deletedAt: new Date() });
      const deleted = presentMessage({
        ...(await findMessage(tx, actor.officeId, messageId))!,
        authorName: actor.name,
      });
      await this.events.record(tx, actor.officeId, {
        type: 'message.updated',
        companyId,
        conversationId: message.conversationId,
        payload: { message: deleted },
      });
    });
  }

  /** Every earlier text of a message, oldest first (the history is permanent), for those the policy lets read it. */
  async revisions(actor: Actor, messageId: string) {
    parseId(messageId);
    return this.db.asActor(actor, async (tx) => {
      const message = await findMessage(tx, actor.officeId, messageId);
      if (!message) throw notFound();
      await policy.require(actor, 'message.revisions', { tx, message });
      return (await listRevisions(tx, actor.officeId, messageId)).map(presentRevision);
    });
  }

  /** Who of a company the actor may add to a private conversation with it (the actor themself left out). */
  async participantOptions(actor: Actor, requested: string | undefined) {
    const companyId = actor.kind === 'client' ? (requested ?? actor.companyId) : requested;
    if (!companyId) throw invalid({ companyId: { code: 'required' } });
    return this.db.asActor(actor, async (tx) => {
      await policy.require(actor, 'conversation.participants', { tx, companyId });
      const people = await listCompanyMembers(tx, actor.officeId, companyId);
      return people.filter((p) => p.userId !== actor.userId);
    });
  }

  /**
   * Full-text search over subjects and messages of the conversations the actor may see. Every word
   * must match, as a prefix and whatever its diacritics ("zolw" finds "żółw", "sedin" finds "ședință").
   */
  async search(actor: Actor, text: string, page: number, pageSize: number) {
    policy.require(actor, 'conversation.list');
    const words = text
      .normalize('NFC')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .slice(0, 8);
    if (words.length === 0) return { items: [], total: 0, page, pageSize };
    const tsQuery = words.map((w) => `${w}:*`).join(' & ');
    const result = await this.db.asActor(actor, (tx) =>
      searchConversations(tx, conversationScope(actor), tsQuery, page, pageSize),
    );
    return { ...result, items: result.items.map(presentSearchHit), page, pageSize };
  }

  async markRead(actor: Actor, conversationId: string, seq: number) {
    await this.change(actor, async (tx) => {
      const conversation = await policy.require(actor, 'conversation.read', { tx, conversationId });
      const lastReadSeq = Math.min(seq, conversation.lastMessageSeq);
      await advanceReadPosition(tx, actor.officeId, conversationId, actor.userId, lastReadSeq);
      await this.notifications.conversationRead(tx, actor.officeId, actor.userId, conversationId, lastReadSeq);
      if (actor.kind === 'client' && lastReadSeq > 0)
        await this.onClientRead(tx, actor.officeId, conversationId, actor.userId);
      await this.events.record(tx, actor.officeId, {
        type: 'read.updated',
        companyId: conversation.companyId,
        conversationId,
        payload: { userId: actor.userId, lastReadSeq },
      });
    });
  }

  /** A browser of this person has received the conversation up to `seq` (the "delivered" tick). */
  async markDelivered(actor: Actor, conversationId: string, seq: number) {
    const recorded = await this.db.asActor(actor, async (tx) => {
      const conversation = await policy.require(actor, 'conversation.read', { tx, conversationId });
      const deliveredSeq = Math.min(seq, conversation.lastMessageSeq);
      if (
        deliveredSeq <= 0 ||
        !(await advanceDeliveredPosition(tx, actor.officeId, conversationId, actor.userId, deliveredSeq))
      )
        return false;
      await this.events.record(tx, actor.officeId, {
        type: 'read.updated',
        companyId: conversation.companyId,
        conversationId,
        payload: { userId: actor.userId, deliveredSeq },
      });
      return true;
    });
    // Only a position that moved is news for the other browsers.
    if (recorded) await this.events.wake(actor.officeId);
  }
}
