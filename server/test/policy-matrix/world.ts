// The authorization matrix's world: the actors (of two offices), the objects the rows act on, the signed-in sessions
// and the check every case makes. Each module's rows (`<module>.rows.ts`) say, for every route of the module and every
// actor, the answer docs/API.md promises; `<group>.test.ts` files run them, and routes.test.ts fails for any route of
// the app without a row (or a row without a route), so no route ships without its rule.
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { authTokens, channels, conversations, invitations, messages } from '../../src/db/schema.js';
import { hashToken } from '../../src/modules/identity/secrets.js';
import sharp from 'sharp';
import { startSmtp } from '../smtp-server.js';
import {
  anonymous,
  createTestApp,
  multipart,
  openSession,
  Session,
  type TestCompany,
  type TestOffice,
  type TestUser,
  uniqueNip,
} from '../harness.js';

export const ACTORS = [
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
export type ActorName = (typeof ACTORS)[number];
/** People of office B besides its owner: their answers follow from the others' unless an entry says otherwise. */
type SecondOfficeActor = 'otherOfficeEmployee' | 'otherOfficeClient';

/** 'allow' is any 2xx; a number is the exact status expected. */
export type Expected = 'allow' | number;
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
type Method = Parameters<Session['request']>[0];

export type World = {
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
export type Entry = {
  request: (ctx: CaseContext) => Request | Promise<Request>;
  expect: Record<Exclude<ActorName, SecondOfficeActor>, Expected> & Partial<Record<SecondOfficeActor, Expected>>;
  /** The route ends or replaces the session (or every other session of the person): run it on a sign-in of its own. */
  ownSession?: true;
  /** The code of this route's 403 when it is more precise than `forbidden` (e.g. only the other side may close). */
  forbiddenCode?: string;
};

/** A browser's PushSubscription.toJSON(): a fresh P-256 key and auth secret, at a public push service. */
export const pushSubscription = () => {
  const ecdh = createECDH('prime256v1');
  return {
    endpoint: `https://push.example.com/send/${randomUUID()}`,
    keys: { p256dh: ecdh.generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
};

export const tinyPng = () =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: '#2a6' } })
    .png()
    .toBuffer();

export const everyone = (expected: Expected) =>
  Object.fromEntries(ACTORS.map((a) => [a, expected])) as Record<ActorName, Expected>;
export const signedIn = { ...everyone('allow'), anonymous: 401 };
/** The same answer for every staff actor (of office A, and office B's own staff). */
export const staffAnswers = (expected: Expected) => ({
  owner: expected,
  admin: expected,
  assignedEmployee: expected,
  unassignedEmployee: expected,
  unassignedEmployeeRestricted: expected,
  otherOfficeStaff: expected,
});

let emailSeed = 0;
export const freshEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${emailSeed++}@example.test`;

/** The TOTP secret each actor got from /me/totp/enable, so /me/totp/disable can answer with a newer code. */
export const totpSecrets = new Map<ActorName, string>();
export const totpCode = (secret: string, timestamp: number) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp });

/** Where the actor works: the body of POST /me/context that keeps them where they are. */
export function contextOf(w: World, actor: ActorName) {
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
export async function linkToken(
  t: TestApp,
  w: World,
  user: TestUser,
  purpose: 'sign_in' | 'reset_password' | 'set_password',
) {
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
export async function clientConversation(t: TestApp, w: World, status: 'open' | 'closed' = 'open') {
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
export async function acceptTarget(t: TestApp, w: World): Promise<string> {
  return (await t.factories.company(w.officeA, { name: `ZZZ Matrix acceptance ${randomUUID()}` })).id;
}

export async function freshInvitation(t: TestApp, w: World, email = freshEmail('invitee'), companyId = w.X.id) {
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
export async function freshStaffInvitation(t: TestApp, w: World): Promise<string> {
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

export async function accountingChannel(t: TestApp, w: World): Promise<string> {
  const [row] = await t.db.inTenant({ officeId: w.officeA.id }, (tx) =>
    tx
      .select()
      .from(channels)
      .where(and(eq(channels.officeId, w.officeA.id), eq(channels.key, 'accounting'))),
  );
  return row!.id;
}

/** Who may read a conversation of X open to its full-access users. */
export const readsX = {
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
export const clientSideOnly = {
  ...readsX,
  owner: 403,
  admin: 403,
  assignedEmployee: 403,
  unassignedEmployee: 403,
} as const satisfies Entry['expect'];

/** Office-level settings only the office's owner and admins manage (office B's owner, their own office's). */
export const officeAdmins = {
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
export const importFile = (w: World) =>
  multipart('clients.csv', Buffer.from(`Company;NIP\nMatrix ${w.X.name};${uniqueNip()}\n`), 'text/csv');
export const importSettings = {
  mapping: { name: 0, taxId: 1, country: null, email: null, phone: null, representative: null, access: null },
  defaultCountry: 'PL',
  invite: false,
};

/** A real SMTP server the test-message route sends to. */
let matrixSmtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
export const matrixSmtpPort = () => matrixSmtp!.port;

/** A module's rows: for each of its routes, a valid request and the answer each actor gets. */
export type Rows = Record<string, Entry>;

export const MATRIX_SMS_TOKEN = 'matrix-sms-token';
export const MATRIX_TWILIO_SID = `AC${'0'.repeat(32)}`;
/** Valid SMS settings (the provider's API is never called: no worker runs in this file). */
export function smsSettingsOf(provider: 'smsapi' | 'twilio') {
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
export function expectedFor(entry: Entry, actor: ActorName): Expected {
  if (actor === 'otherOfficeEmployee')
    return (
      entry.expect.otherOfficeEmployee ??
      (entry.expect.otherOfficeStaff === 'allow' ? entry.expect.unassignedEmployee : entry.expect.otherOfficeStaff)
    );
  if (actor === 'otherOfficeClient') return entry.expect.otherOfficeClient ?? entry.expect.otherCompanyClient;
  return entry.expect[actor];
}

const casesFor = (rows: Rows, actors: readonly ActorName[]) =>
  Object.entries(rows).flatMap(([route, entry]) =>
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
export class Sessions {
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

export type MatrixContext = {
  t: TestApp;
  w: World;
  sessions: Sessions;
  setRestrictEmployees: (on: boolean) => Promise<void>;
};

/**
 * Runs a group of modules' rows, every actor, on a world of its own; `more` adds the group's finer tests, which read
 * the world once it is built.
 */
export function describeMatrix(name: string, rows: Rows, more?: (context: () => MatrixContext) => void) {
  describe(`authorization matrix: ${name}`, () => {
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
      const entry = rows[route]!;
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

    describe('with restrictEmployees off', () => {
      it.each(
        casesFor(
          rows,
          ACTORS.filter((a) => a !== 'unassignedEmployeeRestricted'),
        ),
      )('%s: %s is %s', check);
    });

    describe('with restrictEmployees on', () => {
      beforeAll(() => setRestrictEmployees(true));
      afterAll(() => setRestrictEmployees(false));
      it.each(casesFor(rows, ['unassignedEmployeeRestricted']))('%s: %s is %s', check);
    });

    more?.(() => ({ t, w, sessions, setRestrictEmployees }));
  });
}
