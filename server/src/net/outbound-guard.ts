// The guard on connections whose destination an office or a person chooses: an office's SMTP server,
// the SMS provider's API, a browser's push service. Such a connection reaches public unicast addresses
// only — never loopback, private (RFC 1918, CGNAT 100.64/10, IPv6 ULA fc00::/7), link-local (the cloud
// metadata service at 169.254.169.254 and fd00:ec2::254 included), unspecified, multicast or reserved
// ones, nor their IPv4-mapped IPv6 forms — unless the operator allows them (OUTBOUND_ALLOW_PRIVATE).
// The check is made on the address the socket connects to, in the `lookup` the socket itself uses:
// a name that resolved to a public address when it was saved and to a private one now (DNS
// rebinding) is refused too. A refused destination is never connected to, so an open and a closed
// port give the same answer. Registries (REGISTRY_*_URL) and SMTP_URL are the operator's own, not
// guarded here.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/** What the operator allows beyond public addresses: everything, or some networks (CIDR). */
export type OutboundPolicy = Readonly<{ allowAll: boolean; allowCidrs: readonly string[] }>;

/** A destination the guard refused; `code` lets the callers (nodemailer's errors, our classifiers) tell it apart. */
export class OutboundBlockedError extends Error {
  readonly code = 'EOUTBOUND_BLOCKED';
  constructor(readonly host: string) {
    super(`${host}: this address is not allowed (a local or private network)`);
  }
}

/** dns.lookup with `all: true`, replaceable in tests by a resolver that answers what the test says. */
export type Resolver = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

/** Parses one CIDR (or a single address) of OUTBOUND_ALLOW_PRIVATE; throws on anything else. */
export function parseAllowedCidr(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  if (text.includes('/')) return ipaddr.parseCIDR(text);
  const ip = ipaddr.parse(text);
  return [ip, ip.kind() === 'ipv4' ? 32 : 128];
}

export class OutboundGuard {
  private readonly allowed: [ipaddr.IPv4 | ipaddr.IPv6, number][];

  constructor(
    private readonly policy: OutboundPolicy,
    private readonly resolve: Resolver = dns.lookup as Resolver,
  ) {
    this.allowed = policy.allowCidrs.map(parseAllowedCidr);
  }

  /** Whether a connection may be opened to this IP address: a public unicast one, or one the operator allows. */
  permits(address: string): boolean {
    if (this.policy.allowAll) return true;
    if (!ipaddr.isValid(address)) return false;
    // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it is.
    const ip = ipaddr.process(address);
    if (ip.range() === 'unicast') return true;
    return this.allowed.some(([range, bits]) => ip.kind() === range.kind() && ip.match(range, bits));
  }

  /**
   * A `lookup` for net, tls and http sockets: resolves the name and refuses it (OutboundBlockedError)
   * when any of its addresses is not permitted — the addresses checked are the ones connected to.
   */
  readonly lookup: net.LookupFunction = (hostname, options, callback) => {
    this.resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      if (addresses.length === 0)
        return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
      if (addresses.some((a) => !this.permits(a.address))) return callback(new OutboundBlockedError(hostname), '');
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };

  /** Throws for a host given as an IP literal the guard refuses (a socket does not look literals up). */
  checkLiteral(host: string): void {
    const bare = host.replace(/^\[|\]$/g, '');
    if (net.isIP(bare) && !this.permits(bare)) throw new OutboundBlockedError(bare);
  }

  /** A TCP connection through the guard, open within `timeoutMs` (nodemailer's getSocket hands it on). */
  connect(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
    try {
      this.checkLiteral(host);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port, lookup: this.lookup });
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(Object.assign(new Error(`Connection timeout after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
        timeoutMs,
      );
      socket.once('error', fail);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeListener('error', fail);
        resolve(socket);
      });
    });
  }

  /**
   * One HTTP(S) request through the guard (a fresh connection, no redirects followed), its answer read
   * whole up to `maxBytes`. The URL's host name stays the Host header and the TLS server name.
   */
  request(
    url: string,
    init: {
      method: string;
      headers: Record<string, string>;
      body?: string | Buffer;
      timeoutMs: number;
      maxBytes?: number;
    },
  ): Promise<{ status: number; text: string }> {
    const target = new URL(url);
    try {
      this.checkLiteral(target.hostname);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const maxBytes = init.maxBytes ?? 1024 * 1024;
    const client = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request(
        target,
        { method: init.method, headers: init.headers, lookup: this.lookup, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= maxBytes) chunks.push(chunk);
          });
          res.on('end', () => {
            clearTimeout(timer);
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', fail);
        },
      );
      function fail(error: Error) {
        clearTimeout(timer);
        req.destroy();
        reject(error);
      }
      const timer = setTimeout(
        () =>
          fail(
            Object.assign(new Error(`no answer within ${init.timeoutMs} ms`), {
              name: 'TimeoutError',
              code: 'ETIMEDOUT',
            }),
          ),
        init.timeoutMs,
      );
      req.on('error', fail);
      req.end(init.body);
    });
  }
}
