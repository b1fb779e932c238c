// Inviting a client's people: staff (or a company's full-access users, for colleagues) send an invitation by e-mail and
// SMS; the link carries a 256-bit token of which only the hash is stored, expires after INVITATION_DAYS, works once,
// and dies when the invitation is sent again or revoked. Following it, the person creates an account or signs in, and
// only then does the collaboration become active (a company_users row). Unknown tokens are throttled per IP.
import { randomUUID } from 'node:crypto';
import {
  isLocale,
  type InvitationPreview,
  type InvitationStatus,
  type InvitationView,
  type InvitedCompany,
  type Locale,
  type MyInvitation,
  type NewInvitation,
  type Specialty,
  type StaffInvitationView,
} from '@bureau/common';
import {
  checkPersonName,
  formatTaxId,
  isValidEmail,
  normalizeEmail,
  PERSON_NAME_MAX_LENGTH,
} from '@bureau/common/validation';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Database, Tx } from '../../db/database.js';
import { AppError, invalid, notFound, type FieldError } from '../../http/app-error.js';
import { translator } from '../../http/i18n.js';
import { audit, auditAnonymous } from '../audit/index.js';
import type { Actor, RequestOrigin, AuthService, SignedIn } from '../identity/index.js';
import { assertStrongPassword, hashPassword, personName, hashToken, randomToken, people } from '../identity/index.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { MailService } from '../mail/index.js';
import type { NotificationService } from '../notify/index.js';
import type { SmsService } from '../sms/index.js';
import { invitationSmsText } from '../sms/index.js';
import { policy, companyScope } from '../policy/index.js';
import { createCompanyRecords, normalizeCompanyTaxId, throwIfErrors, officeRecords } from '../tenancy/index.js';
import { isUuid } from '../../http/ids.js';
import {
  findInvitation,
  findOpenInvitation,
  insertInvitation,
  invitationIdByToken,
  isCompanyUser,
  isOfficeMember,
  listInvitations,
  listStaffInvitations,
  lockInvitee,
  markInvitationOpened,
  updateInvitation,
  type InvitationRow,
} from './invitation.repository.js';
import { invitationStatus, presentInvitation, presentStaffInvitation } from './invitation.presenter.js';

const DAY_MS = 24 * 3600 * 1000;
/** Unknown links from one address before it is told to wait: far above typing mistakes, far below guessing. */
const LINK_LIMIT = { failures: 20, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };
const RESEND_PAUSE_MS = 60_000;
const linkKey = (ip: string | null) => `invite:ip:${ip ?? 'unknown'}`;

export type StaffInviteInput = {
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'employee';
  specialties: Specialty[];
  locale?: Locale;
};

/** Why a link cannot be used (checked in this order), or undefined when it can. */
function closedReason(row: InvitationRow): 'invitation.revoked' | 'invitation.used' | 'invitation.expired' | undefined {
  const status = invitationStatus(row);
  if (status === 'revoked') return 'invitation.revoked';
  if (status === 'accepted') return 'invitation.used';
  if (status === 'expired') return 'invitation.expired';
  return undefined;
}

export type InviteInput = Omit<NewInvitation, 'companyId' | 'company'> & { companyId: string; importId?: string };

