// SQL of reply by e-mail: reply addresses (created with the notification e-mail that carries them,
// looked up by token before a tenant is known) and the record of every e-mail that arrived.
import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.js';
import { conversations, inboundEmails, replyAddresses } from '../../db/schema.js';

export type ReplyAddress = { officeId: string; conversationId: string; userId: string };

/** The token of a person's reply address in a conversation, created on first use (one per person and conversation). */
export async function replyTokenFor(tx: Tx, officeId: string, conversationId: string, userId: string): Promise<string> {
  // 128 bits in lower-case hex: mail systems may change the case of a local part, and reply+<32> stays under 64 characters.
  const [created] = await tx
    .insert(replyAddresses)
    .values({ token: randomBytes(16).toString('hex'), officeId, conversationId, userId })
    .onConflictDoNothing({ target: [replyAddresses.officeId, replyAddresses.conversationId, replyAddresses.userId] })
    .returning({ token: replyAddresses.token });
  if (created) return created.token;
  const [existing] = await tx
    .select({ token: replyAddresses.token })
    .from(replyAddresses)
    .where(
      and(
        eq(replyAddresses.officeId, officeId),
        eq(replyAddresses.conversationId, conversationId),
        eq(replyAddresses.userId, userId),
      ),
    );
  return existing!.token;
}

/** Before any tenant is known: what a reply address stands for (migration 0013's SECURITY DEFINER function). */
export async function replyAddressByToken(tx: Tx, token: string): Promise<ReplyAddress | undefined> {
  const result = await tx.execute<{ office_id: string; conversation_id: string; user_id: string }>(
    sql`SELECT * FROM bureau_reply_address(${token})`,
  );
  const row = result.rows[0];
  return row && { officeId: row.office_id, conversationId: row.conversation_id, userId: row.user_id };
}

/** The company of a conversation, to know as whom a client replies (the policy then decides what they may do). */
export async function conversationCompanyId(
  tx: Tx,
  officeId: string,
  conversationId: string,
): Promise<string | undefined> {
  const [row] = await tx
    .select({ companyId: conversations.companyId })
    .from(conversations)
    .where(and(eq(conversations.officeId, officeId), eq(conversations.id, conversationId)));
  return row?.companyId;
}

export async function findInboundEmail(tx: Tx, officeId: string, messageIdHeader: string) {
  const [row] = await tx
    .select()
    .from(inboundEmails)
    .where(and(eq(inboundEmails.officeId, officeId), eq(inboundEmails.messageIdHeader, messageIdHeader)));
  return row;
}

export type InboundRecord = {
  officeId: string;
  messageIdHeader: string;
  fromAddress: string;
  conversationId: string | null;
};

/** A refusal; an e-mail already recorded (posted, or refused before) keeps its first record. */
export async function recordRefused(tx: Tx, input: InboundRecord & { reason: string }): Promise<void> {
  await tx
    .insert(inboundEmails)
    .values({ id: randomUUID(), ...input, status: 'refused' })
    .onConflictDoNothing({ target: [inboundEmails.officeId, inboundEmails.messageIdHeader] });
}

/** A posted e-mail; it replaces a refusal of the same e-mail sent again (e.g. once the person got access back). */
export async function recordPosted(tx: Tx, input: InboundRecord & { messageId: string }): Promise<void> {
  await tx
    .insert(inboundEmails)
    .values({ id: randomUUID(), ...input, status: 'posted', reason: null })
    .onConflictDoUpdate({
      target: [inboundEmails.officeId, inboundEmails.messageIdHeader],
      set: {
        status: 'posted',
        reason: null,
        conversationId: input.conversationId,
        messageId: input.messageId,
        fromAddress: input.fromAddress,
        receivedAt: sql`now()`,
      },
      setWhere: sql`${inboundEmails.status} = 'refused'`,
    });
}

/** The office's inbound e-mails, newest first, with their conversation's subject. */
export async function findInboundPage(tx: Tx, officeId: string, page: number, pageSize: number) {
  const items = await tx
    .select({
      id: inboundEmails.id,
      fromAddress: inboundEmails.fromAddress,
      status: inboundEmails.status,
      reason: inboundEmails.reason,
      conversationId: inboundEmails.conversationId,
      subject: conversations.subject,
      messageId: inboundEmails.messageId,
      receivedAt: inboundEmails.receivedAt,
    })
    .from(inboundEmails)
    .leftJoin(
      conversations,
      and(eq(conversations.officeId, inboundEmails.officeId), eq(conversations.id, inboundEmails.conversationId)),
    )
    .where(eq(inboundEmails.officeId, officeId))
    .orderBy(desc(inboundEmails.receivedAt), desc(inboundEmails.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(inboundEmails)
    .where(eq(inboundEmails.officeId, officeId));
  return { items, total: count?.n ?? 0 };
}
