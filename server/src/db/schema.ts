// The database schema, assembled from every module's tables: drizzle-kit generates the SQL migrations from it, and
// repositories query through it. Every office-owned table carries office_id and an RLS policy that limits the
// application role to the office set for the transaction (app_office_id()); identity tables are reached before a
// tenant is known only through the SECURITY DEFINER functions of migration 0000.
export { appRole } from './columns.js';
export * from '../modules/identity/identity.tables.js';
export * from '../modules/tenancy/tenancy.tables.js';
export * from '../modules/audit/audit.tables.js';
export * from '../modules/mail/mail.tables.js';
export * from '../modules/messaging/messaging.tables.js';
export * from '../modules/attachments/attachments.tables.js';
export * from '../modules/realtime/realtime.tables.js';
export * from '../modules/notify/notify.tables.js';
export * from '../modules/system/system.tables.js';
export * from '../modules/sms/sms.tables.js';
export * from '../modules/push/push.tables.js';
export * from '../modules/broadcast/broadcast.tables.js';
export * from '../modules/inbound/inbound.tables.js';
export * from '../modules/onboarding/onboarding.tables.js';
