// The face of the system module: what other modules may use of it. Reach for nothing behind it.
export { type SecretBox } from './secret-box.js';
export { REDACTED, redactSecrets } from './secret-redaction.js';
