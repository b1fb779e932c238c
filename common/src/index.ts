export * from './domain.js';
export * from './errors.js';
export * from './limits.js';
export * from './attachments.js';
export * from './notifications.js';
export * from './broadcasts.js';
export * from './onboarding.js';
export * from './contracts/index.js';
