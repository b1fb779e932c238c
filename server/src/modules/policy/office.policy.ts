// Office-level actions: decided from the actor alone (kind, role, how the request was authenticated).
import { AppError, forbidden } from '../../http/app-error.js';
import type { Actor } from '../identity/index.js';
import { bySession, isAdminRole } from './roles.js';

type OfficeRule = { allows: (actor: Actor) => boolean; sessionOnly?: true };

const staff = (a: Actor) => a.kind === 'staff';
const anyone = () => true;

/**
 * Session-only rules (`sessionOnly`) are what a request authenticated by an API token may never do, whoever the person
 * is: a token cannot widen itself (another token, perhaps without expiry; a cookie session that would outlive its
 * revocation; a push subscription that would go on receiving) nor change how the account is secured. Such a request is
 * refused with `auth.session_required`, not a plain 403, so a script's author knows why.
 */
const officeRules = {
  'office.read': { allows: staff },
  'office.manage': { allows: isAdminRole },
  'staff.read': { allows: staff },
  'staff.manage': { allows: isAdminRole },
  'company.list': { allows: staff },
  'company.create': { allows: isAdminRole },
  // The recently deleted companies and bringing one back: who may delete one (an admin of its office).
  'company.restore': { allows: isAdminRole },
  // Many companies at once, with invitations: the same people who create companies one by one.
  'company.import': { allows: isAdminRole },
  'audit.read': { allows: isAdminRole },
  'outbox.read': { allows: isAdminRole },
  'inbound.read': { allows: isAdminRole },
  // Listing and revoking tokens: a token may narrow what exists (revoke itself), never add to it.
  'apiToken.manage': { allows: staff },
  'apiToken.create': { allows: staff, sessionOnly: true },
  // Password, two-factor authentication, the list of sessions and ending them: a signed-in browser only.
  'account.secure': { allows: anyone, sessionOnly: true },
  // Minting a cookie session for the same person (switching office or company, accepting an invitation while signed in).
  'session.open': { allows: anyone, sessionOnly: true },
  'channel.read': { allows: anyone },
  // Archived channels stay readable for staff (old conversations live there); clients see the active ones.
  'channel.readArchived': { allows: staff },
  'channel.manage': { allows: isAdminRole },
  'conversation.list': { allows: anyone },
  // The inbox of one staff member (whose specialties a conversation is routed to) is a question about the office.
  'conversation.filterByAssignee': { allows: staff },
  // Any staff member may write to many companies at once — to the companies they may see.
  'broadcast.send': { allows: staff },
  // An announcement is a critical notice nobody can mute, copied to each company's administrator: admins only.
  'broadcast.announce': { allows: isAdminRole },
  'broadcast.read': { allows: staff },
  // Anyone signed in turns notifications on or off for their own browsers, and nobody else's.
  'push.manageOwn': { allows: anyone },
  // A browser turns them on: a subscription made with a token would keep receiving after its revocation.
  'push.subscribe': { allows: anyone, sessionOnly: true },
  'sms.manage': { allows: isAdminRole },
  // Every staff member sees how the companies they may see stand (own, collaborating, invited, pending).
  'portfolio.read': { allows: staff },
} satisfies Record<string, OfficeRule>;

export type OfficeAction = keyof typeof officeRules;
export const officeActions = Object.keys(officeRules) as OfficeAction[];

/** Throws 403 (or `auth.session_required` for a token) unless the actor may perform the office-level action. */
function requireOffice(action: OfficeAction): (actor: Actor) => void {
  const rule: OfficeRule = officeRules[action];
  return (actor) => {
    if (rule.sessionOnly && !bySession(actor)) throw new AppError('auth.session_required');
    if (!rule.allows(actor)) throw forbidden();
  };
}

export const officePolicy = Object.fromEntries(officeActions.map((action) => [action, requireOffice(action)])) as {
  [A in OfficeAction]: (actor: Actor) => void;
};
