// Who is told about what, and how. A new message (or conversation) becomes a 'notify' job in the
// sending transaction; the job finds who may see it and should hear of it, and for each person, by
// their preferences: a notification in the bell (live over the WebSocket), a push to their browsers,
// an e-mail at once, or a place in the unread digest — an e-mail sent after the office's delay, gathering what is still
// unread then — and, for those who asked for it and gave a mobile number, a short SMS. Every row a job writes is keyed by what it is about, so a job repeated after a crash
// or a restart adds nothing twice, and a digest takes each notification once.
import { randomUUID } from 'node:crypto';
import {
  conversationKinds,
  criticalKinds,
  defaultNotificationPreferences,
  isLocale,
  notificationKinds,
  officeTimeZone,
  type Locale,
  type NotificationKind,
  type NotificationPreference,
} from '@bureau/common';
import type { Database, Tx } from '../../db/database.js';
import type { Actor } from '../identity/index.js';
import { officeRecords } from '../tenancy/index.js';
import type { JobQueue } from '../jobs/index.js';
import type { MailService } from '../mail/index.js';
import { pushText, type PushNotice, type PushService } from '../push/index.js';
import { conversationRecords } from '../messaging/index.js';
import type { EventBus } from '../realtime/index.js';
import type { SmsService } from '../sms/index.js';
import { messageSmsText } from '../sms/index.js';
import { conversationAudience, type AudienceMember } from '../policy/index.js';
import { queueCriticalNoticeCopy } from './critical-notice.js';
import {
  countUnread,
  dueDailyItems,
  dueDigestItems,
  findPreferences,
  insertNotifications,
  listNotifications,
  markConversationNotificationsRead,
  markNotificationsRead,
  nextDigestDue,
  settleDailyDigest,
  settleDigest,
  upsertPreference,
  type NewNotification,
  type NotificationRow,
} from './notification.repository.js';
import { presentNotification } from './notification.presenter.js';

export type NotifyJob = {
  officeId: string;
  messageId: string;
  kind: 'message' | 'conversation' | 'announcement';
  /** One company's copy of a broadcast: its "@Name" would tell that person once per company, so it tells nobody. */
  broadcast?: boolean;
};
export type DigestJob = { officeId: string; userId: string };

const EXCERPT = 280;

