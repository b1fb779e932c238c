// A company's client users: the office adds people (new ones get a set-password e-mail, existing
// ones a notice), changes their access level or removes them.
import type { Locale } from '@bureau/common';
import type { Database, Tx } from '../../db/database.js';
import { AppError, notFound } from '../../http/app-error.js';
import { audit } from '../audit/audit.service.js';
import type { Actor } from '../identity/actor.js';
import { SET_PASSWORD_DAYS, type AuthService } from '../identity/auth.service.js';
import { deleteUserCompanySessions, findOffice } from '../identity/identity.repository.js';
import type { MailService } from '../mail/mail.service.js';
import type { InvitationService } from '../onboarding/invitation.service.js';
import { ensurePerson, hasPassword } from './people.js';
import { requireCompanyAction } from './policy.js';
import { deleteCompanyUser, findCompany, findCompanyUser, insertCompanyUser, listCompanyUsers, updateCompanyUser } from './tenancy.repository.js';

export type NewCompanyUser = { name: string; email: string; access: 'full' | 'limited'; locale?: Locale };

export class CompanyUserService {
  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
    private readonly mail: MailService,
    private readonly publicUrl: string,
    private readonly invitations: Pick<InvitationService, 'revokeOpenFor'>,
  ) {}

  private tenant<T>(actor: Actor, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.inTenant({ officeId: actor.officeId, userId: actor.userId }, fn);
  }

  async list(actor: Actor, companyId: string) {
    return this.tenant(actor, async (tx) => {
      await requireCompanyAction(tx, actor, 'company.users.read', companyId);
      return listCompanyUsers(tx, actor.officeId, companyId);
    });
  }

  async add(actor: Actor, companyId: string, input: NewCompanyUser) {
    return this.tenant(actor, async (tx) => {
      await requireCompanyAction(tx, actor, 'company.users.manage', companyId);
      const office = (await findOffice(tx, actor.officeId))!;
      const company = (await findCompany(tx, actor.officeId, companyId))!;
      const locale = input.locale ?? (office.defaultLocale as Locale);
      const person = await ensurePerson(tx, { email: input.email, name: input.name, locale });
      if (await findCompanyUser(tx, actor.officeId, companyId, person.userId)) {
        throw new AppError('company.user_exists', { fields: { email: { code: 'invalid' } } });
      }
      await insertCompanyUser(tx, { officeId: actor.officeId, companyId, userId: person.userId, access: input.access });
      const mail = { officeId: actor.officeId, officeName: office.name, to: person.email, toName: person.name, locale };
      if (await hasPassword(tx, person.userId)) {
        await this.mail.queue(tx, { ...mail, template: 'company_access', link: `${this.publicUrl}/sign-in`, params: { company: company.name } });
      } else {
        const token = await this.auth.createPasswordToken(tx, { userId: person.userId, officeId: actor.officeId, purpose: 'set_password' });
        await this.mail.queue(tx, {
          ...mail,
          template: 'set_password',
          link: `${this.publicUrl}/set-password/${token}`,
          params: { company: company.name, days: SET_PASSWORD_DAYS },
        });
      }
      const row = (await findCompanyUser(tx, actor.officeId, companyId, person.userId))!;
      await audit(tx, actor, {
        action: 'company_user.added',
        objectType: 'company_user',
        objectId: person.userId,
        companyId,
        after: { email: row.email, name: row.name, access: row.access },
      });
      return row;
    });
  }

  async changeAccess(actor: Actor, companyId: string, userId: string, access: 'full' | 'limited') {
    return this.tenant(actor, async (tx) => {
      await requireCompanyAction(tx, actor, 'company.users.manage', companyId);
      const before = /^[0-9a-f-]{36}$/i.test(userId) ? await findCompanyUser(tx, actor.officeId, companyId, userId) : undefined;
      if (!before) throw notFound();
      await updateCompanyUser(tx, actor.officeId, companyId, userId, access);
      await audit(tx, actor, {
        action: 'company_user.access_changed',
        objectType: 'company_user',
        objectId: userId,
        companyId,
        before: { access: before.access },
        after: { access },
      });
      return (await findCompanyUser(tx, actor.officeId, companyId, userId))!;
    });
  }

  /** Removes the person from the company and ends their sessions opened in its context. */
  async remove(actor: Actor, companyId: string, userId: string) {
    await this.tenant(actor, async (tx) => {
      await requireCompanyAction(tx, actor, 'company.users.manage', companyId);
      const before = /^[0-9a-f-]{36}$/i.test(userId) ? await findCompanyUser(tx, actor.officeId, companyId, userId) : undefined;
      if (!before) throw notFound();
      await deleteCompanyUser(tx, actor.officeId, companyId, userId);
      await deleteUserCompanySessions(tx, actor.officeId, companyId, userId);
      // An invitation still open for them would let them straight back in.
      await this.invitations.revokeOpenFor(tx, actor, companyId, before.email);
      await audit(tx, actor, {
        action: 'company_user.removed',
        objectType: 'company_user',
        objectId: userId,
        companyId,
        before: { email: before.email, name: before.name, access: before.access },
      });
    });
  }
}
