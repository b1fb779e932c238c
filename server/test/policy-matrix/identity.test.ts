// The authorization matrix for signing in, one's own account and sessions (and the health check); and `GET /api/me`'s
// `can`, which must say exactly what the routes then allow.
import { beforeAll, expect, it } from 'vitest';
import { auditRows } from './audit.rows.js';
import { identityRows } from './identity.rows.js';
import { mailRows } from './mail.rows.js';
import { messagingRows } from './messaging.rows.js';
import { onboardingRows } from './onboarding.rows.js';
import { systemRows } from './system.rows.js';
import { tenancyRows } from './tenancy.rows.js';
import { ACTORS, describeMatrix, expectedFor, type ActorName, type Entry, type MatrixContext } from './world.js';

/** The route whose answer each office-level `can` predicts. */
const canRoutes: Record<string, Entry> = {
  manageOffice: tenancyRows['PATCH /api/office']!,
  manageStaff: tenancyRows['PATCH /api/staff/:userId']!,
  createCompanies: tenancyRows['POST /api/companies']!,
  importCompanies: onboardingRows['POST /api/imports']!,
  readAudit: auditRows['GET /api/audit']!,
  readOutbox: mailRows['GET /api/outbox']!,
  manageChannels: messagingRows['POST /api/channels']!,
};

const SIGNED_IN = ACTORS.filter(
  (a): a is Exclude<ActorName, 'anonymous' | 'unassignedEmployeeRestricted'> =>
    a !== 'anonymous' && a !== 'unassignedEmployeeRestricted',
);
const FULL_CLIENTS: ActorName[] = ['fullClient', 'otherCompanyClient', 'otherOfficeClient'];
const ADMINS: ActorName[] = ['owner', 'admin', 'otherOfficeStaff'];

describeMatrix('identity and system', { ...systemRows, ...identityRows }, (context) => {
  let sessions: MatrixContext['sessions'];
  beforeAll(() => {
    ({ sessions } = context());
  });

  it.each(SIGNED_IN)("tells %s in GET /api/me's can exactly what the routes allow them", async (actor) => {
    const res = await (await sessions.copy(actor)).get('/api/me');
    expect(res.statusCode, res.body).toBe(200);
    const can = res.json().can as Record<string, boolean>;
    for (const [key, entry] of Object.entries(canRoutes)) {
      const expected = expectedFor(entry, actor);
      // A 404 is about office A's object, not about the action in the actor's own office.
      if (expected === 'allow' || expected === 403) expect(can[key], `${actor}: ${key}`).toBe(expected === 'allow');
    }
    expect(can.announce, 'announce').toBe(ADMINS.includes(actor));
    expect(can.manageColleagues, 'manageColleagues').toBe(FULL_CLIENTS.includes(actor));
    expect(can.writeToWholeCompany, 'writeToWholeCompany').toBe(actor !== 'limitedClient');
  });
});
