// Broadcasts: office admins see every broadcast and every company of its report; other staff see their own, and in
// the report only the companies they may still see.
import type { SQL } from 'drizzle-orm';
import { forbidden, notFound } from '../../http/app-error.js';
import type { Actor } from '../identity/index.js';
import { companyScope } from './company.policy.js';
import { isAdminRole } from './roles.js';

export const broadcastPolicy = {
  /** One broadcast: a staff member who is not its author (nor an admin) is told it does not exist. */
  'broadcast.readOne': (actor: Actor, { authorId }: { authorId: string }): void => {
    if (actor.kind !== 'staff') throw forbidden();
    if (!isAdminRole(actor) && authorId !== actor.userId) throw notFound();
  },
};

export const broadcastScope = {
  /** The author a list is limited to (undefined: all of the office's). */
  listedAuthor: (actor: Actor): string | undefined => (isAdminRole(actor) ? undefined : actor.userId),
  /** The companies a report shows (undefined: all of the broadcast's). */
  reportCompanies: (actor: Actor): SQL | undefined => (isAdminRole(actor) ? undefined : companyScope(actor)),
};