export class InvitationService {
  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
    private readonly mail: MailService,
    private readonly sms: Pick<SmsService, 'queue' | 'committed'>,
    private readonly notifications: Pick<NotificationService, 'notifyPerson'>,
    private readonly options: { publicUrl: string; days: number },
  ) {}

  /** After the transaction that queued invitations committed: their SMS go out at once. */
  sent(): void {
    this.sms.committed();
  }

  /** The invitations of one company (its managers), or of every company the staff member may see. */
  async list(actor: Actor, filter: { companyId?: string; status?: InvitationStatus }): Promise<InvitationView[]> {
    return this.db.asActor(actor, async (tx) => {
      if (filter.companyId)
        await policy.require(actor, 'company.invitations.manage', { tx, companyId: filter.companyId });
      else policy.require(actor, 'portfolio.read');
      const rows = await listInvitations(tx, actor.officeId, companyScope(actor), filter);
      return rows.map(presentInvitation);
    });
  }

  async create(actor: Actor, input: NewInvitation): Promise<InvitationView> {
    if (!input.companyId === !input.company) throw invalid({ companyId: { code: 'required' } });
    const view = await this.db.asActor(actor, async (tx) => {
      const companyId = input.companyId ?? (await this.companyByTaxId(tx, actor, input.company!));
      const id = await this.createInTx(tx, actor, { ...input, companyId }, { strict: true });
      return this.view(tx, actor, id!);
    });
    this.sms.committed();
    return view;
  }

  /**
   * Inviting by tax id: the office's company with that id, or a new one (office admins, who may add companies) created in
   * the invitation's transaction — a refused invitation leaves no company behind.
   */
  private async companyByTaxId(tx: Tx, actor: Actor, company: InvitedCompany): Promise<string> {
    const errors: Record<string, FieldError> = {};
    // A French SIRET or VAT number keys the company by its SIREN and keeps the SIRET as its establishment.
    const { taxId, siret } = normalizeCompanyTaxId(company.country, company.taxId, errors);
    const name = company.name.trim();
    if (!name) errors.companyName = { code: 'required' };
    throwIfErrors(errors);
    const existing = await officeRecords.findCompanyByTaxId(tx, actor.officeId, company.country, taxId);
    // A company the actor may not see answers like one that does not exist: only those who may add companies go on.
    if (existing && (await policy.can(actor, 'company.read', { tx, companyId: existing.id }))) return existing.id;
    policy.require(actor, 'company.create');
    const address = company.address ? [{ ...company.address, country: company.address.country.toUpperCase() }] : [];
    const [created] = await createCompanyRecords(tx, actor, [
      { id: randomUUID(), name, country: company.country, taxId, siret, addresses: address },
    ]);
    return created!.id;
  }

  /**
   * Invites in the caller's transaction (also the portfolio import's). `strict`: refuse with a reason when the person
   * already has access or an invitation waits; otherwise (an import) answer null and send nothing.
   */
  async createInTx(tx: Tx, actor: Actor, input: InviteInput, options: { strict: boolean }): Promise<string | null> {
    await policy.require(actor, 'company.invitations.manage', { tx, companyId: input.companyId });
    const office = (await officeRecords.findOffice(tx, actor.officeId))!;
    const company = (await officeRecords.findCompany(tx, actor.officeId, input.companyId))!;
    const email = normalizeEmail(input.email);
    const fields: Parameters<typeof invalid>[0] = {};
    if (!isValidEmail(email)) fields.email = { code: 'email_invalid' };
    const checked = checkPersonName(input.name);
    const name = checked.ok ? checked.name : '';
    if (!checked.ok) fields.name = { code: checked.reason, params: { max: PERSON_NAME_MAX_LENGTH } };
    const phone = input.phone?.trim()
      ? parsePhoneNumberFromString(input.phone.trim(), office.country as CountryCode)
      : undefined;
    if (input.phone?.trim() && !phone?.isValid()) fields.phone = { code: 'phone_invalid' };
    if (Object.keys(fields).length > 0) {
      if (options.strict) throw invalid(fields);
      return null;
    }
    if (company.status !== 'active') {
      if (options.strict) throw new AppError('invitation.company_inactive');
      return null;
    }
    const existingUserId = await people.userIdByEmail(tx, email);
    if (existingUserId && (await isCompanyUser(tx, actor.officeId, company.id, existingUserId))) {
      if (options.strict) throw new AppError('invitation.already_member', { fields: { email: { code: 'invalid' } } });
      return null;
    }
    // Two sends at once (a double submit, an import beside a person) make one invitation.
    await lockInvitee(tx, actor.officeId, company.id, email);
    if (await findOpenInvitation(tx, actor.officeId, company.id, email)) {
      if (options.strict) throw new AppError('invitation.already_invited', { fields: { email: { code: 'invalid' } } });
      return null;
    }
    const existing = existingUserId ? await people.findUser(tx, existingUserId) : undefined;
    const locale: Locale =
      input.locale ??
      (existing && isLocale(existing.locale)
        ? existing.locale
        : isLocale(office.defaultLocale)
          ? office.defaultLocale
          : 'en');
    const id = randomUUID();
    const token = randomToken();
    const row = {
      id,
      officeId: actor.officeId,
      companyId: company.id,
      email,
      name,
      phone: phone?.number ?? null,
      access: input.access,
      locale,
      tokenHash: hashToken(token),
      invitedBy: actor.userId,
      importId: input.importId ?? null,
      expiresAt: new Date(Date.now() + this.options.days * DAY_MS),
    };
    await insertInvitation(tx, row);
    await this.deliver(
      tx,
      actor,
      { ...row, sendCount: 1 },
      token,
      office.name,
      company.name,
      formatTaxId(company.country, company.taxId),
    );
    // Someone who already works in this office also finds it in the app, and may accept it there.
    if (existingUserId && (await isOfficeMember(tx, actor.officeId, existingUserId))) {
      const t = translator(locale);
      await this.notifications.notifyPerson(tx, actor.officeId, {
        userId: existingUserId,
        kind: 'invitation',
        sourceKey: `invitation:${id}`,
        title: t('push:invitation_title', { company: company.name }),
        excerpt: t('push:invitation_body', { company: company.name, inviter: actor.name }),
        actorName: actor.name,
      });
    }
    await audit(tx, actor, {
      action: 'invitation.sent',
      objectType: 'invitation',
      objectId: id,
      companyId: company.id,
      after: {
        email,
        name,
        access: input.access,
        phone: row.phone,
        ...(input.importId ? { importId: input.importId } : {}),
      },
    });
    return id;
  }

  /** The e-mail, and the SMS when there is a phone number (and the office sends SMS). */
  private async deliver(
    tx: Tx,
    actor: Actor,
    row: Pick<InvitationRow, 'id' | 'officeId' | 'email' | 'name' | 'phone' | 'locale' | 'expiresAt' | 'sendCount'>,
    token: string,
    officeName: string,
    companyName: string,
    taxId: string,
  ): Promise<void> {
    const locale: Locale = isLocale(row.locale) ? row.locale : 'en';
    await this.emailInvitation(tx, row, token, officeName, 'invitation', {
      inviter: actor.name,
      company: companyName,
      taxId,
    });
    // The SMS points to the e-mail and carries no link: only the mailbox proves the address the account will have.
    if (row.phone) {
      await this.sms.queue(tx, {
        officeId: row.officeId,
        to: row.phone,
        body: invitationSmsText(locale, {
          office: officeName,
          company: companyName,
          days: this.options.days,
          email: row.email,
        }),
        dedupeKey: `invitation:${row.id}:${row.sendCount}`,
      });
    }
  }

  /** An invitation as the actor may see it (404 outside their company scope). */
  async view(tx: Tx, actor: Actor, id: string): Promise<InvitationView> {
    const [row] = await listInvitations(tx, actor.officeId, companyScope(actor), { id });
    if (!row) throw notFound();
    return presentInvitation(row);
  }

  /** The invitation the actor may manage (404 when they may not see its company). */
  private async managed(tx: Tx, actor: Actor, id: string): Promise<InvitationRow> {
    const row = isUuid(id) ? await findInvitation(tx, actor.officeId, id, { lock: true }) : undefined;
    if (!row || row.companyId === null) throw notFound();
    await policy.require(actor, 'company.invitations.manage', { tx, companyId: row.companyId });
    return row;
  }

  /** A new link (the old one stops working) and a new expiry; sent again by e-mail and SMS. */
  async resend(actor: Actor, id: string): Promise<InvitationView> {
    const view = await this.db.asActor(actor, async (tx) => {
      const row = await this.managed(tx, actor, id);
      const { changes, token } = this.renewal(row);
      const office = (await officeRecords.findOffice(tx, actor.officeId))!;
      const company = (await officeRecords.findCompany(tx, actor.officeId, row.companyId!))!;
      if (company.status !== 'active') throw new AppError('invitation.company_inactive');
      await updateInvitation(tx, actor.officeId, row.id, changes);
      await this.deliver(
        tx,
        actor,
        { ...row, ...changes },
        token,
        office.name,
        company.name,
        formatTaxId(company.country, company.taxId),
      );
      await audit(tx, actor, {
        action: 'invitation.resent',
        objectType: 'invitation',
        objectId: row.id,
        companyId: row.companyId,
        after: { sendCount: changes.sendCount },
      });
      return this.view(tx, actor, row.id);
    });
    this.sms.committed();
    return view;
  }

  /** The link stops working at once; revoking twice changes nothing. An accepted invitation stays accepted. */
  async revoke(actor: Actor, id: string): Promise<InvitationView> {
    return this.db.asActor(actor, async (tx) => {
      const row = await this.managed(tx, actor, id);
      await this.revokeRow(tx, actor, row);
      return this.view(tx, actor, row.id);
    });
  }

  /** Revokes what is still open for this person at this company (they were removed: no way back in through an old link). */
  async revokeOpenFor(tx: Tx, actor: Actor, companyId: string, email: string): Promise<void> {
    const open = await listInvitations(tx, actor.officeId, undefined, {
      companyId,
      email: normalizeEmail(email),
      open: true,
    });
    for (const row of open) {
      await updateInvitation(tx, actor.officeId, row.id, { revokedAt: new Date(), revokedBy: actor.userId });
      await audit(tx, actor, {
        action: 'invitation.revoked',
        objectType: 'invitation',
        objectId: row.id,
        companyId,
        before: { status: invitationStatus(row) },
      });
    }
  }

  // ——— Staff ———

  /** The office's staff invitations, newest first (its admins). */
  async listStaff(actor: Actor): Promise<StaffInvitationView[]> {
    policy.require(actor, 'staff.manage');
    return this.db.asActor(actor, async (tx) =>
      (await listStaffInvitations(tx, actor.officeId, {})).map(presentStaffInvitation),
    );
  }

  /**
   * Invites someone to the office's staff. Nobody is attached without their consent: whether the e-mail has an account
   * (here or in another office) or not, the office gets the same answer — an invitation the person accepts.
   */
  async createStaff(actor: Actor, input: StaffInviteInput): Promise<StaffInvitationView> {
    policy.require(actor, 'staff.manage');
    return this.db.asActor(actor, async (tx) => {
      const { id } = await this.inviteStaffInTx(
        tx,
        actor.officeId,
        { userId: actor.userId, name: actor.name, ip: actor.ip, requestId: actor.requestId },
        input,
      );
      return this.staffView(tx, actor.officeId, id);
    });
  }

  /**
   * A staff invitation in the caller's transaction; also how the instance's operator gives a new office its first owner
   * (`inviter.userId` null). Returns the link's token too, which only the operator's command shows.
   */
  async inviteStaffInTx(
    tx: Tx,
    officeId: string,
    inviter: { userId: string | null; name: string; ip: string | null; requestId: string | null },
    input: StaffInviteInput,
  ): Promise<{ id: string; token: string }> {
    const office = (await officeRecords.findOffice(tx, officeId))!;
    const email = normalizeEmail(input.email);
    const fields: Parameters<typeof invalid>[0] = {};
    if (!isValidEmail(email)) fields.email = { code: 'email_invalid' };
    const checked = checkPersonName(input.name);
    const name = checked.ok ? checked.name : '';
    if (!checked.ok) fields.name = { code: checked.reason, params: { max: PERSON_NAME_MAX_LENGTH } };
    if (Object.keys(fields).length > 0) throw invalid(fields);
    const existingUserId = await people.userIdByEmail(tx, email);
    // Only this office's own staff are told apart: whether the address has an account elsewhere never shows.
    if (existingUserId && (await officeRecords.findStaffMember(tx, officeId, existingUserId)))
      throw new AppError('staff.email_taken', { fields: { email: { code: 'invalid' } } });
    await lockInvitee(tx, officeId, 'staff', email);
    if ((await listStaffInvitations(tx, officeId, { email, open: true })).length > 0) {
      throw new AppError('invitation.already_invited', { fields: { email: { code: 'invalid' } } });
    }
    const existing = existingUserId ? await people.findUser(tx, existingUserId) : undefined;
    const locale: Locale =
      input.locale ??
      (existing && isLocale(existing.locale)
        ? existing.locale
        : isLocale(office.defaultLocale)
          ? office.defaultLocale
          : 'en');
    const token = randomToken();
    const row = {
      id: randomUUID(),
      officeId,
      companyId: null,
      email,
      name,
      phone: null,
      access: null,
      role: input.role,
      specialties: [...new Set(input.specialties)],
      locale,
      tokenHash: hashToken(token),
      invitedBy: inviter.userId,
      expiresAt: new Date(Date.now() + this.options.days * DAY_MS),
    };
    await insertInvitation(tx, row);
    await this.emailInvitation(tx, { ...row, sendCount: 1 }, token, office.name, 'staff_invitation', {
      inviter: inviter.name,
    });
    await auditAnonymous(tx, officeId, inviter, {
      action: 'invitation.sent',
      objectType: 'invitation',
      objectId: row.id,
      after: { email, name, role: input.role, specialties: row.specialties },
    });
    return { id: row.id, token };
  }

  /** The invitation e-mail (its link valid until the row's expiry), written once per send (a repeated job adds none). */
  private async emailInvitation(
    tx: Tx,
    row: Pick<InvitationRow, 'id' | 'officeId' | 'email' | 'name' | 'locale' | 'expiresAt' | 'sendCount'>,
    token: string,
    officeName: string,
    template: 'invitation' | 'staff_invitation',
    params: Record<string, string>,
  ): Promise<void> {
    const locale: Locale = isLocale(row.locale) ? row.locale : 'en';
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(row.expiresAt);
    await this.mail.queue(tx, {
      officeId: row.officeId,
      officeName,
      to: row.email,
      toName: row.name,
      locale,
      template,
      link: `${this.options.publicUrl}/invite/${token}`,
      params: { ...params, days: this.options.days, date },
      dedupeKey: `invitation:${row.id}:${row.sendCount}`,
    });
  }

  private async staffView(tx: Tx, officeId: string, id: string): Promise<StaffInvitationView> {
    const [row] = await listStaffInvitations(tx, officeId, { id });
    if (!row) throw notFound();
    return presentStaffInvitation(row);
  }

  /** A staff invitation sent again with a new link. */
  async resendStaff(actor: Actor, id: string): Promise<StaffInvitationView> {
    policy.require(actor, 'staff.manage');
    return this.db.asActor(actor, async (tx) => {
      const row = await this.managedStaff(tx, actor, id);
      const { changes, token } = this.renewal(row);
      await updateInvitation(tx, actor.officeId, row.id, changes);
      const office = (await officeRecords.findOffice(tx, actor.officeId))!;
      await this.emailInvitation(tx, { ...row, ...changes }, token, office.name, 'staff_invitation', {
        inviter: actor.name,
      });
      await audit(tx, actor, {
        action: 'invitation.resent',
        objectType: 'invitation',
        objectId: row.id,
        after: { sendCount: changes.sendCount },
      });
      return this.staffView(tx, actor.officeId, row.id);
    });
  }

  async revokeStaff(actor: Actor, id: string): Promise<StaffInvitationView> {
    policy.require(actor, 'staff.manage');
    return this.db.asActor(actor, async (tx) => {
      await this.revokeRow(tx, actor, await this.managedStaff(tx, actor, id));
      return this.staffView(tx, actor.officeId, id);
    });
  }

  private async managedStaff(tx: Tx, actor: Actor, id: string): Promise<InvitationRow> {
    const row = isUuid(id) ? await findInvitation(tx, actor.officeId, id, { lock: true }) : undefined;
    if (!row || row.companyId !== null) throw notFound();
    return row;
  }

  /** A new token and expiry for a resend, refused for a closed invitation or one sent a moment ago. */
  private renewal(row: InvitationRow) {
    const status = invitationStatus(row);
    if (status === 'accepted' || status === 'revoked') throw new AppError('invitation.closed');
    // A double click, or two colleagues at once, sends one e-mail.
    if (Date.now() - row.lastSentAt.getTime() < RESEND_PAUSE_MS) throw new AppError('invitation.resend_too_soon');
    const token = randomToken();
    return {
      token,
      changes: {
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + this.options.days * DAY_MS),
        sendCount: row.sendCount + 1,
        lastSentAt: new Date(),
      },
    };
  }

  private async revokeRow(tx: Tx, actor: Actor, row: InvitationRow): Promise<void> {
    const status = invitationStatus(row);
    if (status === 'accepted') throw new AppError('invitation.closed');
    if (status !== 'revoked') {
      await updateInvitation(tx, actor.officeId, row.id, { revokedAt: new Date(), revokedBy: actor.userId });
      await audit(tx, actor, {
        action: 'invitation.revoked',
        objectType: 'invitation',
        objectId: row.id,
        companyId: row.companyId,
        before: { status },
      });
    }
  }

  // ——— Following the link ———

  /** The invitation behind a link; unknown tokens count against the caller's address. */
  private async byToken(origin: RequestOrigin, token: string): Promise<{ id: string; officeId: string }> {
    const found = await this.db.anonymous(async (tx) => {
      const seconds = await people.throttleBlockedSeconds(tx, [linkKey(origin.ip)]);
      if (seconds > 0)
        throw new AppError('invitation.throttled', {
          params: { minutes: Math.ceil(seconds / 60) },
          headers: { 'retry-after': String(seconds) },
        });
      return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? invitationIdByToken(tx, hashToken(token)) : undefined;
    });
    if (!found) {
      await this.db.anonymous((tx) =>
        people.recordThrottleFailure(
          tx,
          linkKey(origin.ip),
          LINK_LIMIT.failures,
          LINK_LIMIT.windowSeconds,
          LINK_LIMIT.blockSeconds,
        ),
      );
      throw new AppError('invitation.not_found');
    }
    return { id: found.id, officeId: found.office_id };
  }

  /** What the page shows before accepting; the first visit marks the invitation opened. */
  async preview(origin: RequestOrigin, token: string): Promise<InvitationPreview> {
    const { id, officeId } = await this.byToken(origin, token);
    const email = (await this.db.inTenant({ officeId }, (tx) => findInvitation(tx, officeId, id)))!.email;
    const user = await this.db.anonymous((tx) => people.userByEmail(tx, email));
    return this.db.inTenant({ officeId }, async (tx) => {
      const row = (await findInvitation(tx, officeId, id))!;
      const reason = closedReason(row);
      if (reason) throw new AppError(reason);
      await markInvitationOpened(tx, officeId, id);
      const office = (await officeRecords.findOffice(tx, officeId))!;
      const company = row.companyId ? await officeRecords.findCompany(tx, officeId, row.companyId) : undefined;
      return {
        officeName: office.name,
        companyName: company?.name ?? null,
        companyTaxId: company?.taxId ?? null,
        companyCountry: company?.country ?? null,
        email: row.email,
        name: row.name,
        access: row.access,
        role: row.role,
        expiresAt: row.expiresAt.toISOString(),
        locale: row.locale,
        accountExists: !!user,
        signInRequired: !!user && !user.password_hash,
        twoFactor: !!user?.totp_enabled,
      };
    });
  }

  /**
   * Accepts from the link. A new person creates the account with the password chosen here; an existing account proves
   * itself with its password (and code) — an account without a password signs in first (by e-mailed code) and accepts
   * signed in: a link never sets the password of an account that exists. The person joins the company and is signed in
   * to it. The row lock, and the token checked again under it, make a second use or a link replaced meanwhile fail.
   */
  async accept(
    origin: RequestOrigin,
    token: string,
    input: { name?: string; password: string; totpCode?: string; locale?: Locale },
  ): Promise<SignedIn> {
    const { id, officeId } = await this.byToken(origin, token);
    const first = (await this.db.inTenant({ officeId }, (tx) => findInvitation(tx, officeId, id)))!;
    const closed = closedReason(first);
    if (closed) throw new AppError(closed);
    const existing = await this.db.anonymous((tx) => people.userByEmail(tx, first.email));
    if (existing && !existing.password_hash) throw new AppError('invitation.sign_in_first');
    let person: { id: string; name: string; email: string; locale: string };
    let newAccount: { hash: string; locale: Locale } | undefined;
    if (existing) {
      person = await this.auth.verifyAccount(origin, officeId, {
        email: first.email,
        password: input.password,
        totpCode: input.totpCode,
      });
    } else {
      const name = personName(input.name ?? first.name);
      assertStrongPassword(input.password, { email: first.email, name });
      const locale: Locale = input.locale ?? (isLocale(first.locale) ? first.locale : 'en');
      newAccount = { hash: await hashPassword(input.password), locale };
      person = { id: randomUUID(), name, email: first.email, locale };
    }
    try {
      return await this.db.inTenant({ officeId, userId: person.id }, async (tx) => {
        const row = await this.lockByToken(tx, officeId, id, token);
        if (newAccount)
          await people.insertUser(tx, {
            id: person.id,
            email: row.email,
            name: person.name,
            locale: newAccount.locale,
            passwordHash: newAccount.hash,
            passwordChangedAt: new Date(),
          });
        return this.finishAccept(tx, row, person, origin, !existing);
      });
    } catch (error) {
      // Another invitation to the same new address was accepted a moment earlier: the account exists now.
      if (newAccount && isUniqueViolation(error)) throw new AppError('invitation.sign_in_first');
      throw error;
    }
  }

  /** Accepts from the link while signed in (in any office) as the person it is addressed to. */
  async acceptSignedIn(actor: Actor, origin: RequestOrigin, token: string): Promise<SignedIn> {
    // It answers with a cookie session for the same person: not something an API token may mint.
    policy.require(actor, 'session.open');
    const { id, officeId } = await this.byToken(origin, token);
    return this.db.inTenant({ officeId, userId: actor.userId }, async (tx) => {
      const row = await this.lockByToken(tx, officeId, id, token);
      const user = (await people.findUser(tx, actor.userId))!;
      policy.require(actor, 'invitation.accept', { person: user, invitation: row });
      return this.finishAccept(
        tx,
        row,
        { id: user.id, name: user.name, email: user.email, locale: user.locale },
        origin,
        false,
      );
    });
  }

  /** The invitation locked for accepting: still open, and still the one this token names (a resend replaces the token). */
  private async lockByToken(tx: Tx, officeId: string, id: string, token: string): Promise<InvitationRow> {
    const row = await findInvitation(tx, officeId, id, { lock: true });
    if (!row || row.tokenHash !== hashToken(token)) throw new AppError('invitation.not_found');
    const reason = closedReason(row);
    if (reason) throw new AppError(reason);
    return row;
  }

  private async finishAccept(
    tx: Tx,
    row: InvitationRow,
    person: { id: string; name: string; email: string; locale: string },
    origin: RequestOrigin,
    newAccount: boolean,
  ): Promise<SignedIn> {
    const joined = await this.join(tx, row, person);
    await auditAnonymous(
      tx,
      row.officeId,
      { userId: person.id, name: person.name, ip: origin.ip, requestId: origin.requestId },
      {
        action: 'invitation.accepted',
        objectType: 'invitation',
        objectId: row.id,
        companyId: row.companyId,
        after: { userId: person.id, access: row.access, role: row.role, newAccount },
      },
    );
    const office = (await officeRecords.findOffice(tx, row.officeId))!;
    return this.auth.signInTo(
      tx,
      person,
      { officeId: row.officeId, companyId: joined.companyId, officeName: office.name },
      origin,
    );
  }

  /**
   * The collaboration becomes active: the person joins the company (unless they already had), the invitation is used, and
   * whoever sent it learns it in the app.
   */
  private async join(
    tx: Tx,
    row: InvitationRow,
    person: { id: string; name: string },
  ): Promise<{ companyId: string | null }> {
    let placeName: string;
    if (row.companyId === null) {
      // A staff invitation: the person joins the team (someone who is staff already keeps their role).
      if (!(await officeRecords.findStaffMember(tx, row.officeId, person.id))) {
        await officeRecords.insertStaffMember(tx, {
          officeId: row.officeId,
          userId: person.id,
          role: row.role!,
          specialties: (row.specialties ?? []) as Specialty[],
        });
      }
      placeName = (await officeRecords.findOffice(tx, row.officeId))!.name;
    } else {
      const company = (await officeRecords.findCompany(tx, row.officeId, row.companyId))!;
      if (company.status !== 'active')
        throw new AppError('auth.company_inactive', { params: { company: company.name } });
      if (!(await isCompanyUser(tx, row.officeId, row.companyId, person.id))) {
        await officeRecords.insertCompanyUser(tx, {
          officeId: row.officeId,
          companyId: row.companyId,
          userId: person.id,
          access: row.access!,
        });
      }
      placeName = company.name;
    }
    await updateInvitation(tx, row.officeId, row.id, {
      acceptedAt: new Date(),
      acceptedBy: person.id,
      openedAt: row.openedAt ?? new Date(),
    });
    const inviter = row.invitedBy && row.invitedBy !== person.id ? await people.findUser(tx, row.invitedBy) : undefined;
    if (inviter) {
      const t = translator(isLocale(inviter.locale) ? inviter.locale : 'en');
      await this.notifications.notifyPerson(tx, row.officeId, {
        userId: inviter.id,
        kind: 'invitation_accepted',
        sourceKey: `invitation-accepted:${row.id}`,
        title: t('push:invitation_accepted_title', { company: placeName }),
        excerpt: t('push:invitation_accepted_body', { name: person.name, company: placeName }),
        actorName: person.name,
        ...(row.companyId && { companyId: row.companyId }),
      });
    }
    return { companyId: row.companyId };
  }

  // ——— From the app (notifications) ———

  /** Invitations waiting for the signed-in person's e-mail in this office. */
  async mine(actor: Actor): Promise<MyInvitation[]> {
    return this.db.asActor(actor, async (tx) => {
      const user = (await people.findUser(tx, actor.userId))!;
      // Addressed to them, whichever of the office's companies it is for: no company scope here.
      const rows = await listInvitations(tx, actor.officeId, undefined, { email: user.email, open: true }, 50);
      return rows.map((r) => ({
        id: r.id,
        companyId: r.companyId,
        companyName: r.companyName,
        access: r.access,
        expiresAt: r.expiresAt.toISOString(),
        invitedByName: r.invitedByName,
      }));
    });
  }

  /** Accepts an invitation addressed to the signed-in person's e-mail; they switch to the company afterwards. */
  async acceptMine(actor: Actor, id: string): Promise<{ companyId: string }> {
    return this.db.asActor(actor, async (tx) => {
      const row = isUuid(id) ? await findInvitation(tx, actor.officeId, id, { lock: true }) : undefined;
      const user = (await people.findUser(tx, actor.userId))!;
      // Someone else's invitation is none of their business: the same answer as one that does not exist.
      if (!row || !policy.can(actor, 'invitation.accept', { person: user, invitation: row })) throw notFound();
      const reason = closedReason(row);
      if (reason) throw new AppError(reason);
      if (row.companyId === null) throw notFound();
      await this.join(tx, row, { id: actor.userId, name: actor.name });
      const after = { userId: actor.userId, access: row.access };
      await audit(tx, actor, {
        action: 'invitation.accepted',
        objectType: 'invitation',
        objectId: row.id,
        companyId: row.companyId,
        after,
      });
      return { companyId: row.companyId };
    });
  }
}
