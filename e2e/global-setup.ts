// Starts the portal for the browser tests the way a user does (`npm run serve`), on an empty
// database: a fresh database on TEST_DATABASE_URL's server, or an embedded PostgreSQL in a temp
// folder. Returns the teardown that stops it (SIGINT, so PostgreSQL stops cleanly).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';

/** A free loopback port, so that several runs (a developer's, CI's) never meet on one server. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** ANAF's v9 answer for the e2e CUI 36804251: a Bucharest company struck off and inactive, written in capitals. */
const anafStruckOff = (cui: number) => ({
  date_generale: {
    cui,
    data: '2026-12-03',
    denumire: 'VECHE FABRICA DE POSTAV SRL',
    adresa: 'MUNICIPIUL BUCUREŞTI, SECTOR 3, CALEA DUDEŞTI, NR.7, BL. 2, SC. A, ET. 3, AP. 12',
    codPostal: '031072',
    stare_inregistrare: 'RADIERE din data 15.06.2020',
    statusRO_e_Factura: false,
  },
  inregistrare_scop_Tva: {
    scpTVA: false,
    perioade_TVA: [
      {
        data_inceput_ScpTVA: '2010-01-01',
        data_sfarsit_ScpTVA: '2019-01-09',
        data_anul_imp_ScpTVA: '',
        mesaj_ScpTVA: '',
      },
    ],
  },
  stare_inactiv: {
    dataInactivare: '2019-01-10',
    dataReactivare: '',
    dataPublicare: '2019-01-10',
    dataRadiere: '2020-06-15',
    statusInactivi: true,
  },
  adresa_sediu_social: {
    sdenumire_Strada: 'CALEA DUDEŞTI',
    snumar_Strada: '7',
    sdetalii_Adresa: 'BL. 2, SC. A, ET. 3, AP. 12',
    sdenumire_Localitate: 'SECTOR 3',
    sdenumire_Judet: 'MUNICIPIUL BUCUREŞTI',
    scod_Postal: '031072',
  },
});

/**
 * A stand-in for the Polish White List of VAT payers and Romania's ANAF, answering in their documented formats, so that
 * the portal's registry look-up runs for real without the internet (VIES answers 404 here).
 */
async function whiteListStandIn() {
  const server = createServer(async (req, res) => {
    if (req.method === 'POST' && req.url === '/api/PlatitorTvaRest/v9/tva') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const cuis = (JSON.parse(body) as { cui: number }[]).map((item) => item.cui);
      res.setHeader('content-type', 'application/json');
      return res.end(
        JSON.stringify({
          cod: 200,
          message: 'SUCCESS',
          found: cuis.filter((c) => c === 36804251).map(anafStruckOff),
          notFound: cuis.filter((c) => c !== 36804251),
        }),
      );
    }
    const nip = /^\/api\/search\/nip\/(\d{10})\?date=\d{4}-\d\d-\d\d$/.exec(req.url ?? '')?.[1];
    res.setHeader('content-type', 'application/json');
    if (!nip) return res.writeHead(404).end(JSON.stringify({ code: 'WL-404', message: 'not here' }));
    const subject = {
      name: 'KWIACIARNIA POD LIPAMI SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ',
      nip,
      statusVat: 'Czynny',
      regon: '123456785',
      residenceAddress: null,
      workingAddress: 'UL. LIPOWA 7, 20-020 LUBLIN',
      accountNumbers: ['61109010140000071219812874'],
    };
    res.end(JSON.stringify({ result: { subject, requestId: 'e2e', requestDateTime: '03-12-2026 10:00:00' } }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The instance's SMTP server (SMTP_URL) as a real SMTP listener on loopback that keeps every e-mail, and a small HTTP
 * door for the specs to read a person's mailbox: account mail and office mail reach people only by e-mail, and no
 * office screen shows the links in them.
 */
async function mailCatcher() {
  const mails: { to: string[]; subject: string; text: string; at: number }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            at: Date.now(),
          });
          callback();
        })
        .catch(callback);
    },
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  const smtpPort = (smtp.server.address() as net.AddressInfo).port;
  const http = createServer((req, res) => {
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to')?.toLowerCase() ?? '';
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(mails.filter((m) => m.to.includes(to))));
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const httpPort = (http.address() as net.AddressInfo).port;
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    mailboxUrl: `http://127.0.0.1:${httpPort}`,
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export default async function globalSetup() {
  const registry = await whiteListStandIn();
  const mail = await mailCatcher();
  process.env.E2E_MAILBOX_URL = mail.mailboxUrl;
  const PORT = Number(process.env.E2E_PORT ?? (await freePort()));
  const root = path.resolve(import.meta.dirname, '..');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bureau-e2e-'));
  // The SMS spec's SMSAPI stand-in listens here: the provider's address is the operator's setting now.
  const smsapiPort = await freePort();
  process.env.E2E_SMSAPI_PORT = String(smsapiPort);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(PORT),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://localhost:${PORT}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    REGISTRY_WHITELIST_URL: registry.url,
    REGISTRY_ANAF_URL: registry.url,
    REGISTRY_VIES_URL: registry.url,
    SMTP_URL: mail.smtpUrl,
    MAIL_FROM: 'Bureau <no-reply@localhost>',
    SMS_SMSAPI_URL: `http://127.0.0.1:${smsapiPort}`,
    // The stand-ins are on loopback, where office-chosen connections may not go otherwise.
    OUTBOUND_ALLOW_PRIVATE: 'true',
  };
  let dropDatabase: (() => Promise<void>) | undefined;
  if (process.env.TEST_DATABASE_URL) {
    const name = `bureau_e2e_${process.pid}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    };
  } else {
    delete env.DATABASE_URL;
  }

  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (d) => (output += d));
  server.stderr.on('data', (d) => (output += d));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the portal exited during start-up:\n${output}`);
    // Only our own server counts: it prints its address once it listens.
    try {
      const res = await fetch(`http://localhost:${PORT}/api/health`);
      if (res.ok && output.includes('Bureau is running')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the portal did not start within 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  process.env.E2E_BASE_URL = `http://localhost:${PORT}`;
  // What the instance's operator commands (npm run office) need to reach this portal's database.
  process.env.E2E_OPERATOR_ENV = JSON.stringify({
    PUBLIC_URL: env.PUBLIC_URL,
    DATA_DIR: dataDir,
    SMTP_URL: env.SMTP_URL,
    MAIL_FROM: env.MAIL_FROM,
    LOG_LEVEL: 'warn',
    ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}),
  });

  return async () => {
    server.kill('SIGINT');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    await dropDatabase?.();
    await registry.close();
    await mail.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
