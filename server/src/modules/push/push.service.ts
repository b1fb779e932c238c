// Web Push (VAPID, RFC 8030/8291/8292): the instance's key pair, made at first start and kept in
// instance_settings with its private half sealed; each person's browser subscriptions, which only
// they add, list and remove; and the 'push' jobs — one per subscription, added in the transaction
// that decided someone should hear of something, delivered by PushDelivery.
import { createPublicKey, randomUUID } from 'node:crypto';
import webpush from 'web-push';
import { isLocale, type Locale } from '@bureau/common';
import type { Database, Tx } from '../../db/database.js';
import { AppError } from '../../http/app-error.js';
import { translator } from '../../http/i18n.js';
import type { Actor } from '../identity/index.js';
import { officeRecords } from '../tenancy/index.js';
import type { JobQueue } from '../jobs/index.js';
import type { SecretBox } from '../system/index.js';
import { policy } from '../policy/index.js';
import type { OutboundGuard } from '../../net/outbound-guard.js';
import {
  countSubscriptions,
  deleteEndpointOfOthers,
  deleteSubscriptionByEndpoint,
  findVapidKeys,
  insertVapidKeysOnce,
  listSubscriptions,
  upsertSubscription,
} from './push.repository.js';
import { presentDevice } from './push.presenter.js';

/** What the service worker shows: `id` is stable across retries, so a repeat is recognised and dropped. */
export type PushPayload = { id: string; title: string; body: string; url: string; tag: string };
export type PushJob = {
  officeId: string;
  subscriptionId: string;
  payload: PushPayload;
  /** Push services keep only the newest undelivered message of a topic (base64url, at most 32 characters). */
  topic: string;
  urgency: 'normal' | 'high';
  /** Seconds the push service keeps the message for a device that is offline. */
  ttl: number;
};
export type PushNotice = {
  userId: string;
  payload: PushPayload;
  topic: string;
  urgency?: PushJob['urgency'];
  ttl?: number;
};
export type VapidDetails = { subject: string; publicKey: string; privateKey: string };
export type PushSubscriptionInput = { endpoint: string; keys: { p256dh: string; auth: string } };

/** Browsers a person may receive notifications on, per office. */
export const MAX_DEVICES = 20;
const DAY = 24 * 3600;
const BODY_MAX = 240;

