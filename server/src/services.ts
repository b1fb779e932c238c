// Wires the domain services together once per process; routes reach them through app.services.
import pino from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { BroadcastService } from './modules/broadcast/broadcast.service.js';
import { AnafAdapter } from './modules/registry/anaf.adapter.js';
import { RegistryService } from './modules/registry/registry.service.js';
import { RequestPacer } from './modules/registry/request-pacer.js';
import { ViesAdapter } from './modules/registry/vies.adapter.js';
import { WhiteListAdapter } from './modules/registry/whitelist.adapter.js';
import { AttachmentService } from './modules/attachments/attachment.service.js';
import { FileStore } from './modules/attachments/file-store.js';
import { AccountService } from './modules/identity/account.service.js';
import { AuthService } from './modules/identity/auth.service.js';
import { SessionService } from './modules/identity/session.service.js';
import { InboundService, type InboundLog } from './modules/inbound/inbound.service.js';
import { replyAddressesAt } from './modules/inbound/index.js';
import { JobQueue } from './modules/jobs/job-queue.js';
import { ImportService } from './modules/onboarding/import.service.js';
import { MailSettingsService } from './modules/mail/mail-settings.service.js';
import { AccountMail } from './modules/mail/account-mail.js';
import { MailService } from './modules/mail/mail.service.js';
import { readSmtpCa } from './modules/mail/smtp-transport.js';
import { NotificationService } from './modules/notify/notification.service.js';
import { InvitationService } from './modules/onboarding/invitation.service.js';
import { PortfolioService } from './modules/onboarding/portfolio.service.js';
import { PushService } from './modules/push/push.service.js';
import { ChannelService } from './modules/messaging/channel.service.js';
import { ConversationService } from './modules/messaging/conversation.service.js';
import { EventBus } from './modules/realtime/event-bus.js';
import { RealtimeGateway } from './modules/realtime/realtime.gateway.js';
import { CompanyUserService } from './modules/tenancy/company-user.service.js';
import { CompanyService } from './modules/tenancy/company.service.js';
import { OfficeService } from './modules/tenancy/office.service.js';
import { SecretBox } from './modules/system/secret-box.js';
import { SmsService } from './modules/sms/sms.service.js';
import { StaffService } from './modules/tenancy/staff.service.js';
import { officeRecords } from './modules/tenancy/index.js';
import { OutboundGuard } from './net/outbound-guard.js';

export function createServices(config: Config, db: Database, log: InboundLog = pino({ level: 'silent' })) {
  const jobs = new JobQueue(db.url, { heartbeatSeconds: config.jobHeartbeatSeconds });
  const secrets = SecretBox.load(config.secretKey, config.dataDir);
  const mail = new MailService(db, !!config.smtpUrl, jobs.enqueue);
  const sessions = new SessionService(db, config.sessionTtlHours);
  const auth = new AuthService(db, sessions, new AccountMail(jobs.enqueue, config.instanceName), config.publicUrl);
  const events = new EventBus(db);
  const files = new FileStore(config.filesDir);
  // Every connection whose destination an office or a person chooses goes through it.
  const outbound = new OutboundGuard(config.outbound);
  const push = new PushService(db, secrets, jobs, {
    publicUrl: config.publicUrl,
    mailFrom: config.mailFrom,
    guard: outbound,
  });
  const sms = new SmsService(db, secrets, jobs);
  // Reply addresses only when a listener takes the replies (INBOUND_SMTP_PORT).
  const notifications = new NotificationService(
    db,
    events,
    mail,
    jobs,
    config.publicUrl,
    push,
    sms,
    config.inboundSmtpPort !== undefined ? replyAddressesAt(config.replyDomain) : undefined,
  );
  const broadcasts = new BroadcastService(db, events, jobs);
  const conversations = new ConversationService(db, events, notifications, broadcasts.recordRead);
  const channels = new ChannelService(db);
  const attachments = new AttachmentService(db, files, config.attachmentMaxBytes);
  const invitations = new InvitationService(db, auth, mail, sms, notifications, {
    publicUrl: config.publicUrl,
    days: config.invitationDays,
  });
  const { registry: r } = config;
  const registry = new RegistryService({
    PL: new WhiteListAdapter({ baseUrl: r.whiteListUrl, path: r.whiteListPath, timeoutMs: r.timeoutMs }),
    // One pacer per ANAF host for the whole process: the form's look-ups and an import's share ANAF's second.
    RO: new AnafAdapter({
      baseUrl: r.anafUrl,
      path: r.anafPath,
      timeoutMs: r.timeoutMs,
      pacer: RequestPacer.forHost(r.anafUrl, r.anafIntervalMs),
    }),
    vies: new ViesAdapter({ baseUrl: r.viesUrl, path: r.viesPath, timeoutMs: r.timeoutMs }),
  });
  return {
    db,
    jobs,
    secrets,
    outbound,
    mail,
    push,
    sms,
    mailSettings: new MailSettingsService(db, secrets, {
      instanceSmtp: !!config.smtpUrl,
      ca: readSmtpCa(config.smtpCaFile),
      guard: outbound,
    }),
    notifications,
    sessions,
    auth,
    account: new AccountService(db, sessions, officeRecords.findOffice),
    office: new OfficeService(db, sessions, channels.createDefaults),
    staff: new StaffService(db, sessions),
    companies: new CompanyService(db, sessions, jobs, registry),
    companyUsers: new CompanyUserService(db, invitations, sessions),
    channels,
    events,
    gateway: new RealtimeGateway(db),
    conversations,
    files,
    attachments,
    broadcasts,
    // An import invites like staff do, but never refuses a row for an invitation that cannot be sent.
    imports: new ImportService(db, jobs, (tx, actor, input) =>
      invitations.createInTx(tx, actor, input, { strict: false }),
    ),
    registry,
    invitations,
    portfolio: new PortfolioService(db),
    inbound: new InboundService(db, conversations, attachments, config.replyDomain, log),
  };
}

export type Services = ReturnType<typeof createServices>;
