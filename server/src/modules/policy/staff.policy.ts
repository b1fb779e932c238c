// The office's staff: admins manage it, and ownership passes only through an owner's hands.
import type { StaffRole } from '@bureau/common';
import { AppError, forbidden } from '../../http/app-error.js';
import type { Actor } from '../identity/index.js';
import { isAdminRole, isOwner, OWNER_ROLE } from './roles.js';

export type StaffTarget = { role: StaffRole; newRole?: StaffRole };

export const staffPolicy = {
  /** Changing a staff member: admins do; an owner is changed, or someone made owner, only by an owner. */
  'staff.update': (actor: Actor, { role, newRole }: StaffTarget): void => {
    if (!isAdminRole(actor)) throw forbidden();
    if ((role === OWNER_ROLE || newRole === OWNER_ROLE) && !isOwner(actor)) throw new AppError('staff.owner_locked');
  },
};
