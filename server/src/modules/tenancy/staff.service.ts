// The office's staff: list, add (with a set-password e-mail), change role and specialties, disable.
import type { Locale, Specialty, StaffRole } from '@bureau/common';
import type { Database, Tx } from '../../db/database.js';
import { AppError, notFound } from '../../http/app-error.js';
import { audit } from '../audit/audit.service.js';
import type { Actor } from '../identity/actor.js';
import type { AuthService } from '../identity/auth.service.js';
import { SET_PASSWORD_DAYS } from '../identity/auth.service.js';
import { deleteUserSessions, findOffice } from '../identity/identity.repository.js';
import type { MailService } from '../mail/mail.service.js';
import { ensurePerson, hasPassword } from './people.js';
import { requireOfficeAction } from './policy.js';
import { countActiveOwners, findStaffMember, insertStaffMember, listStaff, updateStaffMember } from './tenancy.repository.js';

export type NewStaff = { name: string; email: string; role: 'admin' | 'employee'; specialties: Specialty[]; locale?: Locale };
export type StaffPatch = { role?: StaffRole; specialties?: Specialty[]; disabled?: boolean };

type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaffMember>>>;
const present = (row: StaffRow) => ({
  userId: row.userId,
  name: row.name,
  email: row.email,
  role: row.role,
  specialties: row.specialties,
  disabled: row.disabledAt !== null,
  totpEnabled: row.totpEnabled,
  createdAt: row.createdAt,
  assignedCompanies: row.assignedCompanies,
});

export class StaffService {
  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
    private readonly mail: MailService,
    private readonly publicUrl: string,
  ) {}

  private tenant<T>(actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.inTenant({ officeId: actor.officeId, userId: actor.userId }, fn);
  }

  async list(actor: Actor) {
    requireOfficeAction(actor, 'staff.read');
    return (await this.tenant(actor, (tx) => listStaff(tx, actor.officeId))).map(present);
  }

  async create(actor: Actor, input: NewStaff) {
    requireOfficeAction(actor, 'staff.manage');
    return this.tenant(actor, async (tx) => {
      const office = (await findOffice(tx, actor.officeId))!;
      const locale = input.locale ?? (office.defaultLocale as Locale);
      const person = await ensurePerson(tx, { email: input.email, name: input.name, locale });
      if (await findStaffMember(tx, actor.officeId, person.userId)) throw new AppError('staff.email_taken', { fields: { email: { code: 'invalid' } } });
      await insertStaffMember(tx, { officeId: actor.officeId, userId: person.userId, role: input.role, specialties: [...new Set(input.specialties)] });
      if (!(await hasPassword(tx, person.userId))) {
        const token = await this.auth.createPasswordToken(tx, { userId: person.userId, officeId: actor.officeId, purpose: 'set_password' });
        await this.mail.queue(tx, {
          officeId: actor.officeId,
          officeName: office.name,
          to: person.email,
          toName: person.name,
          locale,
          template: 'set_password',
          link: `${this.publicUrl}/set-password/${token}`,
          params: { days: SET_PASSWORD_DAYS },
        });
      }
      const row = (await findStaffMember(tx, actor.officeId, person.userId))!;
      await audit(tx, actor, { action: 'staff.created', objectType: 'user', objectId: person.userId, after: present(row) });
      return present(row);
    });
  }

  async update(actor: Actor, userId: string, patch: StaffPatch) {
    requireOfficeAction(actor, 'staff.manage');
    if (!/^[0-9a-f-]{36}$/i.test(userId)) throw notFound();
    return this.tenant(actor, async (tx) => {
      const before = await findStaffMember(tx, actor.officeId, userId);
      if (!before) throw notFound();
      const actorIsOwner = actor.kind === 'staff' && actor.role === 'owner';
      if ((before.role === 'owner' || patch.role === 'owner') && !actorIsOwner) throw new AppError('staff.owner_locked');
      await updateStaffMember(tx, actor.officeId, userId, {
        ...(patch.role && { role: patch.role }),
        ...(patch.specialties && { specialties: [...new Set(patch.specialties)] }),
        ...(patch.disabled !== undefined && { disabledAt: patch.disabled ? (before.disabledAt ?? new Date()) : null }),
      });
      if (before.role === 'owner' && (await countActiveOwners(tx, actor.officeId)) === 0) throw new AppError('staff.last_owner');
      if (patch.disabled) await deleteUserSessions(tx, actor.officeId, userId);
      const after = (await findStaffMember(tx, actor.officeId, userId))!;
      await audit(tx, actor, {
        action: patch.disabled === true && !before.disabledAt ? 'staff.disabled' : 'staff.updated',
        objectType: 'user',
        objectId: userId,
        before: present(before),
        after: present(after),
      });
      return present(after);
    });
  }
}
