// The authorization matrix: every API route × every kind of actor, with the answer docs/API.md
// promises. Each case sends a valid request (so a 400 cannot hide the decision) and checks allow
// (2xx) or the exact denial: 401 signed out, 403 may see but not do, 404 may not know it exists.
// A route without an entry fails the first test, so no route ships without its rule.
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  attachments,
  authTokens,
  channels,
  companies,
  conversations,
  invitations,
  messages,
} from '../src/db/schema.js';
import { hashToken } from '../src/modules/identity/secrets.js';
import { smsapiCallbackToken } from '../src/modules/sms/sms.service.js';
import { twilioSignature } from '../src/modules/sms/twilio.provider.js';
import sharp from 'sharp';
import { startSmtp } from './smtp-server.js';
import {
  anonymous,
  createTestApp,
  multipart,
  openSession,
  PASSWORD,
  Session,
  type TestCompany,
  type TestOffice,
  type TestUser,
  uniqueNip,
} from './harness.js';

const ACTORS = [
  'owner',
  'admin',
  'assignedEmployee',
  'unassignedEmployee',
  'unassignedEmployeeRestricted',
  'fullClient',
  'limitedClient',
  'otherCompanyClient',
  'otherOfficeStaff',
  'otherOfficeEmployee',
  'otherOfficeClient',
  'anonymous',
] as const;
type ActorName = (typeof ACTORS)[number];
/** People of office B besides its owner: their answers follow from the others' unless an entry says otherwise. */
type SecondOfficeActor = 'otherOfficeEmployee' | 'otherOfficeClient';

/** 'allow' is any 2xx; a number is the exact status expected. */
type Expected = 'allow' | number;
type TestApp = Awaited<ReturnType<typeof createTestApp>>;
type Method = Parameters<Session['request']>[0];

type World = {
  officeA: TestOffice;
  officeB: TestOffice;
  admin: TestUser;
  assignedEmployee: TestUser;
  unassignedEmployee: TestUser;
  /** An employee of office A whose specialties the PATCH /api/staff cases rewrite. */
  staffTarget: TestUser;
  /** Staff of office A used by the public sign-in and password-link routes. */
  visitor: TestUser;
  X: TestCompany;
  Y: TestCompany;
  companyB: TestCompany;
  fullClient: TestUser;
  limitedClient: TestUser;
  /** A limited client user of X whose access the PATCH users cases set (to the same value). */
  clientTarget: TestUser;
  /** A client user of X used by the passwordless sign-in routes. */
  codeClient: TestUser;
  otherCompanyClient: TestUser;
  /** An employee of office B, and a full-access client user of office B's company. */
  otherOfficeEmployee: TestUser;
  otherOfficeClient: TestUser;
  /** An e-mail in office A's outbox. */
  outboxEmailId: string;
  /** An open conversation of X for all its full-access users, started by fullClient in Accounting. */
  conversation: { id: string; messageId: string };
  /** A PNG fullClient sent in that conversation. */
  attachmentId: string;
  /** A broadcast the owner sent to X. */
  broadcastId: string;
  /** A test SMS of office A, still pending (no worker runs here). */
  smsId: string;
  /** A portfolio import of office A still in draft (its settings may change; committing it queues it once). */
  importId: string;
  /** A portfolio import of office A the job has finished (it has a report). */
  doneImportId: string;
};

type Request = { url: string; body?: unknown; headers?: Record<string, string> };
type CaseContext = { t: TestApp; w: World; actor: ActorName; session: Session };
type Entry = {
  request: (ctx: CaseContext) => Request | Promise<Request>;
  expect: Record<Exclude<ActorName, SecondOfficeActor>, Expected> & Partial<Record<SecondOfficeActor, Expected>>;
  /** The route ends or replaces the session (or every other session of the person): run it on a sign-in of its own. */
  ownSession?: true;
  /** The code of this route's 403 when it is more precise than `forbidden` (e.g. only the other side may close). */
  forbiddenCode?: string;
};

/** A browser's PushSubscription.toJSON(): a fresh P-256 key and auth secret, at a public push service. */
const pushSubscription = () => {
  const ecdh = createECDH('prime256v1');
  return {
    endpoint: `https://push.example.com/send/${randomUUID()}`,
    keys: { p256dh: ecdh.generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
};

const tinyPng = () =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: '#2a6' } })
    .png()
    .toBuffer();

const everyone = (expected: Expected) =>
  Object.fromEntries(ACTORS.map((a) => [a, expected])) as Record<ActorName, Expected>;
const signedIn = { ...everyone('allow'), anonymous: 401 };
/** The same answer for every staff actor (of office A, and office B's own staff). */
const staffAnswers = (expected: Expected) => ({
  owner: expected,
  admin: expected,
  assignedEmployee: expected,
  unassignedEmployee: expected,
  unassignedEmployeeRestricted: expected,
  otherOfficeStaff: expected,
});

