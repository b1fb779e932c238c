// Real SMTP servers for tests (smtp-server on loopback), with a login, plain or encrypted, and the
// certificates they need (made by openssl for 127.0.0.1).
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export type Received = { from: string; to: string[]; data: string; secure: boolean };

/** A self-signed certificate for 127.0.0.1; `certFile` doubles as the authority that trusts it. */
export function makeCertificate() {
  const dir = mkdtempSync(path.join(tmpdir(), 'bureau-smtp-cert-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  return {
    keyFile,
    certFile,
    key: readFileSync(keyFile),
    cert: readFileSync(certFile),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export type SmtpOptions = {
  /** 'starttls': plain, upgraded by STARTTLS before the login; 'tls': encrypted from the start; 'none': never encrypted. */
  security: 'tls' | 'starttls' | 'none';
  certificate?: { key: Buffer; cert: Buffer };
  username?: string;
  password?: string;
  /** MAIL FROM this address is refused (553). */
  refuseSender?: string;
};

/** A real SMTP server on loopback that requires a login and keeps what it receives. */
export async function startSmtp(options: SmtpOptions) {
  const received: Received[] = [];
  const { username = 'bureau', password = 's3cret' } = options;
  const server = new SMTPServer({
    secure: options.security === 'tls',
    ...(options.certificate && { key: options.certificate.key, cert: options.certificate.cert }),
    authOptional: false,
    // Without encryption the login is allowed in clear only when the test says 'none'.
    allowInsecureAuth: options.security === 'none',
    disabledCommands: options.security === 'none' ? ['STARTTLS'] : [],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === username && auth.password === password) return callback(null, { user: username });
      return callback(new Error('Invalid username or password'));
    },
    onMailFrom(address, _session, callback) {
      if (address.address === options.refuseSender)
        return callback(Object.assign(new Error('Sender address rejected'), { responseCode: 553 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
        });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A loopback port nobody listens on (taken, then given back). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server that accepts connections and never says a word (no SMTP greeting). */
export async function startSilentServer() {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((socket) => sockets.add(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
