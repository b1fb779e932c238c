// The reply-by-e-mail SMTP listener. It answers the way a sending server understands: an unknown
// reply address is refused at RCPT (550), an e-mail over INBOUND_MAX_MB at MAIL or after DATA (552),
// a refused reply with 550 and the reason (the sender gets a bounce saying why), and a failure of
// ours with 451, so the sending server tries again later and nothing is lost.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { ReplyAddress } from './inbound.repository.js';
import type { InboundLog, InboundService } from './inbound.service.js';

export type InboundListenerOptions = {
  host: string;
  port: number;
  maxBytes: number;
  inbound: InboundService;
  log: InboundLog;
};
export type InboundListener = { port: number; stop: () => Promise<void> };

type Session = SMTPServerSession & { reply?: ReplyAddress };

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export async function startInboundListener(options: InboundListenerOptions): Promise<InboundListener> {
  const { inbound, log, maxBytes } = options;
  const server = new SMTPServer({
    name: inbound.replyDomain,
    banner: 'Bureau reply listener',
    size: maxBytes,
    rejectOversized: true,
    // A mail exchanger for replies: no accounts to sign in to. TLS is left to a relay in front (see ARCHITECTURE.md).
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 20,
    socketTimeout: 60_000,
    closeTimeout: 10_000,
    onMailFrom(_address, session: Session, callback) {
      // Each transaction of a connection is judged on its own: a reply address accepted for the
      // previous e-mail (a sending server reuses connections) says nothing about this one.
      session.reply = undefined;
      callback();
    },
    onRcptTo(address, session: Session, callback) {
      // One conversation per e-mail (its Message-ID is recorded once per office): further reply
      // addresses get "too many recipients", which a sending server delivers later, separately.
      if (session.reply && session.envelope.rcptTo.length > 0)
        return callback(smtpError(452, 'One reply address per e-mail; the others will be retried'));
      inbound.resolve(address.address).then(
        (reply) => {
          if (!reply) {
            log.info(
              { rcpt: address.address, remote: session.remoteAddress },
              'inbound e-mail: unknown reply address refused',
            );
            return callback(smtpError(550, 'No such reply address'));
          }
          session.reply = reply;
          callback();
        },
        (err: unknown) => {
          log.error({ err }, 'inbound e-mail: reply address lookup failed');
          callback(smtpError(451, 'Temporary failure, please try again later'));
        },
      );
    },
    onData(stream: SMTPServerDataStream, session: Session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit the rest is read and dropped; the server answers 552 (rejectOversized).
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError(552, 'Message exceeds the maximum size'));
        const reply = session.reply;
        if (!reply) return callback(smtpError(503, 'No valid recipient'));
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        inbound.receive(reply, mailFrom, Buffer.concat(chunks)).then(
          (delivery) =>
            delivery.accepted
              ? callback(null, delivery.outcome === 'posted' ? 'Posted' : 'Accepted')
              : callback(smtpError(delivery.code, delivery.text)),
          (err: unknown) => {
            log.error({ err, officeId: reply.officeId }, 'inbound e-mail: failed, the sender will retry');
            callback(smtpError(451, 'Temporary failure, please try again later'));
          },
        );
      });
    },
  });
  server.on('error', (err) => log.error({ err }, 'inbound SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  log.info({ port, host: options.host }, 'inbound SMTP listener started');
  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
