// Validation rules shared by the server and the browser: tax identifiers, IBANs, e-mail addresses, passwords,
// people's names.
// Pure functions only (no Node APIs), so the web bundle can import them as they are.
export * from './tax-id.js';
export * from './iban.js';
export * from './email.js';
export * from './password.js';
export * from './person-name.js';
