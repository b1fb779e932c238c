// Builds the Actor for a session or API token, re-checking on every request that the person is
// still allowed in (staff not disabled, company still active, still a member).
import { and, eq } from 'drizzle-orm';
import { isLocale, type Specialty } from '@bureau/common';
import type { Tx } from '../../db/database.js';
import { companies, companyAccessStatus, companyUsers, offices, staffMembers, users } from '../../db/schema.js';
import type { Actor } from './actor.js';

export type ActorContext = {
  userId: string;
  officeId: string;
  companyId: string | null;
  sessionId: string | null;
  csrfToken: string | null;
  apiTokenId: string | null;
  ip: string | null;
  requestId: string | null;
};

export type ActorLoad =
  | { ok: true; actor: Actor }
  | { ok: false; reason: 'gone' | 'disabled' | 'company_inactive' | 'office_disabled'; companyName?: string };

/** What decides whether a person is let in, and as what (read by loadActor or bureau_session_actor). */
export type PersonFacts = {
  user: { id: string; name: string; email: string; locale: string; totpEnabled: boolean } | null;
  office: { id: string; restrictEmployees: boolean; requireStaffTwoFactor: boolean; disabled: boolean } | null;
  staff: { role: 'owner' | 'admin' | 'employee'; specialties: string[]; disabled: boolean } | null;
  member: { access: 'full' | 'limited'; companyStatus: string; companyName: string } | null;
};

/** The one decision: still let in (staff not disabled, company still active, still a member), and as what. */
export function decideActor(facts: PersonFacts, ctx: ActorContext): ActorLoad {
  const { user, office } = facts;
  if (!user || !office) return { ok: false, reason: 'gone' };
  if (office.disabled) return { ok: false, reason: 'office_disabled' };
  const base = {
    userId: user.id,
    officeId: office.id,
    name: user.name,
    email: user.email,
    locale: isLocale(user.locale) ? user.locale : 'en',
    totpEnabled: user.totpEnabled,
    sessionId: ctx.sessionId,
    csrfToken: ctx.csrfToken,
    apiTokenId: ctx.apiTokenId,
    ip: ctx.ip,
    requestId: ctx.requestId,
  } as const;
  if (ctx.companyId === null) {
    const staff = facts.staff;
    if (!staff) return { ok: false, reason: 'gone' };
    if (staff.disabled) return { ok: false, reason: 'disabled' };
    return {
      ok: true,
      actor: {
        ...base,
        kind: 'staff',
        role: staff.role,
        specialties: staff.specialties as Specialty[],
        restrictEmployees: office.restrictEmployees,
        requireTwoFactor: office.requireStaffTwoFactor,
      },
    };
  }
  const member = facts.member;
  if (!member) return { ok: false, reason: 'gone' };
  if (member.companyStatus !== 'active')
    return { ok: false, reason: 'company_inactive', companyName: member.companyName };
  return { ok: true, actor: { ...base, kind: 'client', companyId: ctx.companyId, access: member.access } };
}

export async function loadActor(tx: Tx, ctx: ActorContext): Promise<ActorLoad> {
  const [user] = await tx.select().from(users).where(eq(users.id, ctx.userId));
  const [office] = await tx.select().from(offices).where(eq(offices.id, ctx.officeId));
  const [staff] =
    ctx.companyId === null && user && office
      ? await tx
          .select()
          .from(staffMembers)
          .where(and(eq(staffMembers.officeId, office.id), eq(staffMembers.userId, user.id)))
      : [];
  const [member] =
    ctx.companyId !== null && user && office
      ? await tx
          .select({ access: companyUsers.access, companyStatus: companyAccessStatus, companyName: companies.name })
          .from(companyUsers)
          .innerJoin(
            companies,
            and(eq(companies.id, companyUsers.companyId), eq(companies.officeId, companyUsers.officeId)),
          )
          .where(
            and(
              eq(companyUsers.officeId, office.id),
              eq(companyUsers.companyId, ctx.companyId),
              eq(companyUsers.userId, user.id),
            ),
          )
      : [];
  return decideActor(
    {
      user: user ?? null,
      office: office ? { ...office, disabled: office.disabledAt !== null } : null,
      staff: staff ? { role: staff.role, specialties: staff.specialties, disabled: staff.disabledAt !== null } : null,
      member: member ?? null,
    },
    ctx,
  );
}