/** The first words of a message, as plain text (Markdown marks dropped). */
export function excerptOf(body: string): string {
  const plain = body
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/[*_`>#~]+/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return [...plain].length > EXCERPT ? `${[...plain].slice(0, EXCERPT - 1).join('')}…` : plain;
}

/** A person's preferences for every kind: their own choices over the office's defaults over Bureau's. */
export function effectivePreferences(
  officeDefaults: Record<string, unknown>,
  own: { kind: string; inApp: boolean; email: string; sms: boolean; push: boolean }[],
) {
  const result = {} as Record<NotificationKind, NotificationPreference>;
  for (const kind of notificationKinds) {
    const base = {
      ...defaultNotificationPreferences[kind],
      ...((officeDefaults[kind] as Partial<NotificationPreference> | undefined) ?? {}),
    };
    const mine = own.find((p) => p.kind === kind);
    result[kind] = mine
      ? { inApp: mine.inApp, email: mine.email as NotificationPreference['email'], sms: mine.sms, push: mine.push }
      : base;
  }
  return result;
}

/** An inactive company's people cannot sign in, nor post by replying to an e-mail. */
const inInactiveCompany = (person: AudienceMember) => person.side === 'client' && !person.companyActive;

/** Who hears of a message: the other side — the routed staff (or, when nobody is, the admins), or the clients who may see it. */
function recipientsOf(audience: AudienceMember[], authorSide: 'office' | 'client', authorId: string): AudienceMember[] {
  const others = audience.filter((m) => m.userId !== authorId && m.side !== authorSide);
  if (authorSide === 'office') return others;
  const routed = others.filter((m) => m.routed);
  return routed.length > 0 ? routed : others.filter((m) => m.isAdmin);
}

/** The people a message names as "@First Last" (case-insensitively; a whole name, at any of its occurrences). */
export function mentionedIn(body: string, audience: AudienceMember[]): AudienceMember[] {
  const text = body.toLocaleLowerCase();
  if (!text.includes('@')) return [];
  return audience.filter((m) => {
    const needle = `@${m.name.toLocaleLowerCase()}`;
    // "@Anna Nowak" names Anna Nowak, not Anna Nowakowska: the name must end where a word ends.
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      if (!/[\p{L}\p{N}]/u.test(text.charAt(at + needle.length))) return true;
    }
    return false;
  });
}

/** When the daily digest leaves: early in the office's morning, before the working day. */
const DAILY_DIGEST_HOUR = 7;

/** The zone's offset from UTC at `at`, in ms (from its wall clock, to the minute). */
function zoneOffset(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return (
    Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!) - Math.floor(at / 60_000) * 60_000
  );
}

/** The next `hour`:00 of the wall clock in `timeZone`, after `now` — right on the days the clocks change too. */
export function nextLocalTime(hour: number, timeZone: string, now: Date): Date {
  const local = new Date(now.getTime() + zoneOffset(now.getTime(), timeZone));
  for (let day = 0; day < 3; day++) {
    const wall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + day, hour);
    // The offset of the target moment, not of now: it differs across a change of summer time.
    let at = wall - zoneOffset(wall, timeZone);
    at = wall - zoneOffset(at, timeZone);
    if (at > now.getTime()) return new Date(at);
  }
  throw new Error(`no ${hour}:00 in ${timeZone} after ${now.toISOString()}`);
}

export class NotificationService {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly mail: MailService,
    private readonly jobs: Pick<JobQueue, 'enqueue' | 'nudge'>,
    private readonly publicUrl: string,
    private readonly push: Pick<PushService, 'queue' | 'committed'>,
    private readonly sms: Pick<SmsService, 'queue' | 'committed'>,
    /** reply+<token>@domain for a person in a conversation (inbound); undefined when no listener takes replies. */
    private readonly replyAddressFor?: (
      tx: Tx,
      officeId: string,
      conversationId: string,
      userId: string,
    ) => Promise<string>,
  ) {}

  /** In the sending transaction: the job that will tell people about this message. */
  async messagePosted(tx: Tx, officeId: string, messageId: string, kind: NotifyJob['kind']): Promise<void> {
    await this.jobs.enqueue(tx, 'notify', { officeId, messageId, kind } satisfies NotifyJob);
  }

  /** After the sending transaction committed: this process's workers start on the job now. */
  committed(): void {
    this.jobs.nudge('notify');
  }

  private conversationPath(side: 'office' | 'client', conversationId: string) {
    return side === 'office' ? `/inbox/${conversationId}` : `/conversations/${conversationId}`;
  }

  private conversationLink(side: 'office' | 'client', conversationId: string) {
    return `${this.publicUrl}${this.conversationPath(side, conversationId)}`;
  }

  /**
   * The office's message in a conversation open to the whole company, also to the company's own address when the office
   * chose so (`companies.notification_email`): in the office's language, with neither a link nor a reply address — the
   * address is nobody's account, so nothing in the e-mail may let its readers in or post as someone.
   */
  private async copyToCompanyAddress(
    tx: Tx,
    office: { name: string; defaultLocale: string },
    notice: NonNullable<Awaited<ReturnType<typeof conversationRecords.findMessageNotice>>>,
    excerpt: string,
    sourceKey: string,
    recipients: AudienceMember[],
    officeId: string,
  ) {
    const to = notice.companyNotificationEmail;
    if (!to || notice.authorSide !== 'office' || notice.visibility !== 'company' || !notice.companyActive) return;
    if (recipients.some((r) => r.email.toLowerCase() === to.toLowerCase())) return;
    await this.mail.queue(tx, {
      officeId,
      officeName: office.name,
      to,
      toName: notice.companyName,
      locale: isLocale(office.defaultLocale) ? office.defaultLocale : 'en',
      template: 'new_message',
      params: { author: notice.authorName, subject: notice.subject, company: notice.companyName },
      items: [{ title: notice.subject, lines: [excerpt] }],
      dedupeKey: `company-address:${sourceKey}`,
    });
  }

  /** The 'notify' job. */
  async handleMessage(job: NotifyJob): Promise<void> {
    const { officeId } = job;
    await this.db.inTenant({ officeId }, async (tx) => {
      const [office, notice] = [
        await officeRecords.findOffice(tx, officeId),
        await conversationRecords.findMessageNotice(tx, officeId, job.messageId),
      ];
      // A message deleted before the job ran is no news any more.
      if (!office || !notice || notice.deletedAt) return;
      const audience = await conversationAudience(tx, officeId, notice.conversationId);
      const sourceKey = `message:${notice.messageId}`;
      const excerpt = excerptOf(notice.body);
      // "@Name" of someone who may see the conversation tells them, on either side (a colleague too).
      const mentioned = job.broadcast
        ? []
        : mentionedIn(
            notice.body,
            audience.filter((m) => m.userId !== notice.authorId),
          );
      const others = recipientsOf(audience, notice.authorSide, notice.authorId);
      const recipients = [...others, ...mentioned.filter((m) => !others.some((o) => o.userId === m.userId))];
      // A critical notice (an announcement) also reaches the company's administrator e-mail, once.
      if (criticalKinds.includes(job.kind)) {
        const company = await officeRecords.findCompany(tx, officeId, notice.companyId);
        if (company) {
          await queueCriticalNoticeCopy(this.mail, tx, {
            officeId,
            officeName: office.name,
            locale: isLocale(office.defaultLocale) ? office.defaultLocale : 'en',
            company: { id: company.id, name: company.name, emails: company.emails },
            kind: job.kind,
            title: notice.subject,
            lines: [excerpt],
            link: this.conversationLink('client', notice.conversationId),
            sourceKey,
            // The company's people who are e-mailed the notice itself need no copy.
            alreadyTold: recipients.filter((r) => r.side === 'client').map((r) => r.email),
          });
        }
      }
      await this.copyToCompanyAddress(tx, office, notice, excerpt, sourceKey, recipients, officeId);
      if (recipients.length === 0) return;
      const own = await findPreferences(
        tx,
        officeId,
        recipients.map((r) => r.userId),
      );
      const kindFor = (person: AudienceMember): NotificationKind =>
        job.kind !== 'announcement' && mentioned.some((m) => m.userId === person.userId) ? 'mention' : job.kind;
      const plans = recipients.map((person) => {
        const kind = kindFor(person);
        const preference = effectivePreferences(
          office.notificationDefaults,
          own.filter((p) => p.userId === person.userId),
        )[kind];
        // An inactive company's people cannot sign in: they are reached by e-mail, at once, only.
        const inactive = person.side === 'client' && !person.companyActive;
        const inApp = !inactive && preference.inApp;
        const emailNow = inactive
          ? preference.email !== 'off'
          : preference.email === 'now' && !conversationKinds.includes(kind);
        // Messages e-mailed "now" wait for the unread digest (nothing is sent if they are read in time).
        const digest = !inactive && preference.email === 'now' && conversationKinds.includes(kind);
        const daily = !inactive && preference.email === 'digest';
        const push = !inactive && preference.push;
        const sms = !inactive && preference.sms && !!person.phone;
        return { person, kind, inApp, emailNow, digest, daily, push, sms };
      });
      // A push-only plan still gets its (hidden) row: the row is what makes a repeated job add nothing.
      const rows: NewNotification[] = plans
        .filter((p) => p.inApp || p.emailNow || p.digest || p.daily || p.push)
        .map((p) => ({
          id: randomUUID(),
          officeId,
          userId: p.person.userId,
          companyId: notice.companyId,
          kind: p.kind,
          sourceKey,
          conversationId: notice.conversationId,
          messageId: notice.messageId,
          seq: notice.seq,
          title: notice.subject,
          excerpt,
          actorName: notice.authorName,
          critical: criticalKinds.includes(p.kind),
          inApp: p.inApp,
          digestDue: p.digest,
          dailyDue: p.daily,
        }));
      const added = await insertNotifications(tx, rows);
      const pushes: PushNotice[] = [];
      for (const row of added) {
        const plan = plans.find((p) => p.person.userId === row.userId)!;
        if (row.inApp) {
          await this.events.record(tx, officeId, {
            type: 'notification.created',
            userId: row.userId,
            payload: { notification: presentNotification(row) },
          });
        }
        if (plan.emailNow) {
          const locale: Locale = isLocale(plan.person.locale) ? plan.person.locale : 'en';
          const link = this.conversationLink(plan.person.side, notice.conversationId);
          await this.mail.queue(tx, {
            officeId,
            officeName: office.name,
            to: plan.person.email,
            toName: plan.person.name,
            locale,
            template: 'new_message',
            link,
            params: { author: notice.authorName, subject: notice.subject, company: notice.companyName },
            items: [{ title: notice.subject, lines: [excerpt], link }],
            ...this.unsubscribe(),
            // People of an inactive company cannot post: no reply address for them.
            replyTo: inInactiveCompany(plan.person)
              ? undefined
              : await this.replyAddress(tx, officeId, notice.conversationId, row.userId),
            dedupeKey: `notify:${sourceKey}:${row.userId}`,
          });
        }
        if (plan.digest) await this.scheduleDigest(tx, officeId, row.userId, office.unreadDigestMinutes * 60);
        if (plan.daily) await this.scheduleDailyDigest(tx, officeId, row.userId, office.country);
        if (plan.push) {
          const text = pushText(
            plan.person.locale,
            plan.kind === 'conversation' ? 'conversation_title' : 'message_title',
            { author: notice.authorName, subject: notice.subject, excerpt },
          );
          pushes.push({
            userId: row.userId,
            // The notification's id is the payload's: a push retried after a lost answer is recognised by the browser.
            payload: {
              id: row.id,
              ...text,
              url: this.conversationPath(plan.person.side, notice.conversationId),
              tag: `conversation:${notice.conversationId}`,
            },
            // Of a conversation's messages not yet delivered to an offline browser, the newest is enough.
            topic: notice.conversationId.replaceAll('-', ''),
          });
        }
      }
      await this.push.queue(tx, officeId, pushes);
      // Keyed by message and person (not by the notification row, which an SMS-only choice does not
      // write): a repeated job finds its SMS in the log and sends nothing twice.
      for (const plan of plans.filter((p) => p.sms)) {
        const locale: Locale = isLocale(plan.person.locale) ? plan.person.locale : 'en';
        await this.sms.queue(tx, {
          officeId,
          userId: plan.person.userId,
          to: plan.person.phone!,
          body: messageSmsText(locale, {
            office: office.name,
            author: notice.authorName,
            subject: notice.subject,
            link: this.conversationLink(plan.person.side, notice.conversationId),
          }),
          dedupeKey: `notify:${sourceKey}:${plan.person.userId}`,
        });
      }
    });
    this.push.committed();
    this.sms.committed();
    // E-mails it queued go now, not at the e-mail workers' next poll.
    this.jobs.nudge('email');
    await this.events.wake(officeId);
  }

  /** reply+<token>@domain: an answer to the e-mail is posted into the conversation as this person (InboundService). */
  private async replyAddress(
    tx: Tx,
    officeId: string,
    conversationId: string,
    userId: string,
  ): Promise<string | undefined> {
    return this.replyAddressFor?.(tx, officeId, conversationId, userId);
  }

  /** Every notification e-mail links to the preferences and names them as its unsubscribe address (List-Unsubscribe, RFC 2369). */
  private unsubscribe() {
    const preferencesLink = `${this.publicUrl}/account/notifications`;
    return { preferencesLink, headers: { 'List-Unsubscribe': `<${preferencesLink}>` } };
  }

  /** One digest waits per person (the queue keeps one per key); it runs after the office's delay. */
  private async scheduleDigest(tx: Tx, officeId: string, userId: string, afterSeconds: number) {
    await this.jobs.enqueue(tx, 'digest', { officeId, userId } satisfies DigestJob, {
      startAfter: Math.max(1, Math.ceil(afterSeconds)),
      singletonKey: `${officeId}:${userId}`,
    });
  }

  /** The 'digest' job: one e-mail with what stayed unread past the delay; nothing if all was read. */
  async sendDigest(job: DigestJob): Promise<void> {
    const { officeId, userId } = job;
    await this.db.inTenant({ officeId }, async (tx) => {
      const office = await officeRecords.findOffice(tx, officeId);
      if (!office) return;
      const delay = office.unreadDigestMinutes;
      const due = await dueDigestItems(tx, officeId, userId, delay);
      // Only what the person may still see and still answers for: staff unassigned meanwhile (the
      // company has another accountant now) get no digest of it.
      const audiences = await this.memberships(tx, officeId, userId, due);
      const items = due.filter((n) => {
        const member = audiences.get(n.conversationId!);
        return member && (member.side === 'client' || member.routed || member.isAdmin);
      });
      const recipient = items.length > 0 ? audiences.get(items[0]!.conversationId!) : undefined;
      if (recipient) {
        // A digest of one conversation can be answered like a notification of it.
        const replyTo =
          new Set(items.map((n) => n.conversationId)).size === 1
            ? await this.replyAddress(tx, officeId, items[0]!.conversationId!, userId)
            : undefined;
        await this.queueSummary(tx, office, recipient, 'unread_digest', items, {
          replyTo,
          dedupeKey: `digest:${userId}:${items.map((n) => n.id).sort()[0]}`,
        });
      }
      // What was left out (no longer visible) is settled too, unsent, so that it never waits again.
      await settleDigest(tx, officeId, userId, recipient ? items.map((n) => n.id) : [], delay);
      // Newer messages still waiting get their own digest when their delay has passed.
      const next = await nextDigestDue(tx, officeId, userId);
      if (next) await this.scheduleDigest(tx, officeId, userId, (next.getTime() + delay * 60_000 - Date.now()) / 1000);
    });
    this.jobs.nudge('email');
  }

  /** One daily digest waits per person, for the next morning in the office's time zone. */
  private async scheduleDailyDigest(tx: Tx, officeId: string, userId: string, country: string) {
    const startAfter = nextLocalTime(DAILY_DIGEST_HOUR, officeTimeZone(country), new Date());
    await this.jobs.enqueue(tx, 'daily-digest', { officeId, userId } satisfies DigestJob, {
      startAfter,
      singletonKey: `${officeId}:${userId}`,
    });
  }

  /** The 'daily-digest' job: one e-mail with what the person chose to hear of once a day, still unread. */
  async sendDailyDigest(job: DigestJob): Promise<void> {
    const { officeId, userId } = job;
    await this.db.inTenant({ officeId }, async (tx) => {
      const office = await officeRecords.findOffice(tx, officeId);
      if (!office) return;
      const due = await dueDailyItems(tx, officeId, userId);
      const audiences = await this.memberships(tx, officeId, userId, due);
      // Unread, and still visible to the person (an inactive company's people get no summaries).
      const items = due.filter((n) => {
        const member = n.conversationId ? audiences.get(n.conversationId) : undefined;
        return !n.readAt && member && !inInactiveCompany(member);
      });
      const recipient = items.length > 0 ? audiences.get(items[0]!.conversationId!) : undefined;
      if (recipient)
        await this.queueSummary(tx, office, recipient, 'daily_digest', items, {
          dedupeKey: `daily:${userId}:${items.map((n) => n.id).sort()[0]}`,
        });
      await settleDailyDigest(
        tx,
        officeId,
        due.map((n) => n.id),
      );
    });
    this.jobs.nudge('email');
  }

  /** The person's place in each conversation the notifications are about (undefined: they may no longer see it). */
  private async memberships(tx: Tx, officeId: string, userId: string, notifications: NotificationRow[]) {
    const audiences = new Map<string, AudienceMember | undefined>();
    for (const conversationId of new Set(
      notifications.map((n) => n.conversationId).filter((id): id is string => !!id),
    )) {
      audiences.set(
        conversationId,
        (await conversationAudience(tx, officeId, conversationId)).find((m) => m.userId === userId),
      );
    }
    return audiences;
  }

  /** One e-mail listing notifications (the unread digest, the daily summary), in the recipient's language and the office's time. */
  private async queueSummary(
    tx: Tx,
    office: { id: string; name: string; country: string },
    recipient: AudienceMember,
    template: 'unread_digest' | 'daily_digest',
    items: NotificationRow[],
    extra: { replyTo?: string; dedupeKey: string },
  ) {
    const locale: Locale = isLocale(recipient.locale) ? recipient.locale : 'en';
    const time = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: officeTimeZone(office.country),
    });
    await this.mail.queue(tx, {
      officeId: office.id,
      officeName: office.name,
      to: recipient.email,
      toName: recipient.name,
      locale,
      template,
      link: recipient.side === 'office' ? `${this.publicUrl}/inbox` : `${this.publicUrl}/conversations`,
      params: { count: items.length },
      items: items.map((n) => ({
        title: n.title,
        lines: [`${n.actorName ?? ''}, ${time.format(n.createdAt)}`, n.excerpt],
        link: this.conversationLink(recipient.side, n.conversationId!),
      })),
      ...this.unsubscribe(),
      ...extra,
    });
  }

  // --- the person's own notification centre -------------------------------------------------------

  /**
   * One in-app notice for one person about something other than a message (an invitation waiting for them, a
   * conversation assigned to them), written in
   * the caller's transaction; the same `sourceKey` twice adds nothing.
   */
  async notifyPerson(
    tx: Tx,
    officeId: string,
    notice: {
      userId: string;
      kind: string;
      sourceKey: string;
      title: string;
      excerpt: string;
      actorName: string | null;
      companyId?: string;
      /** What the notice opens (a conversation assigned to the person). */
      conversationId?: string;
    },
  ): Promise<void> {
    const [added] = await insertNotifications(tx, [{ id: randomUUID(), officeId, ...notice }]);
    if (added)
      await this.events.record(tx, officeId, {
        type: 'notification.created',
        userId: added.userId,
        payload: { notification: presentNotification(added) },
      });
  }

  async list(actor: Actor, limit: number, before?: Date) {
    return this.db.asActor(actor, async (tx) => {
      const [items, unread] = [
        await listNotifications(tx, actor.officeId, actor.userId, limit, before),
        await countUnread(tx, actor.officeId, actor.userId),
      ];
      return { items: items.map(presentNotification), unread };
    });
  }

  async markRead(actor: Actor, ids: string[] | 'all') {
    const changed = await this.db.asActor(actor, async (tx) => {
      // Only the person's own rows can change: someone else's id changes nothing and says nothing.
      const read = await markNotificationsRead(tx, actor.officeId, actor.userId, ids);
      if (read.length > 0)
        await this.events.record(tx, actor.officeId, {
          type: 'notification.read',
          userId: actor.userId,
          payload: { ids: read },
        });
      return { read: read.length, unread: await countUnread(tx, actor.officeId, actor.userId) };
    });
    await this.events.wake(actor.officeId);
    return changed;
  }

  /** Called in the transaction that moves the person's read position in a conversation. */
  async conversationRead(tx: Tx, officeId: string, userId: string, conversationId: string, seq: number): Promise<void> {
    const read = await markConversationNotificationsRead(tx, officeId, userId, conversationId, seq);
    if (read.length > 0)
      await this.events.record(tx, officeId, { type: 'notification.read', userId, payload: { ids: read } });
  }

  async preferences(actor: Actor) {
    return this.db.asActor(actor, async (tx) => {
      const office = await officeRecords.findOffice(tx, actor.officeId);
      const own = await findPreferences(tx, actor.officeId, [actor.userId]);
      return {
        items: effectivePreferences(office?.notificationDefaults ?? {}, own),
        criticalKinds: [...criticalKinds],
      };
    });
  }

  async setPreferences(actor: Actor, changes: Partial<Record<NotificationKind, NotificationPreference>>) {
    await this.db.asActor(actor, async (tx) => {
      for (const [kind, preference] of Object.entries(changes) as [NotificationKind, NotificationPreference][]) {
        // Critical notices cannot be switched off entirely: they keep the bell, whatever else is chosen.
        const inApp = criticalKinds.includes(kind) ? true : preference.inApp;
        await upsertPreference(tx, { officeId: actor.officeId, userId: actor.userId, kind, ...preference, inApp });
      }
    });
    return this.preferences(actor);
  }
}
