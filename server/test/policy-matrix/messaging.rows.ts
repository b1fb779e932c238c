// The authorization matrix's rows for channels, conversations and messages (messaging module):
// each route × every actor, with the answer docs/API.md promises.
import { randomUUID } from 'node:crypto';
import { accountingChannel, clientConversation, clientSideOnly, readsX, type Rows, signedIn } from './world.js';

/** Staff who see company X may; its client who sees the conversation is refused; everyone else is told it does not exist. */
const officeSideOfX = { ...readsX, fullClient: 403 } as const;

export const messagingRows: Rows = {
  // --- conversations ---------------------------------------------------------------------------
  'GET /api/channels': { request: () => ({ url: '/api/channels' }), expect: signedIn },
  'POST /api/channels': {
    request: () => ({ url: '/api/channels', body: { names: { en: 'Matrix' }, specialty: null } }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 403,
      unassignedEmployee: 403,
      unassignedEmployeeRestricted: 403,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      otherOfficeStaff: 'allow',
      anonymous: 401,
    },
  },
  'PATCH /api/channels/:id': {
    request: async ({ t, w }) => ({ url: `/api/channels/${await accountingChannel(t, w)}`, body: { position: 1 } }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 403,
      unassignedEmployee: 403,
      unassignedEmployeeRestricted: 403,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      otherOfficeStaff: 404,
      anonymous: 401,
      otherOfficeEmployee: 403,
    },
  },
  'GET /api/conversations': { request: () => ({ url: '/api/conversations' }), expect: signedIn },
  'GET /api/conversations/counts': { request: () => ({ url: '/api/conversations/counts' }), expect: signedIn },
  'GET /api/search': { request: () => ({ url: '/api/search?q=matrix' }), expect: signedIn },
  'POST /api/conversations': {
    // Staff name company X; a client user always writes in their session's company (Y for otherCompanyClient).
    request: async ({ t, w, actor }) => ({
      url: '/api/conversations',
      body: {
        ...(['fullClient', 'limitedClient', 'otherCompanyClient', 'otherOfficeClient'].includes(actor)
          ? {}
          : { companyId: w.X.id }),
        channelId: await accountingChannel(t, w),
        subject: 'Matrix',
        body: 'Matrix',
        clientId: randomUUID(),
        visibility: 'company',
      },
    }),
    // Office B's client writes in their own company, naming office A's channel: no such channel there (the same 400 as an unknown id).
    expect: { ...readsX, limitedClient: 403, otherCompanyClient: 'allow', otherOfficeClient: 400 },
  },
  'GET /api/conversations/:id': {
    request: ({ w }) => ({ url: `/api/conversations/${w.conversation.id}` }),
    expect: readsX,
  },
  'POST /api/conversations/:id/close': {
    request: async ({ t, w }) => ({ url: `/api/conversations/${(await clientConversation(t, w)).id}/close` }),
    expect: clientSideOnly,
    forbiddenCode: 'conversation.close_not_allowed',
  },
  'POST /api/conversations/:id/reopen': {
    request: async ({ t, w }) => ({
      url: `/api/conversations/${(await clientConversation(t, w, 'closed')).id}/reopen`,
    }),
    expect: clientSideOnly,
    forbiddenCode: 'conversation.reopen_not_allowed',
  },
  // The office's own ways to be done with a conversation: every staff member who sees it; a client who sees it is refused.
  'POST /api/conversations/:id/handled': {
    request: async ({ t, w }) => ({
      url: `/api/conversations/${(await clientConversation(t, w)).id}/handled`,
      body: { handled: true },
    }),
    expect: officeSideOfX,
  },
  'POST /api/conversations/:id/snooze': {
    request: async ({ t, w }) => ({
      url: `/api/conversations/${(await clientConversation(t, w)).id}/snooze`,
      body: { until: new Date(Date.now() + 86_400_000).toISOString() },
    }),
    expect: officeSideOfX,
  },
  'POST /api/conversations/:id/assign': {
    request: async ({ t, w }) => ({
      url: `/api/conversations/${(await clientConversation(t, w)).id}/assign`,
      body: { assigneeId: null },
    }),
    expect: officeSideOfX,
  },
  'GET /api/conversations/:id/assignees': {
    request: ({ w }) => ({ url: `/api/conversations/${w.conversation.id}/assignees` }),
    expect: officeSideOfX,
  },
  'POST /api/conversations/:id/read': {
    request: ({ w }) => ({ url: `/api/conversations/${w.conversation.id}/read`, body: { seq: 1 } }),
    expect: readsX,
  },
  'GET /api/conversations/:id/messages': {
    request: ({ w }) => ({ url: `/api/conversations/${w.conversation.id}/messages` }),
    expect: readsX,
  },
  'POST /api/conversations/:id/messages': {
    request: ({ w }) => ({
      url: `/api/conversations/${w.conversation.id}/messages`,
      body: { clientId: randomUUID(), body: 'Matrix' },
    }),
    expect: readsX,
  },
  'PATCH /api/messages/:id': {
    // fullClient's own message: everyone else who may see it is refused (403), the rest told it does not exist.
    request: ({ w }) => ({ url: `/api/messages/${w.conversation.messageId}`, body: { body: 'Matrix, edited' } }),
    expect: clientSideOnly,
    forbiddenCode: 'message.not_author',
  },
  'DELETE /api/messages/:id': {
    request: async ({ t, w }) => ({ url: `/api/messages/${(await clientConversation(t, w)).messageId}` }),
    expect: clientSideOnly,
    forbiddenCode: 'message.not_author',
  },
  'GET /api/messages/:id/revisions': {
    // A standing message's history: whoever sees the message (a deleted one's: the office only, tested beside the rule).
    request: ({ w }) => ({ url: `/api/messages/${w.conversation.messageId}/revisions` }),
    expect: readsX,
  },
  'GET /api/conversations/participants': {
    // Everyone names company X; a client user may ask only about the company of their session.
    request: ({ w }) => ({ url: `/api/conversations/participants?companyId=${w.X.id}` }),
    expect: { ...readsX, limitedClient: 'allow' },
  },
};
