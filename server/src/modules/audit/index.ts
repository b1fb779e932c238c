// The face of the audit module: what other modules may use of it. Reach for nothing behind it.
export { audit, auditAnonymous, auditMany } from './audit.service.js';
