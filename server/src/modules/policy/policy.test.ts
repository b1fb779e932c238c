// The office-level and in-memory rules of the policy, on actors as the auth hook builds them (the rules that query
// companies and conversations are covered, against a real database, by the policy matrix).
import { describe, expect, it } from 'vitest';
import type { Actor, ClientActor, StaffActor } from '../identity/actor.js';
import { policy } from './index.js';

const base = {
  officeId: '00000000-0000-4000-8000-000000000001',
  name: 'Someone',
  email: 'someone@example.test',
  locale: 'en',
  totpEnabled: false,
  sessionId: 'session',
  csrfToken: 'csrf',
  apiTokenId: null,
  ip: null,
  requestId: null,
} as const;
const staff = (role: StaffActor['role'], more: Partial<StaffActor> = {}): StaffActor => ({
  ...base,
  userId: `staff-${role}`,
  kind: 'staff',
  role,
  specialties: [],
  restrictEmployees: false,
  requireTwoFactor: false,
  ...more,
});
const client = (access: ClientActor['access']): ClientActor => ({
  ...base,
  userId: `client-${access}`,
  kind: 'client',
  companyId: '00000000-0000-4000-8000-000000000002',
  access,
});
const byToken = (actor: Actor): Actor => ({ ...actor, sessionId: null, csrfToken: null, apiTokenId: 'token' });
const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'allowed';
};

describe('policy', () => {
  it('lets only office admins manage the office, and answers 403 to the others', () => {
    expect(code(() => policy.require(staff('owner'), 'office.manage'))).toBe('allowed');
    expect(code(() => policy.require(staff('admin'), 'office.manage'))).toBe('allowed');
    expect(code(() => policy.require(staff('employee'), 'office.manage'))).toBe('forbidden');
    expect(code(() => policy.require(client('full'), 'office.manage'))).toBe('forbidden');
    expect(policy.can(staff('employee'), 'office.manage')).toBe(false);
    expect(policy.can(staff('admin'), 'office.manage')).toBe(true);
  });

  it('refuses what only a browser session may do to an API token with auth.session_required', () => {
    expect(code(() => policy.require(byToken(staff('owner')), 'apiToken.create'))).toBe('auth.session_required');
    expect(code(() => policy.require(byToken(staff('owner')), 'apiToken.manage'))).toBe('allowed');
    expect(policy.can(byToken(client('full')), 'push.subscribe')).toBe(false);
  });

  it('lets only an owner change an owner, or make someone owner', () => {
    expect(code(() => policy.require(staff('admin'), 'staff.update', { role: 'employee', newRole: 'admin' }))).toBe(
      'allowed',
    );
    expect(code(() => policy.require(staff('admin'), 'staff.update', { role: 'owner' }))).toBe('staff.owner_locked');
    expect(code(() => policy.require(staff('admin'), 'staff.update', { role: 'admin', newRole: 'owner' }))).toBe(
      'staff.owner_locked',
    );
    expect(code(() => policy.require(staff('owner'), 'staff.update', { role: 'owner', newRole: 'admin' }))).toBe(
      'allowed',
    );
    expect(code(() => policy.require(staff('employee'), 'staff.update', { role: 'employee' }))).toBe('forbidden');
  });

  it("hides another staff member's broadcast from an employee, not from an admin", () => {
    expect(code(() => policy.require(staff('employee'), 'broadcast.readOne', { authorId: 'someone-else' }))).toBe(
      'not_found',
    );
    expect(code(() => policy.require(staff('employee'), 'broadcast.readOne', { authorId: 'staff-employee' }))).toBe(
      'allowed',
    );
    expect(policy.can(staff('admin'), 'broadcast.readOne', { authorId: 'someone-else' })).toBe(true);
    expect(code(() => policy.require(client('full'), 'broadcast.readOne', { authorId: 'client-full' }))).toBe(
      'forbidden',
    );
  });

  it('lets only the addressee accept an invitation', () => {
    const invitation = { email: 'invitee@example.test' };
    expect(policy.can(client('full'), 'invitation.accept', { person: invitation, invitation })).toBe(true);
    expect(
      code(() =>
        policy.require(client('full'), 'invitation.accept', { person: { email: 'other@example.test' }, invitation }),
      ),
    ).toBe('invitation.other_account');
  });

  it("answers /api/me's can from the same rules", () => {
    expect(policy.meCan(staff('admin'))).toMatchObject({ manageOffice: true, announce: true, manageColleagues: false });
    expect(policy.meCan(staff('employee'))).toMatchObject({
      manageOffice: false,
      readAudit: false,
      writeToWholeCompany: true,
    });
    expect(policy.meCan(client('full'))).toMatchObject({ manageColleagues: true, writeToWholeCompany: true });
    expect(policy.meCan(client('limited'))).toMatchObject({ manageColleagues: false, writeToWholeCompany: false });
  });

  it('tells a client not to ask for the company list, its tags or API tokens, which are staff-only', () => {
    expect(policy.meCan(client('full'))).toMatchObject({ listCompanies: false, manageApiTokens: false });
    expect(policy.meCan(staff('employee'))).toMatchObject({ listCompanies: true, manageApiTokens: true });
  });
});
