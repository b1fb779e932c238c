export * from './domain.js';
export * from './errors.js';
