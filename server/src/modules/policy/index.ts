// The one door: every decision on who may do what goes through `policy.require` (throws the catalogue's error: 404 for
// what the actor may not even know exists, 403 otherwise, `auth.session_required` for what an API token may never do)
// or `policy.can` (the same rule as a boolean, for the UI and for jobs). Each domain has its own rule file; this face
// assembles them, so an action is named once and its target is typed. The scopes (SQL conditions every list includes)
// and the roles' one definition are exported beside it. PostgreSQL row-level security stands behind it as a second wall.
import { AppError } from '../../http/app-error.js';
import { errorStatus } from '@bureau/common';
import type { Actor } from '../identity/index.js';
import { attachmentPolicy } from './attachment.policy.js';
import { broadcastPolicy } from './broadcast.policy.js';
import { companyAllows, companyPolicy, ownCompanyRelation } from './company.policy.js';
import { invitationPolicy } from './invitation.policy.js';
import { mayWriteToWholeCompany, messagingPolicy } from './messaging.policy.js';
import { officePolicy, type OfficeAction } from './office.policy.js';
import { staffPolicy } from './staff.policy.js';

const domains = [
  officePolicy,
  companyPolicy,
  messagingPolicy,
  attachmentPolicy,
  staffPolicy,
  broadcastPolicy,
  invitationPolicy,
];
const rules = {
  ...officePolicy,
  ...companyPolicy,
  ...messagingPolicy,
  ...attachmentPolicy,
  ...staffPolicy,
  ...broadcastPolicy,
  ...invitationPolicy,
} satisfies Record<string, (actor: Actor, target: never) => unknown>;
// Two domains naming the same action would have one silently replace the other: refuse to start instead.
const named = domains.flatMap((domain) => Object.keys(domain));
const twice = named.filter((action, i) => named.indexOf(action) !== i);
if (twice.length > 0) throw new Error(`policy actions defined twice: ${twice.join(', ')}`);

type Rules = typeof rules;
export type Action = keyof Rules;
type TargetOf<A extends Action> = Parameters<Rules[A]>[1];
type TargetArgs<A extends Action> = undefined extends TargetOf<A> ? [target?: TargetOf<A>] : [target: TargetOf<A>];
type Answer<A extends Action> = ReturnType<Rules[A]> extends Promise<unknown> ? Promise<boolean> : boolean;

/** A refusal (any 4xx of the catalogue) is a "no"; anything else is a fault and stays one. */
function refused(error: unknown): false {
  if (error instanceof AppError && errorStatus[error.code] < 500) return false;
  throw error;
}

export const policy = {
  /** Throws unless the actor may do the action (on the target); answers what the rule loaded (a relation, a row). */
  require<A extends Action>(actor: Actor, action: A, ...[target]: TargetArgs<A>): ReturnType<Rules[A]> {
    return (rules[action] as (actor: Actor, target: unknown) => ReturnType<Rules[A]>)(actor, target);
  },

  /** Whether the actor may do the action: the same rule as `require`, as a boolean (a promise for rules that query). */
  can<A extends Action>(actor: Actor, action: A, ...[target]: TargetArgs<A>): Answer<A> {
    try {
      const answer = (rules[action] as (actor: Actor, target: unknown) => unknown)(actor, target);
      return (answer instanceof Promise ? answer.then(() => true, refused) : true) as Answer<A>;
    } catch (error) {
      return refused(error) as Answer<A>;
    }
  },

  /** What the web app may offer the actor, from the same rules the routes check (`GET /api/me`'s `can`). */
  meCan(actor: Actor): MeCan {
    const offices = Object.fromEntries(
      Object.entries(ME_OFFICE_ACTIONS).map(([key, action]) => [key, policy.can(actor, action)]),
    ) as Record<keyof typeof ME_OFFICE_ACTIONS, boolean>;
    // A client user's relation to the company of their session is carried by the actor (re-checked every request).
    const own = ownCompanyRelation(actor);
    return {
      ...offices,
      manageColleagues: companyAllows('company.invitations.manage', own),
      writeToWholeCompany: actor.kind === 'staff' || mayWriteToWholeCompany(own),
    };
  },
};

/** The office-level actions the web app asks about, under the names it reads them by. */
const ME_OFFICE_ACTIONS = {
  manageOffice: 'office.manage',
  manageStaff: 'staff.manage',
  manageChannels: 'channel.manage',
  createCompanies: 'company.create',
  restoreCompanies: 'company.restore',
  importCompanies: 'company.import',
  readAudit: 'audit.read',
  readOutbox: 'outbox.read',
  announce: 'broadcast.announce',
  listCompanies: 'company.list',
  manageApiTokens: 'apiToken.manage',
} as const satisfies Record<string, OfficeAction>;

/**
 * `GET /api/me`'s `can`: the office-level actions above, and for a client user two rules on the company of their
 * session — inviting and managing colleagues, and opening a conversation to the whole company.
 */
export type MeCan = Record<keyof typeof ME_OFFICE_ACTIONS | 'manageColleagues' | 'writeToWholeCompany', boolean>;
export const meCanKeys = [
  ...Object.keys(ME_OFFICE_ACTIONS),
  'manageColleagues',
  'writeToWholeCompany',
] as (keyof MeCan)[];

export type { OfficeAction } from './office.policy.js';
export {
  companyPermissions,
  companyScope,
  type CompanyAction,
  type CompanyRelation,
  type ScopeSubject,
} from './company.policy.js';
export {
  conversationAudience,
  conversationColleagues,
  conversationPermissions,
  conversationScope,
  needsActionOf,
  routedTo,
  sideOf,
  workOf,
  type AudienceMember,
  type ConversationRow,
  type Side,
} from './messaging.policy.js';
export { broadcastScope } from './broadcast.policy.js';
export { ADMIN_ROLES, isRestrictedEmployee, OWNER_ROLE } from './roles.js';