export class PushService {
  private vapid: VapidDetails | undefined;

  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
    private readonly jobs: Pick<JobQueue, 'enqueue' | 'nudge'>,
    private readonly options: { publicUrl: string; mailFrom: string; guard: OutboundGuard },
  ) {}

  /**
   * Loads the instance's VAPID key pair, making it on first start. Two processes starting at once may
   * both make one: the first stored wins and both read it back, so browsers see one key only.
   */
  async init(): Promise<void> {
    const stored =
      (await this.db.anonymous((tx) => findVapidKeys(tx))) ??
      (await this.db.anonymous((tx) => {
        const fresh = webpush.generateVAPIDKeys();
        return insertVapidKeysOnce(tx, {
          publicKey: fresh.publicKey,
          privateKeySealed: this.secrets.seal(fresh.privateKey),
        });
      }));
    this.vapid = {
      subject: vapidSubject(this.options.mailFrom, this.options.publicUrl),
      publicKey: stored.publicKey,
      privateKey: this.secrets.open(stored.privateKeySealed),
    };
  }

  /** The key pair and contact the push services see (after init). */
  vapidDetails(): VapidDetails {
    if (!this.vapid) throw new Error('PushService.init() has not run');
    return this.vapid;
  }

  publicKey(actor: Actor): { publicKey: string } {
    policy.require(actor, 'push.manageOwn');
    return { publicKey: this.vapidDetails().publicKey };
  }

  /** The person's own browsers in this office. */
  async devices(actor: Actor) {
    policy.require(actor, 'push.manageOwn');
    const rows = await this.db.asActor(actor, (tx) => listSubscriptions(tx, actor.officeId, [actor.userId]));
    return { items: rows.map(presentDevice) };
  }

  async subscribe(actor: Actor, input: PushSubscriptionInput, userAgent: string | null) {
    policy.require(actor, 'push.subscribe');
    this.checkEndpoint(input.endpoint);
    checkKeys(input.keys);
    return this.db.asActor(actor, async (tx) => {
      // An endpoint is a secret of one browser: whoever presents it is at that browser now, so the people
      // who turned notifications on there before no longer get theirs on it.
      await deleteEndpointOfOthers(tx, actor.officeId, actor.userId, input.endpoint);
      const row = await upsertSubscription(tx, {
        id: randomUUID(),
        officeId: actor.officeId,
        userId: actor.userId,
        endpoint: input.endpoint,
        p256dh: input.keys.p256dh,
        auth: input.keys.auth,
        userAgent: userAgent?.slice(0, 500) ?? null,
      });
      // Counted after the write (a browser subscribing again is no new device); the limit rolls it back.
      if ((await countSubscriptions(tx, actor.officeId, actor.userId)) > MAX_DEVICES)
        throw new AppError('push.too_many_devices');
      return presentDevice(row);
    });
  }

  /** Removing what is not there succeeds too: the browser's own state is what the person asked to end. */
  async unsubscribe(actor: Actor, endpoint: string): Promise<void> {
    policy.require(actor, 'push.manageOwn');
    await this.db.asActor(actor, (tx) => deleteSubscriptionByEndpoint(tx, actor.officeId, actor.userId, endpoint));
  }

  /** A test notification to each of the person's browsers in this office; answers how many. */
  async sendTest(actor: Actor): Promise<{ devices: number }> {
    policy.require(actor, 'push.manageOwn');
    const devices = await this.db.asActor(actor, async (tx) => {
      const office = await officeRecords.findOffice(tx, actor.officeId);
      const t = translator(actor.locale);
      const id = randomUUID();
      return this.queue(tx, actor.officeId, [
        {
          userId: actor.userId,
          payload: {
            id,
            title: t('push:test_title'),
            body: t('push:test_body', { officeName: office?.name ?? '' }),
            url: '/account',
            tag: `test:${id}`,
          },
          topic: id.replaceAll('-', ''),
          urgency: 'high',
          ttl: 3600,
        },
      ]);
    });
    this.committed();
    return { devices };
  }

  /** In the caller's transaction: one 'push' job per subscription of each person. Returns how many. */
  async queue(tx: Tx, officeId: string, notices: PushNotice[]): Promise<number> {
    if (notices.length === 0) return 0;
    const subscriptions = await listSubscriptions(tx, officeId, [...new Set(notices.map((n) => n.userId))]);
    let queued = 0;
    for (const notice of notices) {
      for (const subscription of subscriptions.filter((s) => s.userId === notice.userId)) {
        const job: PushJob = {
          officeId,
          subscriptionId: subscription.id,
          payload: notice.payload,
          topic: notice.topic,
          urgency: notice.urgency ?? 'normal',
          ttl: notice.ttl ?? DAY,
        };
        await this.jobs.enqueue(tx, 'push', job);
        queued++;
      }
    }
    return queued;
  }

  /** After the transaction that queued pushes committed: this process's workers start on them now. */
  committed(): void {
    this.jobs.nudge('push');
  }

  /**
   * Push services are public HTTPS services; anything else (an address in the local network, plain
   * HTTP) would let a signed-in person make the server call where it should not. A name is checked
   * again when a message goes, on the address it then resolves to (PushDelivery, the outbound guard).
   */
  private checkEndpoint(endpoint: string): void {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new AppError('push.endpoint_invalid');
    }
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const loopback = host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
    if (url.username || url.password) throw new AppError('push.endpoint_invalid');
    // A push service on this machine (the tests') only where the operator allows local addresses (OUTBOUND_ALLOW_PRIVATE).
    if (
      loopback &&
      this.options.guard.permits(host === 'localhost' ? '127.0.0.1' : host) &&
      (url.protocol === 'http:' || url.protocol === 'https:')
    )
      return;
    const ipLiteral = /^[\d.]+$/.test(host) || host.includes(':');
    if (url.protocol !== 'https:' || loopback || ipLiteral || !host.includes('.'))
      throw new AppError('push.endpoint_invalid');
  }
}

/** The notification's text in the recipient's language. */
export function pushText(
  locale: string,
  key: 'message_title' | 'conversation_title',
  params: { author: string; subject: string; excerpt: string },
) {
  const t = translator((isLocale(locale) ? locale : 'en') as Locale);
  const excerpt =
    [...params.excerpt].length > BODY_MAX ? `${[...params.excerpt].slice(0, BODY_MAX - 1).join('')}…` : params.excerpt;
  return {
    title: t(`push:${key}`, { author: params.author }),
    body: excerpt
      ? t('push:body', { subject: params.subject, excerpt })
      : t('push:body_file', { subject: params.subject }),
  };
}

/** p256dh: an uncompressed P-256 point (65 bytes) that is on the curve; auth: 16 bytes. */
function checkKeys(keys: PushSubscriptionInput['keys']): void {
  const base64url = /^[A-Za-z0-9_-]+={0,2}$/;
  if (!base64url.test(keys.p256dh) || !base64url.test(keys.auth)) throw new AppError('push.keys_invalid');
  const point = Buffer.from(keys.p256dh, 'base64url');
  if (point.length !== 65 || point[0] !== 4 || Buffer.from(keys.auth, 'base64url').length !== 16)
    throw new AppError('push.keys_invalid');
  try {
    createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    });
  } catch {
    throw new AppError('push.keys_invalid');
  }
}

/** Whom push services may contact about our traffic: the sender address, else the portal's URL. */
export function vapidSubject(mailFrom: string, publicUrl: string): string {
  const address =
    /<([^<>\s]+@[^<>\s]+)>/.exec(mailFrom)?.[1] ??
    (/^[^<>\s]+@[^<>\s]+$/.test(mailFrom.trim()) ? mailFrom.trim() : undefined);
  return address ? `mailto:${address}` : publicUrl;
}
