// The authorization matrix's rows for signing in and my account (identity module):
// each route × every actor, with the answer docs/API.md promises.
import { randomUUID } from 'node:crypto';
import { PASSWORD } from '../harness.js';
import { contextOf, everyone, linkToken, type Rows, signedIn, totpCode, totpSecrets } from './world.js';

export const identityRows: Rows = {
  'POST /api/auth/sign-in': {
    request: ({ w }) => ({ url: '/api/auth/sign-in', body: { email: w.visitor.email, password: PASSWORD } }),
    expect: everyone('allow'),
  },
  'POST /api/auth/email-code': {
    request: ({ w }) => ({ url: '/api/auth/email-code', body: { email: w.codeClient.email } }),
    expect: everyone('allow'),
  },
  'POST /api/auth/email-code/verify': {
    request: async ({ t, w }) => ({
      url: '/api/auth/email-code/verify',
      body: { token: await linkToken(t, w, w.codeClient, 'sign_in') },
    }),
    expect: everyone('allow'),
  },
  'POST /api/auth/password-reset': {
    request: ({ w }) => ({ url: '/api/auth/password-reset', body: { email: w.visitor.email } }),
    expect: everyone('allow'),
  },
  'POST /api/auth/password-reset/complete': {
    request: async ({ t, w }) => ({
      url: '/api/auth/password-reset/complete',
      body: { token: await linkToken(t, w, w.visitor, 'reset_password'), password: PASSWORD },
    }),
    expect: everyone('allow'),
  },
  'GET /api/auth/token/:token': {
    request: async ({ t, w }) => ({ url: `/api/auth/token/${await linkToken(t, w, w.visitor, 'set_password')}` }),
    expect: everyone('allow'),
  },
  // --- my account --------------------------------------------------------------------------------
  'GET /api/me': { request: () => ({ url: '/api/me' }), expect: signedIn },
  'PATCH /api/me': { request: () => ({ url: '/api/me', body: { locale: 'en' } }), expect: signedIn },
  'GET /api/me/sessions': { request: () => ({ url: '/api/me/sessions' }), expect: signedIn },
  // docs/API.md says "signed in"; personal API tokens are a staff feature (a token always resolves to
  // a staff context), so client users are refused.
  'GET /api/me/api-tokens': {
    request: () => ({ url: '/api/me/api-tokens' }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 'allow',
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      otherOfficeStaff: 'allow',
      anonymous: 401,
    },
  },
  'POST /api/me/api-tokens': {
    request: () => ({ url: '/api/me/api-tokens', body: { name: 'Matrix integration', expiresInDays: 1 } }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 'allow',
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      otherOfficeStaff: 'allow',
      anonymous: 401,
    },
  },
  'DELETE /api/me/api-tokens/:id': {
    request: async ({ session }) => {
      const created = await session.post('/api/me/api-tokens', { name: 'Matrix token to revoke' });
      return { url: `/api/me/api-tokens/${created.statusCode === 201 ? created.json().id : randomUUID()}` };
    },
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 'allow',
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 403,
      otherOfficeStaff: 'allow',
      anonymous: 401,
    },
  },
  // --- second factor: setup, enable, then disable again (in this order, before any fresh sign-in) --
  'POST /api/me/totp/setup': { request: () => ({ url: '/api/me/totp/setup' }), expect: signedIn },
  'POST /api/me/totp/enable': {
    request: async ({ session, actor }) => {
      const setup = await session.post('/api/me/totp/setup');
      if (setup.statusCode !== 200) return { url: '/api/me/totp/enable', body: { code: '000000' } };
      const { secret } = setup.json() as { secret: string };
      totpSecrets.set(actor, secret);
      return { url: '/api/me/totp/enable', body: { code: totpCode(secret, Date.now()) } };
    },
    expect: signedIn,
  },
  'POST /api/me/totp/disable': {
    // A code of the next time step: the step used to enable is never accepted twice.
    request: ({ actor }) => {
      const secret = totpSecrets.get(actor);
      return { url: '/api/me/totp/disable', body: { code: secret ? totpCode(secret, Date.now() + 30_000) : '000000' } };
    },
    expect: signedIn,
  },
  // --- routes that end the session they run on (or every other session of the person) -----------
  'POST /api/auth/sign-out': {
    request: () => ({ url: '/api/auth/sign-out' }),
    expect: everyone('allow'),
    ownSession: true,
  },
  'POST /api/me/context': {
    request: ({ w, actor }) => ({ url: '/api/me/context', body: contextOf(w, actor) }),
    expect: signedIn,
    ownSession: true,
  },
  'DELETE /api/me/sessions/:id': {
    request: async ({ session }) => {
      const list = await session.get('/api/me/sessions');
      const current =
        list.statusCode === 200
          ? (list.json().items as { id: string; current: boolean }[]).find((s) => s.current)?.id
          : undefined;
      return { url: `/api/me/sessions/${current ?? randomUUID()}` };
    },
    expect: signedIn,
    ownSession: true,
  },
  'POST /api/me/password': {
    request: () => ({ url: '/api/me/password', body: { currentPassword: PASSWORD, newPassword: PASSWORD } }),
    expect: signedIn,
    ownSession: true,
  },
};
