// A company's client users: the office invites people (they join when they accept), changes their access
// level or removes them.
import type { InvitationView, Locale } from '@bureau/common';
import type { Database } from '../../db/database.js';
import { notFound } from '../../http/app-error.js';
import { audit } from '../audit/index.js';
import type { Actor, SessionService } from '../identity/index.js';
import type { InvitationService } from '../onboarding/index.js';
import { policy } from '../policy/index.js';
import { presentCompanyUser } from './company-user.presenter.js';
import { deleteCompanyUser, findCompanyUser, listCompanyUsers, updateCompanyUser } from './tenancy.repository.js';
import { isUuid } from '../../http/ids.js';

export type NewCompanyUser = {
  name: string;
  email: string;
  access: 'full' | 'limited';
  phone?: string;
  locale?: Locale;
};

export class CompanyUserService {
  constructor(
    private readonly db: Database,
    private readonly invitations: Pick<InvitationService, 'revokeOpenFor' | 'createInTx' | 'view' | 'sent'>,
    private readonly sessions: SessionService,
  ) {}

  async list(actor: Actor, companyId: string) {
    return this.db.asActor(actor, async (tx) => {
      await policy.require(actor, 'company.users.read', { tx, companyId });
      return (await listCompanyUsers(tx, actor.officeId, companyId)).map(presentCompanyUser);
    });
  }

  /**
   * Adds a person to the company — by invitation, always: an account that exists (in this office or any other) is never
   * attached without its owner's consent, and the office's answer is the same whether or not the address has one.
   */
  async add(actor: Actor, companyId: string, input: NewCompanyUser): Promise<InvitationView> {
    const view = await this.db.asActor(actor, async (tx) => {
      await policy.require(actor, 'company.users.manage', { tx, companyId });
      const id = await this.invitations.createInTx(tx, actor, { ...input, companyId }, { strict: true });
      return this.invitations.view(tx, actor, id!);
    });
    this.invitations.sent();
    return view;
  }

  async changeAccess(actor: Actor, companyId: string, userId: string, access: 'full' | 'limited') {
    return this.db.asActor(actor, async (tx) => {
      await policy.require(actor, 'company.users.manage', { tx, companyId });
      const before = isUuid(userId) ? await findCompanyUser(tx, actor.officeId, companyId, userId) : undefined;
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
      return presentCompanyUser((await findCompanyUser(tx, actor.officeId, companyId, userId))!);
    });
  }

  /** Removes the person from the company and ends their sessions opened in its context. */
  async remove(actor: Actor, companyId: string, userId: string) {
    await this.db.asActor(actor, async (tx) => {
      await policy.require(actor, 'company.users.manage', { tx, companyId });
      const before = isUuid(userId) ? await findCompanyUser(tx, actor.officeId, companyId, userId) : undefined;
      if (!before) throw notFound();
      await deleteCompanyUser(tx, actor.officeId, companyId, userId);
      await this.sessions.end.ofUserInCompany(tx, actor.officeId, companyId, userId);
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
