// The portal in a process of its own, as in production, for the benchmarks that talk to it over
// real HTTP and WebSockets (the load generator is the parent process). Started by app-process.ts;
// DATABASE_URL is given by the parent. Also serves a bare `ws` broadcaster, the deliver baseline:
// POST /broadcast answers, then sends its body to every socket connected to it.
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { WebSocketServer } from 'ws';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { Database } from '../server/src/db/database.js';
import { startWorkers } from '../server/src/workers.js';

// Counts the statements the portal sends (round trips to PostgreSQL), for the benchmarks to report.
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

const url = process.env.BENCH_APP_DATABASE_URL!;
const db = await Database.connect(url);
// Where uploads go and how large they may be come from the parent (the upload benchmark sets them).
const passed = Object.fromEntries(
  ['FILES_DIR', 'ATTACHMENT_MAX_MB'].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])),
);
const config = loadConfig({ PUBLIC_URL: 'http://localhost:3000', LOG_LEVEL: 'silent', DATABASE_URL: url, ...passed });
const app = await buildApp(config, db, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
// BENCH_APP_WORKERS=1: the background workers in the same process, as `npm start` runs them (the import benchmark
// measures the import job's memory in the portal's process).
const workers = process.env.BENCH_APP_WORKERS ? await startWorkers(app.services, config) : undefined;

const plain = http.createServer((request, response) => {
  // The upload baseline: the same body streamed straight to a file, with nothing else done.
  if (request.url === '/upload') {
    const out = createWriteStream(path.join(config.filesDir, `baseline-${process.pid}.part`));
    void pipeline(request, out).then(
      () => response.end('ok'),
      () => response.destroy(),
    );
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    // Like the API: the answer first, then the fan-out.
    response.end('ok', () => {
      for (const socket of sockets.clients) socket.send(body, { binary: false });
    });
  });
});
const sockets = new WebSocketServer({ server: plain });
await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));

process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') process.send!({ type: 'stats', cpu: process.cpuUsage(), statements });
  if (message.type === 'memory') process.send!({ type: 'memory', memory: process.memoryUsage() });
  if (message.type === 'stop') {
    for (const socket of sockets.clients) socket.terminate();
    plain.close();
    void (workers?.stop() ?? Promise.resolve())
      .then(() => app.close())
      .then(() => db.close())
      .finally(() => process.exit(0));
  }
});
process.send!({
  type: 'ready',
  port: (app.server.address() as AddressInfo).port,
  plainPort: (plain.address() as AddressInfo).port,
  pid: process.pid,
});
