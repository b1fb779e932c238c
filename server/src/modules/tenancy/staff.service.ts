// The office's staff: list, change role and specialties, disable. People join the staff only by accepting an
// invitation (onboarding/invitation.service.ts): an office never attaches someone's account on its own.
import type { StaffPatch } from '@bureau/common';
import type { Database } from '../../db/database.js';
import { AppError, notFound } from '../../http/app-error.js';
import { audit } from '../audit/index.js';
import type { Actor, SessionService } from '../identity/index.js';
import { OWNER_ROLE, policy } from '../policy/index.js';
import { presentStaff } from './staff.presenter.js';
import { countActiveOwners, findStaffMember, listStaff, updateStaffMember } from './tenancy.repository.js';
import { parseId } from '../../http/ids.js';

export class StaffService {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionService,
  ) {}

  async list(actor: Actor) {
    policy.require(actor, 'staff.read');
    return (await this.db.asActor(actor, (tx) => listStaff(tx, actor.officeId))).map(presentStaff);
  }

  async update(actor: Actor, userId: string, patch: StaffPatch) {
    policy.require(actor, 'staff.manage');
    parseId(userId);
    return this.db.asActor(actor, async (tx) => {
      const before = await findStaffMember(tx, actor.officeId, userId);
      if (!before) throw notFound();
      policy.require(actor, 'staff.update', { role: before.role, newRole: patch.role });
      await updateStaffMember(tx, actor.officeId, userId, {
        ...(patch.role && { role: patch.role }),
        ...(patch.specialties && { specialties: [...new Set(patch.specialties)] }),
        ...(patch.disabled !== undefined && { disabledAt: patch.disabled ? (before.disabledAt ?? new Date()) : null }),
      });
      if (before.role === OWNER_ROLE && (await countActiveOwners(tx, actor.officeId)) === 0)
        throw new AppError('staff.last_owner');
      if (patch.disabled) await this.sessions.end.ofUser(tx, actor.officeId, userId);
      const after = (await findStaffMember(tx, actor.officeId, userId))!;
      await audit(tx, actor, {
        action: patch.disabled === true && !before.disabledAt ? 'staff.disabled' : 'staff.updated',
        objectType: 'user',
        objectId: userId,
        before: presentStaff(before),
        after: presentStaff(after),
      });
      return presentStaff(after);
    });
  }
}
