// The authorization matrix's rows for Web Push (push module):
// each route × every actor, with the answer docs/API.md promises.
import { pushSubscription, type Rows, signedIn } from './world.js';

export const pushRows: Rows = {
  // --- Web Push: everyone's own browsers ------------------------------------------------------------
  'GET /api/push/key': { request: () => ({ url: '/api/push/key' }), expect: signedIn },
  'GET /api/push/subscriptions': { request: () => ({ url: '/api/push/subscriptions' }), expect: signedIn },
  'POST /api/push/subscriptions': {
    request: () => ({ url: '/api/push/subscriptions', body: pushSubscription() }),
    expect: signedIn,
  },
  'DELETE /api/push/subscriptions': {
    request: async ({ session }) => {
      const { endpoint } = (await session.post('/api/push/subscriptions', pushSubscription())).json();
      return {
        url: `/api/push/subscriptions?endpoint=${encodeURIComponent(endpoint ?? 'https://push.example.com/none')}`,
      };
    },
    expect: signedIn,
  },
  // Queues a push per browser of the person; no worker runs here, so nothing leaves the machine.
  'POST /api/push/test': { request: () => ({ url: '/api/push/test' }), expect: signedIn },
};
