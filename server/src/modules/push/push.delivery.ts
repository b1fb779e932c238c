// Hands one push message to one browser's push service — the 'push' job. `web-push` signs the VAPID
// token and encrypts the payload (aes128gcm, RFC 8291); we send the request ourselves, through the
// outbound guard (a browser chooses the endpoint: it must not reach a private network, whatever its
// name resolves to when the message goes), with a timeout and no redirect followed.
//
// 404/410: the browser dropped the subscription — it is deleted. 429, 5xx, a timeout or a network
// error: recorded and thrown, so the job queue retries with back-off. Any other answer will not get
// better by retrying: recorded, no retry. A message may still arrive twice when the push service took
// it but its answer was lost; the payload's stable id and topic let the service worker drop the repeat.
import webpush from 'web-push';
import type { Database } from '../../db/database.js';
import { OutboundBlockedError, type OutboundGuard } from '../../net/outbound-guard.js';
import {
  deleteSubscription,
  lockSubscription,
  markSubscriptionDelivered,
  markSubscriptionFailed,
} from './push.repository.js';
import type { PushJob, VapidDetails } from './push.service.js';

const TIMEOUT_MS = 15_000;

export type PushOutcome = 'delivered' | 'gone' | 'failed' | 'skipped';

export class PushDelivery {
  constructor(
    private readonly db: Database,
    private readonly vapid: () => VapidDetails,
    private readonly guard: OutboundGuard,
  ) {}

  /** Delivers one job. `lastAttempt`: no retry follows. Throws (after recording why) when a retry may help. */
  async deliver(job: PushJob, lastAttempt: boolean): Promise<PushOutcome> {
    let retry: Error | undefined;
    const outcome = await this.db.inTenant({ officeId: job.officeId }, async (tx) => {
      const subscription = await lockSubscription(tx, job.officeId, job.subscriptionId);
      // Turned off (or dropped by the browser) since the job was queued.
      if (!subscription) return 'skipped' as const;
      const request = webpush.generateRequestDetails(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        JSON.stringify(job.payload),
        {
          vapidDetails: this.vapid(),
          contentEncoding: 'aes128gcm',
          TTL: job.ttl,
          urgency: job.urgency,
          topic: job.topic,
        },
      );
      let status: number;
      try {
        const headers = Object.fromEntries(
          Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'content-length'),
        ) as Record<string, string>;
        const response = await this.guard.request(request.endpoint, {
          method: request.method,
          headers,
          body: request.body ?? undefined,
          timeoutMs: TIMEOUT_MS,
          maxBytes: 4096,
        });
        status = response.status;
      } catch (err) {
        if (err instanceof OutboundBlockedError) {
          // Not a network that a retry reaches.
          await markSubscriptionFailed(tx, job.officeId, subscription.id, err.message);
          return 'failed' as const;
        }
        // Unreachable or too slow: the push service may be back in a moment.
        await markSubscriptionFailed(tx, job.officeId, subscription.id, (err as Error).message);
        if (!lastAttempt) retry = err as Error;
        return 'failed' as const;
      }
      if (status >= 200 && status < 300) {
        await markSubscriptionDelivered(tx, job.officeId, subscription.id);
        return 'delivered' as const;
      }
      if (status === 404 || status === 410) {
        await deleteSubscription(tx, job.officeId, subscription.id);
        return 'gone' as const;
      }
      const error = `push service answered ${status}`;
      await markSubscriptionFailed(tx, job.officeId, subscription.id, error);
      if ((status === 429 || status >= 500) && !lastAttempt) retry = new Error(error);
      return 'failed' as const;
    });
    if (retry) throw retry;
    return outcome;
  }
}
