// Reply by e-mail: an e-mail that arrives at reply+<token>@REPLY_DOMAIN is posted into the token's
// conversation as the token's person — through the same services a browser uses, so the policy
// decides — with the quoted e-mail and signature cut off and the attachments kept. Every e-mail is
// recorded once per Message-ID (posted, or refused with the reason office admins read); the
// message's clientId comes from the Message-ID, so an e-mail delivered twice posts once. A failure
// of ours (the database) is thrown for the listener to answer "try again later", so nothing is lost.
import { redactSecrets } from '../system/index.js';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ParsedMail } from 'mailparser';
import { loadMailParser } from '../../lazy-libraries.js';
import type { BaseLogger } from 'pino';
import { MAX_ATTACHMENTS_PER_MESSAGE, MESSAGE_MAX } from '@bureau/common';
import type { Database } from '../../db/database.js';
import { toStorableText } from '../../db/text.js';
import { AppError } from '../../http/app-error.js';
import type { Actor } from '../identity/index.js';
import { loadActor, people } from '../identity/index.js';
import type { AttachmentService } from '../attachments/index.js';
import type { ConversationService } from '../messaging/index.js';
import { policy } from '../policy/index.js';
import { presentInboundEmail } from './inbound.presenter.js';
import {
  conversationCompanyId,
  findInboundEmail,
  findInboundPage,
  recordPosted,
  recordRefused,
  replyAddressByToken,
  type ReplyAddress,
} from './inbound.repository.js';
import { replyText } from './reply-text.js';

/** Why an e-mail was refused: stable codes, translated in the admins' list. */
export type RefusalReason =
  | 'unknown_sender'
  | 'auto_reply'
  | 'malformed'
  | 'no_access'
  | 'closed'
  | 'empty'
  | 'too_long'
  | 'too_many_files'
  | 'attachment_refused'
  | 'refused';

/** What the listener answers: accepted (250), or refused for good (5xx) with a text for the sender's bounce. */
export type Delivery =
  | { accepted: true; outcome: 'posted' | 'duplicate' | 'ignored' }
  | { accepted: false; code: 550 | 554; reason: RefusalReason; text: string };

export type InboundLog = Pick<BaseLogger, 'info' | 'warn' | 'error'>;

const TOKEN = /^[0-9a-f]{32}$/;

/** reply+<token>@<domain> → the token; anything else → null. */
export function replyToken(address: string, domain: string): string | null {
  const match = /^reply\+([^@]+)@(.+)$/i.exec(address.trim());
  if (!match || match[2]!.toLowerCase() !== domain.toLowerCase()) return null;
  const token = match[1]!.toLowerCase();
  return TOKEN.test(token) ? token : null;
}

