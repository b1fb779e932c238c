// The authorization matrix's rows for notifications (notify module):
// each route × every actor, with the answer docs/API.md promises.
import { type Rows, signedIn } from './world.js';

export const notifyRows: Rows = {
  // --- notifications: everyone's own --------------------------------------------------------------
  'GET /api/notifications': { request: () => ({ url: '/api/notifications' }), expect: signedIn },
  'POST /api/notifications/read': {
    request: () => ({ url: '/api/notifications/read', body: { all: true } }),
    expect: signedIn,
  },
  'GET /api/notifications/preferences': {
    request: () => ({ url: '/api/notifications/preferences' }),
    expect: signedIn,
  },
  'PUT /api/notifications/preferences': {
    request: () => ({
      url: '/api/notifications/preferences',
      body: { document: { inApp: true, email: 'digest', sms: false, push: false } },
    }),
    expect: signedIn,
  },
};