let emailSeed = 0;
const freshEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${emailSeed++}@example.test`;

/** The TOTP secret each actor got from /me/totp/enable, so /me/totp/disable can answer with a newer code. */
const totpSecrets = new Map<ActorName, string>();
const totpCode = (secret: string, timestamp: number) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp });

/** Where the actor works: the body of POST /me/context that keeps them where they are. */
function contextOf(w: World, actor: ActorName) {
  switch (actor) {
    case 'fullClient':
    case 'limitedClient':
      return { officeId: w.officeA.id, companyId: w.X.id };
    case 'otherCompanyClient':
      return { officeId: w.officeA.id, companyId: w.Y.id };
    case 'otherOfficeStaff':
    case 'otherOfficeEmployee':
      return { officeId: w.officeB.id, companyId: null };
    case 'otherOfficeClient':
      return { officeId: w.officeB.id, companyId: w.companyB.id };
    default:
      return { officeId: w.officeA.id, companyId: null };
  }
}

/** A single-use link token inserted the way the e-mail flows create them. */
async function linkToken(t: TestApp, w: World, user: TestUser, purpose: 'sign_in' | 'reset_password' | 'set_password') {
  const token = `matrix-${randomUUID()}-${randomUUID()}`;
  await t.db.inTenant({ officeId: w.officeA.id }, (tx) =>
    tx.insert(authTokens).values({
      id: randomUUID(),
      tokenHash: hashToken(token),
      userId: user.id,
      officeId: w.officeA.id,
      purpose,
      expiresAt: new Date(Date.now() + 3_600_000),
    }),
  );
  return token;
}

/** A conversation of X started (and, if asked, closed) by fullClient, with one message of theirs. */
async function clientConversation(t: TestApp, w: World, status: 'open' | 'closed' = 'open') {
  const id = randomUUID();
  const messageId = randomUUID();
  const officeId = w.officeA.id;
  await t.db.inTenant({ officeId }, async (tx) => {
    const [accounting] = await tx
      .select()
      .from(channels)
      .where(and(eq(channels.officeId, officeId), eq(channels.key, 'accounting')));
    const closed = status === 'closed';
    await tx.insert(conversations).values({
      id,
      officeId,
      companyId: w.X.id,
      channelId: accounting!.id,
      subject: 'Matrix',
      startedBySide: 'client',
      startedBy: w.fullClient.id,
      clientId: randomUUID(),
      visibility: 'company',
      status,
      closedAt: closed ? new Date() : null,
      closedBy: closed ? w.fullClient.id : null,
      closedBySide: closed ? 'client' : null,
      lastMessageSeq: 1,
      lastMessageSide: 'client',
    });
    await tx.insert(messages).values({
      id: messageId,
      officeId,
      conversationId: id,
      seq: 1,
      clientId: randomUUID(),
      authorId: w.fullClient.id,
      authorSide: 'client',
      body: 'Matrix',
    });
  });
  return { id, messageId };
}

/** An invitation of office A to company X, sent an hour ago (so it may be sent again), whose link token is known. */
/**
 * A company of its own for each accepted invitation, so that accepting changes no actor's standing in X or Y; named to
 * sort last, so that a later sign-in still lands in the actor's own company.
 */
async function acceptTarget(t: TestApp, w: World): Promise<string> {
  return (await t.factories.company(w.officeA, { name: `ZZZ Matrix acceptance ${randomUUID()}` })).id;
}

async function freshInvitation(t: TestApp, w: World, email = freshEmail('invitee'), companyId = w.X.id) {
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  const hourAgo = new Date(Date.now() - 3600_000);
  await t.db.inTenant({ officeId: w.officeA.id }, (tx) =>
    tx.insert(invitations).values({
      id,
      officeId: w.officeA.id,
      companyId,
      email,
      name: 'Matrix Invitee',
      access: 'limited',
      locale: 'en',
      tokenHash: hashToken(token),
      invitedBy: w.officeA.owner.id,
      expiresAt: new Date(Date.now() + 86_400_000),
      lastSentAt: hourAgo,
    }),
  );
  return { id, token };
}

/** An open invitation to office A's staff, sent an hour ago (so a resend is not "too soon"). */
async function freshStaffInvitation(t: TestApp, w: World): Promise<string> {
  const id = randomUUID();
  await t.db.inTenant({ officeId: w.officeA.id }, (tx) =>
    tx.insert(invitations).values({
      id,
      officeId: w.officeA.id,
      companyId: null,
      email: freshEmail('staff-invitee'),
      name: 'Matrix Colleague',
      role: 'employee',
      specialties: ['payroll'],
      locale: 'en',
      tokenHash: hashToken(randomBytes(32).toString('base64url')),
      invitedBy: w.officeA.owner.id,
      expiresAt: new Date(Date.now() + 86_400_000),
      lastSentAt: new Date(Date.now() - 3600_000),
    }),
  );
  return id;
}

async function accountingChannel(t: TestApp, w: World): Promise<string> {
  const [row] = await t.db.inTenant({ officeId: w.officeA.id }, (tx) =>
    tx
      .select()
      .from(channels)
      .where(and(eq(channels.officeId, w.officeA.id), eq(channels.key, 'accounting'))),
  );
  return row!.id;
}

/** Who may read a conversation of X open to its full-access users. */
const readsX = {
  owner: 'allow',
  admin: 'allow',
  assignedEmployee: 'allow',
  unassignedEmployee: 'allow',
  unassignedEmployeeRestricted: 404,
  fullClient: 'allow',
  limitedClient: 404,
  otherCompanyClient: 404,
  otherOfficeStaff: 404,
  anonymous: 401,
} as const satisfies Entry['expect'];

/** Only the client side started it: the office side may see it, but not close or reopen it. */
const clientSideOnly = {
  ...readsX,
  owner: 403,
  admin: 403,
  assignedEmployee: 403,
  unassignedEmployee: 403,
} as const satisfies Entry['expect'];

/** Office-level settings only the office's owner and admins manage (office B's owner, their own office's). */
const officeAdmins = {
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
} as const satisfies Entry['expect'];

/** A one-company CSV for the import routes. */
const importFile = (w: World) =>
  multipart('clients.csv', Buffer.from(`Company;NIP\nMatrix ${w.X.name};${uniqueNip()}\n`), 'text/csv');
const importSettings = {
  mapping: { name: 0, taxId: 1, country: null, email: null, phone: null, representative: null, access: null },
  defaultCountry: 'PL',
  invite: false,
};

/** A real SMTP server the test-message route sends to. */
let matrixSmtp: Awaited<ReturnType<typeof startSmtp>> | undefined;

// Rows are ordered so that routes which end sessions or change second factors come last.
const matrix: Record<string, Entry> = {
  // --- public ----------------------------------------------------------------------------------
  'GET /api/health': { request: () => ({ url: '/api/health' }), expect: everyone('allow') },
  'GET /api/setup': { request: () => ({ url: '/api/setup' }), expect: everyone('allow') },
  'POST /api/setup': {
    request: () => ({
      url: '/api/setup',
      body: {
        officeName: 'Second office',
        country: 'PL',
        locale: 'en',
        ownerName: 'Second Owner',
        email: freshEmail('setup'),
        password: PASSWORD,
      },
    }),
    // "only while no office exists": every actor is answered the same 409.
    expect: everyone(409),
  },
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

  // --- office and staff --------------------------------------------------------------------------
  'GET /api/office': {
    request: () => ({ url: '/api/office' }),
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
  'PATCH /api/office': {
    // Never restrictEmployees: the restricted actors depend on it.
    request: () => ({ url: '/api/office', body: { defaultLocale: 'en' } }),
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
  'GET /api/staff': {
    request: () => ({ url: '/api/staff' }),
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
  'POST /api/staff': {
    request: () => ({
      url: '/api/staff',
      body: { name: 'New Colleague', email: freshEmail('staff'), role: 'employee', specialties: ['payroll'] },
    }),
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
  'GET /api/staff/invitations': {
    request: () => ({ url: '/api/staff/invitations' }),
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
  'POST /api/staff/invitations/:id/resend': {
    request: async ({ t, w }) => ({ url: `/api/staff/invitations/${await freshStaffInvitation(t, w)}/resend` }),
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
      otherOfficeEmployee: 403,
      anonymous: 401,
    },
  },
  'POST /api/staff/invitations/:id/revoke': {
    request: async ({ t, w }) => ({ url: `/api/staff/invitations/${await freshStaffInvitation(t, w)}/revoke` }),
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
      otherOfficeEmployee: 403,
      anonymous: 401,
    },
  },
  'PATCH /api/staff/:userId': {
    request: ({ w }) => ({ url: `/api/staff/${w.staffTarget.id}`, body: { specialties: ['accounting', 'payroll'] } }),
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

  // --- companies (ids target company X of office A) ---------------------------------------------
  'GET /api/companies': {
    request: () => ({ url: '/api/companies' }),
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
  'POST /api/companies': {
    request: () => ({ url: '/api/companies', body: { name: 'Matrix Sp. z o.o.', country: 'PL', taxId: uniqueNip() } }),
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
  'GET /api/companies/:id': {
    request: ({ w }) => ({ url: `/api/companies/${w.X.id}` }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 'allow',
      limitedClient: 'allow',
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'PATCH /api/companies/:id': {
    // Contact data only, which full-access client users may change too.
    request: ({ w }) => ({
      url: `/api/companies/${w.X.id}`,
      body: { emails: [{ label: 'Office', email: 'biuro@example.com' }] },
    }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 'allow',
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'POST /api/companies/:id/status': {
    // X stays active (a no-op for those allowed), so its client users keep their sessions.
    request: ({ w }) => ({ url: `/api/companies/${w.X.id}/status`, body: { status: 'active', reason: 'matrix' } }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 403,
      unassignedEmployee: 403,
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'POST /api/companies/:id/registry-check': {
    // No registry answers here (a closed local port): those the policy lets through hear it is unreachable.
    request: ({ w }) => ({ url: `/api/companies/${w.X.id}/registry-check`, body: {} }),
    expect: {
      owner: 503,
      admin: 503,
      assignedEmployee: 503,
      unassignedEmployee: 503,
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'GET /api/companies/:id/status-history': {
    request: ({ w }) => ({ url: `/api/companies/${w.X.id}/status-history` }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'GET /api/companies/:id/users': {
    request: ({ w }) => ({ url: `/api/companies/${w.X.id}/users` }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 'allow',
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'POST /api/companies/:id/users': {
    request: ({ w }) => ({
      url: `/api/companies/${w.X.id}/users`,
      body: { name: 'New Client', email: freshEmail('client'), access: 'limited' },
    }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'PATCH /api/companies/:id/users/:userId': {
    request: ({ w }) => ({ url: `/api/companies/${w.X.id}/users/${w.clientTarget.id}`, body: { access: 'limited' } }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'DELETE /api/companies/:id/users/:userId': {
    request: async ({ t, w }) => {
      const victim = await t.factories.clientUser(w.X, { access: 'limited' });
      return { url: `/api/companies/${w.X.id}/users/${victim.id}` };
    },
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'GET /api/companies/:id/assignments': {
    request: ({ w }) => ({ url: `/api/companies/${w.X.id}/assignments` }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 'allow',
      unassignedEmployee: 'allow',
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },
  'PUT /api/companies/:id/assignments': {
    // The same assignment X already has, so the assigned employee stays assigned.
    request: ({ w }) => ({
      url: `/api/companies/${w.X.id}/assignments`,
      body: { items: [{ userId: w.assignedEmployee.id, specialty: 'accounting' }] },
    }),
    expect: {
      owner: 'allow',
      admin: 'allow',
      assignedEmployee: 403,
      unassignedEmployee: 403,
      unassignedEmployeeRestricted: 404,
      fullClient: 403,
      limitedClient: 403,
      otherCompanyClient: 404,
      otherOfficeStaff: 404,
      anonymous: 401,
    },
  },

  // --- audit and outbox ---------------------------------------------------------------------------
  'GET /api/audit': {
    request: () => ({ url: '/api/audit' }),
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
  'GET /api/outbox': {
    request: () => ({ url: '/api/outbox' }),
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
  'GET /api/inbound-emails': {
    request: () => ({ url: '/api/inbound-emails' }),
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
  'GET /api/outbox/:id': {
    request: ({ w }) => ({ url: `/api/outbox/${w.outboxEmailId}` }),
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

  'POST /api/outbox/:id/retry': {
    // Without SMTP the e-mail is stored, not failed: the admins pass the policy and hear why it cannot be sent again.
    request: ({ w }) => ({ url: `/api/outbox/${w.outboxEmailId}/retry` }),
    expect: {
      owner: 409,
      admin: 409,
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

  // --- SMS: office admins; the providers' delivery reports are public, and signed -------------------
  'GET /api/sms/settings': {
    request: () => ({ url: '/api/sms/settings' }),
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
  'PUT /api/sms/settings': {
    // Each office keeps its provider: office A SMSAPI, office B (the other office's staff) Twilio.
    request: ({ actor }) => ({
      url: '/api/sms/settings',
      body: smsSettingsOf(actor === 'otherOfficeStaff' ? 'twilio' : 'smsapi'),
    }),
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
  'POST /api/sms/messages/:id/retry': {
    // A pending SMS: the admins pass the policy and hear that only a failed one can be sent again.
    request: ({ w }) => ({ url: `/api/sms/messages/${w.smsId}/retry` }),
    expect: {
      owner: 409,
      admin: 409,
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
  'POST /api/sms/test': {
    // A new number each time: the per-number hourly limit must not decide the answer.
    request: () => ({ url: '/api/sms/test', body: { to: `+48 600 ${String(smsSeed++).padStart(6, '0')}` } }),
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
  'GET /api/sms/messages': {
    request: () => ({ url: '/api/sms/messages?status=pending' }),
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
  'POST /api/sms/status/twilio/:officeId': {
    // Anyone may deliver a report that Twilio signed with office B's Auth Token (no session is read).
    request: ({ w }) => {
      const url = `/api/sms/status/twilio/${w.officeB.id}`;
      const params = { MessageSid: 'SMmatrix', MessageStatus: 'delivered', AccountSid: MATRIX_TWILIO_SID };
      const signature = twilioSignature(MATRIX_SMS_TOKEN, `http://localhost:3000${url}`, params);
      return {
        url,
        body: new URLSearchParams(params).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      };
    },
    expect: everyone('allow'),
  },
  'GET /api/sms/status/smsapi/:officeId/:token': {
    request: ({ w }) => ({
      url: `/api/sms/status/smsapi/${w.officeA.id}/${smsapiCallbackToken(MATRIX_SMS_TOKEN, w.officeA.id)}?MsgId=matrix&status_name=DELIVERED`,
    }),
    expect: everyone('allow'),
  },

  // --- the office's own SMTP sender (office admins; office B's owner manages office B's) ------------
  'GET /api/office/mail-settings': { request: () => ({ url: '/api/office/mail-settings' }), expect: officeAdmins },
  'PUT /api/office/mail-settings': {
    request: () => ({
      url: '/api/office/mail-settings',
      body: {
        host: 'smtp.example.com',
        port: 587,
        security: 'starttls',
        username: 'matrix',
        password: 'matrix-pass',
        fromAddress: 'biuro@example.com',
      },
    }),
    expect: officeAdmins,
  },
  'DELETE /api/office/mail-settings': { request: () => ({ url: '/api/office/mail-settings' }), expect: officeAdmins },
  'POST /api/office/mail-settings/test': {
    // The form's values, pointing at a real SMTP server started for the matrix: those allowed get the message sent.
    request: () => ({
      url: '/api/office/mail-settings/test',
      body: {
        to: 'matrix@example.test',
        settings: {
          host: '127.0.0.1',
          port: matrixSmtp!.port,
          security: 'none',
          username: 'bureau',
          password: 's3cret',
          fromAddress: 'biuro@example.com',
        },
      },
    }),
    expect: officeAdmins,
  },

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
  'GET /api/registry/lookup': {
    // No registry answers here (its address is a closed local port): staff pass the policy and hear it is unreachable.
    request: () => ({ url: '/api/registry/lookup?country=PL&taxId=5260250274' }),
    expect: { ...staffAnswers(503), fullClient: 403, limitedClient: 403, otherCompanyClient: 403, anonymous: 401 },
  },
  // --- onboarding: invitations and the portfolio -------------------------------------------------
  'GET /api/invitations': {
    request: ({ w }) => ({ url: `/api/invitations?companyId=${w.X.id}` }),
    expect: {
      ...staffAnswers('allow'),
      unassignedEmployeeRestricted: 404,
      otherOfficeStaff: 404,
      fullClient: 'allow',
      limitedClient: 403,
      otherCompanyClient: 404,
      anonymous: 401,
    },
  },
  'POST /api/invitations': {
    request: ({ w }) => ({
      url: '/api/invitations',
      body: { companyId: w.X.id, name: 'Matrix Invitee', email: freshEmail('invitee'), access: 'limited' },
    }),
    expect: {
      ...staffAnswers('allow'),
      unassignedEmployeeRestricted: 404,
      otherOfficeStaff: 404,
      fullClient: 'allow',
      limitedClient: 403,
      otherCompanyClient: 404,
      anonymous: 401,
    },
  },
  'POST /api/invitations/:id/resend': {
    request: async ({ t, w }) => ({ url: `/api/invitations/${(await freshInvitation(t, w)).id}/resend` }),
    expect: {
      ...staffAnswers('allow'),
      unassignedEmployeeRestricted: 404,
      otherOfficeStaff: 404,
      fullClient: 'allow',
      limitedClient: 403,
      otherCompanyClient: 404,
      anonymous: 401,
    },
  },
  'POST /api/invitations/:id/revoke': {
    request: async ({ t, w }) => ({ url: `/api/invitations/${(await freshInvitation(t, w)).id}/revoke` }),
    expect: {
      ...staffAnswers('allow'),
      unassignedEmployeeRestricted: 404,
      otherOfficeStaff: 404,
      fullClient: 'allow',
      limitedClient: 403,
      otherCompanyClient: 404,
      anonymous: 401,
    },
  },
  // The link is the credential: whoever holds it (signed in or not) may look and accept.
  'GET /api/invitation-links/:token': {
    request: async ({ t, w }) => ({ url: `/api/invitation-links/${(await freshInvitation(t, w)).token}` }),
    expect: everyone('allow'),
  },
  'POST /api/invitation-links/:token/accept': {
    request: async ({ t, w }) => ({
      url: `/api/invitation-links/${(await freshInvitation(t, w)).token}/accept`,
      body: { name: 'Matrix Invitee', password: PASSWORD },
    }),
    expect: everyone('allow'),
    ownSession: true,
  },
  // The link followed by someone signed in as the person it is for, in whatever office they work: the link decides.
  'POST /api/me/invitation-links/:token/accept': {
    request: async ({ t, w, session }) => {
      const me = await session.get('/api/me');
      const email =
        me.statusCode === 200 ? (me.json() as { user: { email: string } }).user.email : freshEmail('nobody');
      return {
        url: `/api/me/invitation-links/${(await freshInvitation(t, w, email, await acceptTarget(t, w))).token}/accept`,
      };
    },
    expect: signedIn,
    ownSession: true,
  },
  'GET /api/me/invitations': { request: () => ({ url: '/api/me/invitations' }), expect: signedIn },
  // Addressed to the actor's own e-mail: accepted in their office; office B's session cannot reach office A's invitation.
  'POST /api/me/invitations/:id/accept': {
    request: async ({ t, w, session }) => {
      const me = await session.get('/api/me');
      const email =
        me.statusCode === 200 ? (me.json() as { user: { email: string } }).user.email : freshEmail('nobody');
      return { url: `/api/me/invitations/${(await freshInvitation(t, w, email, await acceptTarget(t, w))).id}/accept` };
    },
    expect: { ...signedIn, otherOfficeStaff: 404, otherOfficeEmployee: 404, otherOfficeClient: 404 },
  },
  'GET /api/portfolio': {
    request: () => ({ url: '/api/portfolio' }),
    expect: { ...staffAnswers('allow'), fullClient: 403, limitedClient: 403, otherCompanyClient: 403, anonymous: 401 },
  },
  'GET /api/companies/tags': {
    request: () => ({ url: '/api/companies/tags' }),
    expect: { ...staffAnswers('allow'), fullClient: 403, limitedClient: 403, otherCompanyClient: 403, anonymous: 401 },
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

  // --- portfolio import: office owners and admins (office B's owner imports into office B) ----------
  'POST /api/imports': {
    request: ({ w }) => {
      const { body, type } = importFile(w);
      return { url: '/api/imports', body, headers: { 'content-type': type } };
    },
    expect: officeAdmins,
  },
  'GET /api/imports': { request: () => ({ url: '/api/imports' }), expect: officeAdmins },
  'GET /api/imports/:id': {
    request: ({ w }) => ({ url: `/api/imports/${w.importId}` }),
    expect: { ...officeAdmins, otherOfficeStaff: 404, otherOfficeEmployee: 403 },
  },
  // Before the commit below: a file is read again only while a draft.
  'PUT /api/imports/:id/reading': {
    request: ({ w }) => ({ url: `/api/imports/${w.importId}/reading`, body: {} }),
    expect: { ...officeAdmins, otherOfficeStaff: 404, otherOfficeEmployee: 403 },
  },
  'PUT /api/imports/:id': {
    request: ({ w }) => ({ url: `/api/imports/${w.importId}`, body: importSettings }),
    expect: { ...officeAdmins, otherOfficeStaff: 404, otherOfficeEmployee: 403 },
  },
  // After PUT (rows run in order): the first commit queues the import, a later one answers it as it stands.
  'POST /api/imports/:id/commit': {
    request: ({ w }) => ({ url: `/api/imports/${w.importId}/commit` }),
    expect: { ...officeAdmins, otherOfficeStaff: 404, otherOfficeEmployee: 403 },
  },
  'GET /api/imports/:id/report': {
    request: ({ w }) => ({ url: `/api/imports/${w.doneImportId}/report?format=csv` }),
    expect: { ...officeAdmins, otherOfficeStaff: 404, otherOfficeEmployee: 403 },
  },

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

  // --- second factor: setup, enable, then disable again (in this order, before any fresh sign-in) --
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
  'POST /api/attachments': {
    // Staff name company X; a client user always uploads for their session's company (Y for otherCompanyClient).
    request: async ({ w }) => {
      const { body, type } = multipart('receipt.png', await tinyPng(), 'image/png');
      return { url: `/api/attachments?companyId=${w.X.id}`, body, headers: { 'content-type': type } };
    },
    expect: { ...readsX, limitedClient: 'allow', otherCompanyClient: 'allow' },
  },
  'GET /api/attachments/:id': { request: ({ w }) => ({ url: `/api/attachments/${w.attachmentId}` }), expect: readsX },
  'GET /api/attachments/:id/thumbnail': {
    request: ({ w }) => ({ url: `/api/attachments/${w.attachmentId}/thumbnail` }),
    expect: readsX,
  },
  'DELETE /api/attachments/:id': {
    // An upload fullClient has not sent yet: only fullClient may give it back; to everyone else it does not exist.
    request: async ({ t, w }) => {
      const id = randomUUID();
      await t.db.inTenant({ officeId: w.officeA.id }, (tx) =>
        tx.insert(attachments).values({
          id,
          officeId: w.officeA.id,
          companyId: w.X.id,
          uploadedBy: w.fullClient.id,
          name: 'a.pdf',
          mime: 'application/pdf',
          size: 1,
          sha256: '0'.repeat(64),
        }),
      );
      return { url: `/api/attachments/${id}` };
    },
    expect: { ...everyone(404), fullClient: 'allow', anonymous: 401 },
  },
  'GET /api/attachments/:id/preview': {
    request: ({ w }) => ({ url: `/api/attachments/${w.attachmentId}/preview` }),
    expect: readsX,
  },
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
    request: ({ w }) => ({ url: `/api/messages/${w.conversation.messageId}/revisions` }),
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

const MATRIX_SMS_TOKEN = 'matrix-sms-token';
const MATRIX_TWILIO_SID = `AC${'0'.repeat(32)}`;
let smsSeed = 100;
/** Valid SMS settings (the provider's API is never called: no worker runs in this file). */
function smsSettingsOf(provider: 'smsapi' | 'twilio') {
  return {
    provider,
    ...(provider === 'twilio' && { accountId: MATRIX_TWILIO_SID }),
    token: MATRIX_SMS_TOKEN,
    senderName: 'Matrix',
    dailyCap: 1000,
    perNumberHourly: 5,
    enabled: true,
  };
}

const ERROR_CODE: Record<number, string> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' };

const describeExpected = (expected: Expected) =>
  expected === 'allow'
    ? 'allowed'
    : expected === 401
      ? 'refused as signed out (401)'
      : expected === 403
        ? 'forbidden (403)'
        : expected === 404
          ? 'told it does not exist (404)'
          : `answered ${expected}`;

/**
 * The answer for an actor. Office B's employee and client, unless the entry names them, answer like office B's owner when
 * that is a denial (office A's objects are as unknown to them), and like office A's unassigned employee or other client
 * when office B's owner is let in (an action in their own office, which their role decides).
 */
function expectedFor(entry: Entry, actor: ActorName): Expected {
  if (actor === 'otherOfficeEmployee')
    return (
      entry.expect.otherOfficeEmployee ??
      (entry.expect.otherOfficeStaff === 'allow' ? entry.expect.unassignedEmployee : entry.expect.otherOfficeStaff)
    );
  if (actor === 'otherOfficeClient') return entry.expect.otherOfficeClient ?? entry.expect.otherCompanyClient;
  return entry.expect[actor];
}

const casesFor = (actors: readonly ActorName[]) =>
  Object.entries(matrix).flatMap(([route, entry]) =>
    actors.map((actor) => [route, actor, describeExpected(expectedFor(entry, actor))] as [string, ActorName, string]),
  );

const personOf = (w: World, actor: Exclude<ActorName, 'anonymous'>): TestUser =>
  ({
    owner: w.officeA.owner,
    admin: w.admin,
    assignedEmployee: w.assignedEmployee,
    unassignedEmployee: w.unassignedEmployee,
    unassignedEmployeeRestricted: w.unassignedEmployee,
    fullClient: w.fullClient,
    limitedClient: w.limitedClient,
    otherCompanyClient: w.otherCompanyClient,
    otherOfficeStaff: w.officeB.owner,
    otherOfficeEmployee: w.otherOfficeEmployee,
    otherOfficeClient: w.otherOfficeClient,
  })[actor];

/** One signed-in browser per actor, reused across cases; signed in again after a case ended it. */
class Sessions {
  private readonly cache = new Map<ActorName, Session>();
  constructor(
    private readonly t: TestApp,
    private readonly w: World,
  ) {}

  async of(actor: ActorName): Promise<Session> {
    if (actor === 'anonymous') return anonymous(this.t.app);
    let session = this.cache.get(actor);
    if (!session) {
      session = await this.signIn(actor);
      this.cache.set(actor, session);
    }
    return session;
  }

  /**
   * A session of the actor where they work (cases may have made them a client of other companies too), opened the
   * way sign-in opens one: the matrix is about what a session may do, and ~100 sign-ins over HTTP cost an argon2
   * verify each. The sign-in routes themselves are rows of the matrix; /api/me proves the session works as the actor.
   */
  private async signIn(actor: Exclude<ActorName, 'anonymous'>): Promise<Session> {
    const context = contextOf(this.w, actor);
    const session = await openSession(this.t, personOf(this.w, actor), context);
    const res = await session.get('/api/me');
    const me = res.json() as { office?: { id: string }; company?: { id: string } | null };
    if (
      res.statusCode !== 200 ||
      me.office?.id !== context.officeId ||
      (me.company?.id ?? null) !== context.companyId
    ) {
      throw new Error(`${actor} cannot work in ${JSON.stringify(context)}: ${res.statusCode} ${res.body}`);
    }
    return session;
  }

  /** A copy that shares the session but keeps whatever cookie a case receives to itself. */
  async copy(actor: ActorName): Promise<Session> {
    const session = await this.of(actor);
    return new Session(this.t.app, session.cookie, session.csrfToken);
  }

  async fresh(actor: ActorName): Promise<Session> {
    return actor === 'anonymous' ? anonymous(this.t.app) : this.signIn(actor);
  }

  /** Drops every cached session of the person behind `actor` (another actor may be the same person). */
  forget(actor: ActorName) {
    if (actor === 'anonymous') return;
    const person = personOf(this.w, actor).id;
    for (const name of [...this.cache.keys()])
      if (name !== 'anonymous' && personOf(this.w, name).id === person) this.cache.delete(name);
  }
}

describe('authorization matrix', () => {
  let t: TestApp;
  let w: World;
  let sessions: Sessions;

  beforeAll(async () => {
    // The office SMTP test reaches the matrix's server on loopback.
    t = await createTestApp({ OUTBOUND_ALLOW_PRIVATE: 'true' });
    matrixSmtp = await startSmtp({ security: 'none' });
    const f = t.factories;
    const officeA = await f.office();
    const officeB = await f.office();
    const [admin, assignedEmployee, unassignedEmployee, staffTarget, visitor] = [
      await f.staff(officeA, { role: 'admin' }),
      await f.staff(officeA),
      await f.staff(officeA),
      await f.staff(officeA),
      await f.staff(officeA),
    ];
    const X = await f.company(officeA);
    await f.assign(X, assignedEmployee);
    const Y = await f.company(officeA);
    const companyB = await f.company(officeB);
    w = {
      officeA,
      officeB,
      admin,
      assignedEmployee,
      unassignedEmployee,
      staffTarget,
      visitor,
      X,
      Y,
      companyB,
      fullClient: await f.clientUser(X, { access: 'full' }),
      limitedClient: await f.clientUser(X, { access: 'limited' }),
      clientTarget: await f.clientUser(X, { access: 'limited' }),
      codeClient: await f.clientUser(X, { access: 'full' }),
      otherCompanyClient: await f.clientUser(Y, { access: 'full' }),
      otherOfficeEmployee: await f.staff(officeB),
      otherOfficeClient: await f.clientUser(companyB, { access: 'full' }),
      outboxEmailId: '',
      broadcastId: '',
      smsId: '',
      importId: '',
      doneImportId: '',
      conversation: { id: '', messageId: '' },
      attachmentId: '',
    };
    w.conversation = await clientConversation(t, w);
    sessions = new Sessions(t, w);
    const client = await sessions.of('fullClient');
    w.attachmentId = (await client.upload('/api/attachments', 'scan.png', await tinyPng(), 'image/png')).json().id;
    expect(
      (
        await client.post(`/api/conversations/${w.conversation.id}/messages`, {
          clientId: randomUUID(),
          body: '',
          attachmentIds: [w.attachmentId],
        })
      ).statusCode,
    ).toBe(201);
    // Inviting a colleague queues an invitation e-mail: office A's outbox now has one.
    const owner = await sessions.of('owner');
    expect(
      (
        await owner.post('/api/staff', {
          name: 'Outbox Colleague',
          email: freshEmail('outbox'),
          role: 'employee',
          specialties: [],
        })
      ).statusCode,
    ).toBe(201);
    w.outboxEmailId = (await owner.get('/api/outbox')).json().items[0].id;
    const broadcast = await owner.post('/api/broadcasts', {
      id: randomUUID(),
      subject: 'Matrix',
      body: 'Hello',
      mode: 'announcement',
      selection: { kind: 'companies', companyIds: [w.X.id] },
    });
    expect(broadcast.statusCode, broadcast.body).toBe(201);
    w.broadcastId = broadcast.json().id;
    // Both offices have an SMS provider, so the SMS routes answer on their merits.
    expect((await owner.put('/api/sms/settings', smsSettingsOf('smsapi'))).statusCode).toBe(200);
    w.smsId = (await owner.post('/api/sms/test', { to: '+48 600 999 001' })).json().id;
    expect(
      (await (await sessions.of('otherOfficeStaff')).put('/api/sms/settings', smsSettingsOf('twilio'))).statusCode,
    ).toBe(200);
    const uploadImport = async () => {
      const { body, type } = importFile(w);
      const res = await owner.request('POST', '/api/imports', body, { 'content-type': type });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    w.importId = await uploadImport();
    w.doneImportId = await uploadImport();
    expect((await owner.post(`/api/imports/${w.doneImportId}/commit`)).statusCode).toBe(202);
    await t.app.services.imports.run({ officeId: w.officeA.id, importId: w.doneImportId });
  });
  afterAll(async () => {
    await t?.close();
    await matrixSmtp?.close();
  });

  /** Sends the route's request as the actor and checks the answer against the matrix. */
  async function check(route: string, actor: ActorName) {
    const entry = matrix[route]!;
    const [method, url] = route.split(' ') as [Method, string];
    const session = entry.ownSession ? await sessions.fresh(actor) : await sessions.copy(actor);
    const request = await entry.request({ t, w, actor, session });
    expect(request.url.split('?')[0]!.split('/').length, `${request.url} does not match ${url}`).toBe(
      url.split('/').length,
    );
    const res = await session.request(
      method,
      request.url,
      request.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}),
      request.headers,
    );
    if (entry.ownSession) sessions.forget(actor);
    const expected = expectedFor(entry, actor);
    if (expected === 'allow') {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, res.body).toBeLessThan(300);
    } else {
      expect(res.statusCode, res.body).toBe(expected);
      // A 403 from a missing CSRF header or a 404 from an unknown URL would prove nothing.
      const code = expected === 403 && entry.forbiddenCode ? entry.forbiddenCode : ERROR_CODE[expected];
      if (code) expect(res.json().error.code).toBe(code);
    }
  }

  async function setRestrictEmployees(on: boolean) {
    const owner = await sessions.of('owner');
    const res = await owner.patch('/api/office', { restrictEmployees: on });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().restrictEmployees).toBe(on);
  }

  it('has a matrix entry for every API route, and none for routes that do not exist', () => {
    const routes = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`);
    expect(new Set(routes).size).toBe(routes.length);
    expect(Object.keys(matrix).filter((key) => !routes.includes(key))).toEqual([]);
    expect(routes.filter((route) => !(route in matrix))).toEqual([]);
  });

  it('gives public routes (and only them) an answer for signed-out visitors', () => {
    for (const { method, url, public: isPublic } of t.app.apiRoutes) {
      const anonymousAnswer = matrix[`${method} ${url}`]?.expect.anonymous;
      expect(anonymousAnswer === 401, `${method} ${url}`).toBe(!isPublic);
    }
  });

  describe('with restrictEmployees off', () => {
    it.each(casesFor(ACTORS.filter((a) => a !== 'unassignedEmployeeRestricted')))('%s: %s is %s', check);
  });

  describe('with restrictEmployees on', () => {
    beforeAll(() => setRestrictEmployees(true));
    afterAll(() => setRestrictEmployees(false));
    it.each(casesFor(['unassignedEmployeeRestricted']))('%s: %s is %s', check);
  });

  describe('company lists', () => {
    const listIds = async (actor: ActorName) => {
      const res = await (await sessions.copy(actor)).get('/api/companies?pageSize=100');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { id: string }[]; total: number };
      expect(body.total).toBe(body.items.length);
      return body.items.map((c) => c.id).sort();
    };
    const officeCompanyIds = async (officeId: string) =>
      (await t.db.inTenant({ officeId }, (tx) => tx.select({ id: companies.id }).from(companies)))
        .map((c) => c.id)
        .sort();

    it('shows an employee every company of the office while employees are not restricted', async () => {
      const all = await officeCompanyIds(w.officeA.id);
      expect(all).toEqual(expect.arrayContaining([w.X.id, w.Y.id]));
      expect(await listIds('unassignedEmployee')).toEqual(all);
      expect(await listIds('assignedEmployee')).toEqual(all);
    });

    it('shows a restricted employee only the companies assigned to them, and hides the others by id', async () => {
      await setRestrictEmployees(true);
      try {
        expect(await listIds('unassignedEmployee')).toEqual([]);
        expect(await listIds('assignedEmployee')).toEqual([w.X.id]);
        const res = await (await sessions.copy('unassignedEmployee')).get(`/api/companies/${w.X.id}`);
        expect(res.statusCode).toBe(404);
        expect(await listIds('admin')).toEqual(await officeCompanyIds(w.officeA.id));
      } finally {
        await setRestrictEmployees(false);
      }
    });

    it('refuses the company list to client users', async () => {
      for (const actor of ['fullClient', 'limitedClient', 'otherCompanyClient'] as const) {
        const res = await (await sessions.copy(actor)).get('/api/companies');
        expect(res.statusCode, actor).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
      }
    });

    it('never lists or searches office A companies for staff of another office', async () => {
      const ids = await listIds('otherOfficeStaff');
      expect(ids).toContain(w.companyB.id);
      const officeA = await officeCompanyIds(w.officeA.id);
      expect(ids.filter((id) => officeA.includes(id))).toEqual([]);
      const search = await (
        await sessions.copy('otherOfficeStaff')
      ).get(`/api/companies?search=${encodeURIComponent(w.X.name.slice(0, 12))}`);
      expect(search.json().items.map((c: { id: string }) => c.id)).not.toContain(w.X.id);
    });
  });

  describe('finer rules', () => {
    it('lets a full-access client change contact data but not the name or tax id', async () => {
      const client = await sessions.copy('fullClient');
      const res = await client.patch(`/api/companies/${w.X.id}`, { name: 'Renamed by the client' });
      expect(res.statusCode).toBe(403);
      expect((await client.get(`/api/companies/${w.X.id}`)).json()).toMatchObject({
        name: w.X.name,
        permissions: {
          update: false,
          updateProfile: true,
          setStatus: false,
          manageUsers: false,
          manageAssignments: false,
        },
      });
    });

    it("answers another office's staff with their own office and staff, never office A's", async () => {
      const other = await sessions.copy('otherOfficeStaff');
      expect((await other.get('/api/office')).json().id).toBe(w.officeB.id);
      const staff = (await other.get('/api/staff')).json().items.map((s: { userId: string }) => s.userId);
      expect(staff).toContain(w.officeB.owner.id);
      expect(staff).not.toContain(w.officeA.owner.id);
      expect(staff).not.toContain(w.assignedEmployee.id);
    });
  });
});
