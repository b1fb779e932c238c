// The authorization matrix's rows for broadcasts (broadcast module):
// each route × every actor, with the answer docs/API.md promises.
import { randomUUID } from 'node:crypto';
import { accountingChannel, type Rows, staffAnswers } from './world.js';

export const broadcastRows: Rows = {
  // --- broadcasts: staff write to many companies; admins see all broadcasts, others their own -------
  'POST /api/broadcasts/preview': {
    request: () => ({ url: '/api/broadcasts/preview', body: { selection: { kind: 'filter', status: 'active' } } }),
    expect: { ...staffAnswers('allow'), fullClient: 403, limitedClient: 403, otherCompanyClient: 403, anonymous: 401 },
  },
  'POST /api/broadcasts': {
    // A conversation in Accounting (an announcement is for admins only: broadcasts.test.ts).
    request: async ({ t, w }) => ({
      url: '/api/broadcasts',
      body: {
        id: randomUUID(),
        subject: 'Matrix',
        body: 'Hello',
        mode: 'conversation',
        channelId: await accountingChannel(t, w),
        selection: { kind: 'companies', companyIds: [w.X.id] },
      },
    }),
    // A company the author may not see is as unknown as one that does not exist.
    expect: {
      ...staffAnswers('allow'),
      unassignedEmployeeRestricted: 404,
      otherOfficeStaff: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      anonymous: 401,
    },
  },
  'GET /api/broadcasts': {
    request: () => ({ url: '/api/broadcasts' }),
    expect: { ...staffAnswers('allow'), fullClient: 403, limitedClient: 403, otherCompanyClient: 403, anonymous: 401 },
  },
  'GET /api/broadcasts/:id': {
    request: ({ w }) => ({ url: `/api/broadcasts/${w.broadcastId}` }),
    expect: {
      ...staffAnswers(404),
      owner: 'allow',
      admin: 'allow',
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      anonymous: 401,
    },
  },
  'GET /api/broadcasts/:id/recipients': {
    request: ({ w }) => ({ url: `/api/broadcasts/${w.broadcastId}/recipients` }),
    expect: {
      ...staffAnswers(404),
      owner: 'allow',
      admin: 'allow',
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      anonymous: 401,
    },
  },
  'GET /api/broadcasts/:id/report': {
    request: ({ w }) => ({ url: `/api/broadcasts/${w.broadcastId}/report?format=csv` }),
    expect: {
      ...staffAnswers(404),
      owner: 'allow',
      admin: 'allow',
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      anonymous: 401,
    },
  },
};
