// `npm start`: builds what changed since the last build (scripts/build.mjs --if-changed), then runs the built server in
// this same process: one Node start instead of two.
process.argv.splice(2, Infinity, '--if-changed');
await import('./build.mjs');
await import('../server/dist/main.js');
