// Wires the domain services together once per process; routes reach them through app.services.
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { AttachmentService } from './modules/attachments/attachment.service.js';
import { FileStore } from './modules/attachments/file-store.js';
import { AccountService } from './modules/identity/account.service.js';
import { AuthService } from './modules/identity/auth.service.js';
import { SessionService } from './modules/identity/session.service.js';
import { JobQueue } from './modules/jobs/job-queue.js';
import { MailSettingsService } from './modules/mail/mail-settings.service.js';
import { MailService } from './modules/mail/mail.service.js';
import { readSmtpCa } from './modules/mail/smtp-transport.js';
import { NotificationService } from './modules/notify/notification.service.js';
import { ChannelService } from './modules/messaging/channel.service.js';
import { ConversationService } from './modules/messaging/conversation.service.js';
import { EventBus } from './modules/realtime/event-bus.js';
import { RealtimeGateway } from './modules/realtime/realtime.gateway.js';
import { CompanyUserService } from './modules/tenancy/company-user.service.js';
import { CompanyService } from './modules/tenancy/company.service.js';
import { OfficeService } from './modules/tenancy/office.service.js';
import { SecretBox } from './modules/system/secret-box.js';
import { StaffService } from './modules/tenancy/staff.service.js';

export function createServices(config: Config, db: Database) {
  const jobs = new JobQueue(db.url);
  const secrets = SecretBox.load(config.secretKey, config.dataDir);
  const mail = new MailService(db, !!config.smtpUrl, jobs.enqueue);
  const sessions = new SessionService(db, config.sessionTtlHours);
  const auth = new AuthService(db, sessions, mail, config.publicUrl);
  const events = new EventBus(db);
  const files = new FileStore(config.filesDir);
  const notifications = new NotificationService(db, events, mail, jobs, config.publicUrl);
  return {
    db,
    jobs,
    secrets,
    mail,
    mailSettings: new MailSettingsService(db, secrets, { instanceSmtp: !!config.smtpUrl, ca: readSmtpCa(config.smtpCaFile) }),
    notifications,
    sessions,
    auth,
    account: new AccountService(db, sessions),
    office: new OfficeService(db, sessions),
    staff: new StaffService(db, auth, mail, config.publicUrl),
    companies: new CompanyService(db),
    companyUsers: new CompanyUserService(db, auth, mail, config.publicUrl),
    channels: new ChannelService(db),
    events,
    gateway: new RealtimeGateway(db),
    conversations: new ConversationService(db, events, notifications),
    files,
    attachments: new AttachmentService(db, files, config.attachmentMaxBytes),
  };
}

export type Services = ReturnType<typeof createServices>;