/** A message's clientId from the e-mail's identity: the same e-mail to the same address is the same send. */
function clientIdOf(address: ReplyAddress, messageIdHeader: string): string {
  const h = createHash('sha256')
    .update(`inbound\n${address.officeId}\n${address.conversationId}\n${address.userId}\n${messageIdHeader}`)
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const sameAddress = (a: string | null | undefined, b: string) =>
  !!a && a.trim().toLowerCase() === b.trim().toLowerCase();

/** An automatic answer (out of office, vacation, bounce): never posted, and never answered with a bounce of ours. */
function isAutomatic(mail: ParsedMail): boolean {
  const header = (name: string) => String(mail.headers.get(name) ?? '').toLowerCase();
  const submitted = header('auto-submitted');
  return (
    (submitted !== '' && submitted !== 'no') ||
    mail.headers.has('x-autoreply') ||
    mail.headers.has('x-autorespond') ||
    ['auto_reply', 'bulk', 'junk', 'list'].includes(header('precedence'))
  );
}

const texts: Record<RefusalReason, string> = {
  unknown_sender:
    'The sender is not the person this reply address belongs to; reply from the address the notification was sent to',
  auto_reply: 'Automatic replies are not posted',
  malformed: 'The e-mail could not be read (malformed MIME or headers)',
  no_access: 'You can no longer write in this conversation',
  closed: 'The conversation is closed; open it in the portal to write again',
  empty: 'The reply has no text of its own and no attachments',
  too_long: `The reply is longer than ${MESSAGE_MAX} characters`,
  too_many_files: `A message may carry at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments`,
  attachment_refused: 'An attachment was refused',
  refused: 'The reply could not be posted',
};

export class InboundService {
  constructor(
    private readonly db: Database,
    private readonly conversations: ConversationService,
    private readonly attachments: AttachmentService,
    readonly replyDomain: string,
    private readonly log: InboundLog,
  ) {}

  /** What a reply address stands for, before any tenant is known; undefined for an unknown one. */
  async resolve(address: string): Promise<ReplyAddress | undefined> {
    const token = replyToken(address, this.replyDomain);
    if (!token) return undefined;
    return this.db.anonymous((tx) => replyAddressByToken(tx, token));
  }

  /**
   * Posts one e-mail (the whole message as received) that was sent to `address` with the envelope
   * sender `mailFrom`. Throws on a failure of ours, for the sender's server to try again.
   */
  async receive(address: ReplyAddress, mailFrom: string | null, raw: Buffer): Promise<Delivery> {
    const { officeId, conversationId } = address;
    let mail: ParsedMail | undefined;
    try {
      mail = await (
        await loadMailParser()
      ).simpleParser(raw, {
        skipImageLinks: true,
        skipTextLinks: true,
        maxHtmlLengthToParse: 2 * 1024 * 1024,
      });
    } catch (err) {
      this.log.warn({ err, officeId }, 'inbound e-mail: unreadable MIME');
    }
    // Without a Message-ID the content identifies the e-mail: a redelivery of it is the same bytes.
    // What comes from the e-mail is cleaned of what PostgreSQL cannot store (a NUL, "=00" in
    // quoted-printable), or the insert would fail and the sending server retry forever.
    const messageIdHeader = toStorableText(
      mail?.messageId || `<${createHash('sha256').update(raw).digest('hex')}@no-message-id>`,
    ).slice(0, 998);
    const fromHeader = mail?.from?.value ?? [];
    const fromAddress = toStorableText(fromHeader[0]?.address || mailFrom || '').slice(0, 320);
    const record = { officeId, messageIdHeader, fromAddress, conversationId };

    // Set once the stored row for this Message-ID is known: a posted reply keeps its row.
    let postedBefore = false;
    const refuse = async (reason: RefusalReason, rawDetail?: string, accept = false): Promise<Delivery> => {
      // A file name or address from the e-mail goes into an SMTP answer line and the admins' list: one plain line.
      const detail =
        rawDetail === undefined
          ? undefined
          : toStorableText(rawDetail)
              .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
              .trim()
              .slice(0, 200);
      // A forged e-mail reusing the Message-ID of a posted reply is recorded under that id and its content's hash.
      const key = postedBefore
        ? `${messageIdHeader.slice(0, 900)} #${createHash('sha256').update(raw).digest('hex').slice(0, 16)}`
        : messageIdHeader;
      await this.db.inTenant({ officeId }, (tx) =>
        recordRefused(tx, {
          ...record,
          messageIdHeader: key,
          reason: detail ? `${reason}: ${detail}`.slice(0, 500) : reason,
        }),
      );
      this.log.info(
        { officeId, conversationId, messageIdHeader, fromAddress, reason, detail },
        'inbound e-mail refused',
      );
      if (accept) return { accepted: true, outcome: 'ignored' };
      return { accepted: false, code: 550, reason, text: detail ? `${texts[reason]}: ${detail}` : texts[reason] };
    };

    const { previous, user } = await this.db.inTenant({ officeId }, async (tx) => ({
      previous: await findInboundEmail(tx, officeId, messageIdHeader),
      user: await people.findUser(tx, address.userId),
    }));
    postedBefore = previous?.status === 'posted';
    // A redelivery of a posted reply is the same bytes, so never malformed nor from another sender.
    if (!mail || fromHeader.length !== 1 || !mail.from?.value[0]?.address)
      return refuse('malformed', mail ? 'no single From address' : undefined);
    // The sender is checked before a redelivery is recognised: a forged e-mail carrying the Message-ID
    // of a posted reply is refused (550) like any other, never answered 250.
    if (user && (!sameAddress(mailFrom, user.email) || !sameAddress(fromHeader[0]!.address, user.email))) {
      // The bounce and the admins' list name the address that is not the person's.
      return refuse(
        'unknown_sender',
        (sameAddress(fromHeader[0]!.address, user.email) ? mailFrom : fromHeader[0]!.address) || undefined,
      );
    }
    if (postedBefore) return { accepted: true, outcome: 'duplicate' };
    // The office sees only its own people (RLS): someone removed from it is no longer found at all.
    if (!user) return refuse('no_access');
    // Accepted without a bounce: an autoresponder answering a bounce would loop.
    if (isAutomatic(mail)) return refuse('auto_reply', undefined, true);

    const actor = await this.actorOf(address);
    if (!actor) return refuse('no_access');
    const conversation = await this.conversations.get(actor, conversationId).catch((err: unknown) => {
      if (err instanceof AppError) return undefined;
      throw err;
    });
    if (!conversation) return refuse('no_access');
    if (!conversation.permissions.post) return refuse('closed');

    const body = replyText(toStorableText(mail.text ?? ''));
    // An empty file carries nothing to keep (some mailers attach one for an empty signature file).
    const files = mail.attachments.filter((file) => file.size > 0);
    if (!body && files.length === 0) return refuse('empty');
    if ([...body].length > MESSAGE_MAX) return refuse('too_long');
    if (files.length > MAX_ATTACHMENTS_PER_MESSAGE) return refuse('too_many_files');

    const attachmentIds: string[] = [];
    try {
      for (const file of files) {
        const name = file.filename || 'attachment';
        if (file.size > this.attachments.maxBytes)
          return await refuse('attachment_refused', `${name} (attachment.too_large)`);
        try {
          const stored = await this.attachments.upload(actor, conversation.companyId, {
            filename: name,
            file: Readable.from([file.content]),
          });
          attachmentIds.push(stored.id);
        } catch (err) {
          // Too many uploads of the person at once passes: the sending server's retry will get through.
          if (err instanceof AppError && err.code !== 'attachment.too_many_pending')
            return await refuse('attachment_refused', `${name} (${err.code})`);
          throw err;
        }
      }
      let message;
      try {
        message = await this.conversations.post(actor, conversationId, {
          clientId: clientIdOf(address, messageIdHeader),
          body,
          attachmentIds,
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const reason: RefusalReason =
          err.code === 'not_found' || err.code === 'forbidden'
            ? 'no_access'
            : err.code === 'conversation.closed'
              ? 'closed'
              : 'refused';
        return await refuse(reason, reason === 'refused' ? err.code : undefined);
      }
      // A redelivery racing this one (or retried after a failure of ours) finds the message already
      // posted with the first delivery's files: this delivery's own uploads are given back.
      const taken = new Set(message.attachments.map((a) => a.id));
      attachmentIds.splice(0, attachmentIds.length, ...attachmentIds.filter((id) => !taken.has(id)));
      await this.db.inTenant({ officeId }, (tx) => recordPosted(tx, { ...record, messageId: message.id }));
      this.log.info({ officeId, conversationId, messageIdHeader, messageId: message.id }, 'inbound e-mail posted');
      return { accepted: true, outcome: 'posted' };
    } finally {
      // Uploads no message took (a refusal, a failure of ours) are given back at once, not left to the sweep.
      for (const id of attachmentIds) await this.attachments.discard(actor, id).catch(() => {});
    }
  }

  /** The person as they may act now: staff of the office, else a client of the conversation's company. */
  private async actorOf(address: ReplyAddress): Promise<Actor | undefined> {
    const { officeId, userId } = address;
    return this.db.inTenant({ officeId, userId }, async (tx) => {
      const context = {
        userId,
        officeId,
        sessionId: null,
        csrfToken: null,
        apiTokenId: null,
        ip: null,
        requestId: null,
      };
      const staff = await loadActor(tx, { ...context, companyId: null });
      if (staff.ok) return staff.actor;
      if (staff.reason !== 'gone') return undefined;
      const companyId = await conversationCompanyId(tx, officeId, address.conversationId);
      if (!companyId) return undefined;
      const client = await loadActor(tx, { ...context, companyId });
      return client.ok ? client.actor : undefined;
    });
  }

  /** The office's inbound e-mails, for its admins. */
  async list(actor: Actor, page: number, pageSize: number) {
    policy.require(actor, 'inbound.read');
    const result = await this.db.asActor(actor, (tx) => findInboundPage(tx, actor.officeId, page, pageSize));
    // Reply addresses are their person's key to the conversation: never shown, even in a refusal's detail.
    return {
      ...result,
      items: result.items.map((row) =>
        presentInboundEmail({ ...row, reason: redactSecrets(row.reason), subject: redactSecrets(row.subject) }),
      ),
    };
  }
}
