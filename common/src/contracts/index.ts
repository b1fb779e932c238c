// The contract between the server and its clients: one TypeBox schema per request, response and
// realtime event. The server validates and whitelists with them; clients take their types.
export * from './base.js';
export * from './identity.js';
export * from './office.js';
export * from './companies.js';
export * from './messaging.js';
export * from './notifications.js';
export * from './imports.js';
export * from './invitations.js';
export * from './registry.js';
export * from './sms.js';
export * from './realtime.js';
export * from './mail.js';
export * from './push.js';
export * from './audit.js';
export * from './broadcasts.js';
export * from './system.js';
export * from './portfolio.js';
