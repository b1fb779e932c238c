import { once } from 'node:events';
import net from 'node:net';
import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { OutboundBlockedError, OutboundGuard, type Resolver } from './outbound-guard.js';

const strict = () => new OutboundGuard({ allowAll: false, allowCidrs: [] });

/** A resolver that answers what the test says, one answer per look-up (like a rebinding DNS server). */
function fakeResolver(...answers: string[][]): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolver = ((
    hostname: string,
    _options: unknown,
    callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
  ) => {
    asked.push(hostname);
    const answer = answers.shift() ?? [];
    setImmediate(() =>
      callback(
        null,
        answer.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 })),
      ),
    );
  }) as Resolver & { asked: string[] };
  resolver.asked = asked;
  return resolver;
}

/** The guard's lookup as a socket calls it, as a promise. */
function lookUp(guard: OutboundGuard, hostname: string, all = false) {
  return new Promise<string | LookupAddress[]>((resolve, reject) => {
    guard.lookup(hostname, { all }, (err, address) => (err ? reject(err) : resolve(address)));
  });
}

describe('outbound guard', () => {
  it('permits public unicast addresses only: loopback, private, CGNAT, ULA, link-local, metadata, unspecified, multicast, reserved and their IPv4-mapped forms are refused', () => {
    const guard = strict();
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(guard.permits(address), address).toBe(true);
    const refused = [
      '127.0.0.1',
      '127.8.9.10',
      '::1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '100.64.0.1',
      'fc00::1',
      'fd12:3456::1',
      '169.254.169.254',
      'fd00:ec2::254',
      'fe80::1',
      '0.0.0.0',
      '::',
      '224.0.0.1',
      'ff02::1',
      '255.255.255.255',
      '240.0.0.1',
      '192.0.2.1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      'not an address',
    ];
    for (const address of refused) expect(guard.permits(address), address).toBe(false);
  });

  it('lets the operator allow everything, or only the networks listed', () => {
    expect(new OutboundGuard({ allowAll: true, allowCidrs: [] }).permits('127.0.0.1')).toBe(true);
    const some = new OutboundGuard({ allowAll: false, allowCidrs: ['10.20.0.0/16', '127.0.0.1', 'fd00:ab::/32'] });
    expect(some.permits('10.20.3.4')).toBe(true);
    expect(some.permits('::ffff:10.20.3.4')).toBe(true);
    expect(some.permits('10.21.0.1')).toBe(false);
    expect(some.permits('127.0.0.1')).toBe(true);
    expect(some.permits('127.0.0.2')).toBe(false);
    expect(some.permits('fd00:ab::5')).toBe(true);
    expect(some.permits('169.254.169.254')).toBe(false);
  });

  it('reads OUTBOUND_ALLOW_PRIVATE as true, false or a list of networks, and stops the start on anything else', () => {
    expect(loadConfig({}).outbound).toEqual({ allowAll: false, allowCidrs: [] });
    expect(loadConfig({ OUTBOUND_ALLOW_PRIVATE: 'true' }).outbound).toEqual({ allowAll: true, allowCidrs: [] });
    expect(loadConfig({ OUTBOUND_ALLOW_PRIVATE: 'false' }).outbound).toEqual({ allowAll: false, allowCidrs: [] });
    expect(loadConfig({ OUTBOUND_ALLOW_PRIVATE: '10.0.0.0/8, 192.168.7.25' }).outbound).toEqual({
      allowAll: false,
      allowCidrs: ['10.0.0.0/8', '192.168.7.25'],
    });
    expect(() => loadConfig({ OUTBOUND_ALLOW_PRIVATE: 'yes please' })).toThrow(ConfigError);
    expect(() => loadConfig({ OUTBOUND_ALLOW_PRIVATE: '10.0.0.0/33' })).toThrow(ConfigError);
  });

  it('checks the address a name resolves to when the connection is made, so DNS rebinding is refused', async () => {
    // Public when the office saved it, loopback when the server connects: the second look-up is refused.
    const resolver = fakeResolver(
      ['93.184.216.34'],
      ['127.0.0.1'],
      ['93.184.216.34', '10.0.0.7'],
      ['::ffff:169.254.169.254'],
    );
    const guard = new OutboundGuard({ allowAll: false, allowCidrs: [] }, resolver);
    expect(await lookUp(guard, 'smtp.example.com')).toBe('93.184.216.34');
    await expect(lookUp(guard, 'smtp.example.com')).rejects.toBeInstanceOf(OutboundBlockedError);
    // One private address among public ones is enough to refuse the name.
    await expect(lookUp(guard, 'smtp.example.com', true)).rejects.toBeInstanceOf(OutboundBlockedError);
    await expect(lookUp(guard, 'smtp.example.com', true)).rejects.toMatchObject({ code: 'EOUTBOUND_BLOCKED' });
    expect(resolver.asked).toEqual(['smtp.example.com', 'smtp.example.com', 'smtp.example.com', 'smtp.example.com']);
  });

  it('is the lookup the socket itself uses: a name rebound to loopback is never connected to', async () => {
    const server = net.createServer((socket) => socket.on('error', () => {}).end('220 internal\r\n'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    let connections = 0;
    server.on('connection', () => connections++);
    try {
      const port = (server.address() as net.AddressInfo).port;
      const guard = new OutboundGuard({ allowAll: false, allowCidrs: [] }, fakeResolver(['127.0.0.1'], ['127.0.0.1']));
      await expect(guard.connect('mail.example.com', port, 2000)).rejects.toBeInstanceOf(OutboundBlockedError);
      await expect(
        guard.request(`http://api.example.com:${port}/`, { method: 'POST', headers: {}, timeoutMs: 2000 }),
      ).rejects.toBeInstanceOf(OutboundBlockedError);
      expect(connections).toBe(0);
    } finally {
      server.close();
    }
  });

  describe('an open and a closed port', () => {
    let server: net.Server;
    let open: number;
    let closed: number;
    let connections = 0;
    beforeAll(async () => {
      server = net.createServer((socket) => socket.on('error', () => {}).end('220 internal\r\n'));
      server.on('connection', () => connections++);
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      open = (server.address() as net.AddressInfo).port;
      const probe = net.createServer().listen(0, '127.0.0.1');
      await once(probe, 'listening');
      closed = (probe.address() as net.AddressInfo).port;
      await new Promise((resolve) => probe.close(resolve));
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('get the same refusal, by address or by a name resolving to loopback, and are never connected to', async () => {
      const guard = strict();
      const answers = [];
      for (const host of ['127.0.0.1', 'localhost']) {
        for (const port of [open, closed]) {
          const error = await guard.connect(host, port, 2000).catch((e: unknown) => e);
          expect(error, `${host}:${port}`).toBeInstanceOf(OutboundBlockedError);
          answers.push((error as Error).message);
        }
      }
      expect(answers).toEqual([
        ...Array(2).fill('127.0.0.1: this address is not allowed (a local or private network)'),
        ...Array(2).fill('localhost: this address is not allowed (a local or private network)'),
      ]);
      expect(connections).toBe(0);
    });

    it('are reached as they are where the operator allows loopback', async () => {
      const guard = new OutboundGuard({ allowAll: false, allowCidrs: ['127.0.0.0/8', '::1'] });
      const socket = await guard.connect('localhost', open, 2000);
      socket.destroy();
      await expect(guard.connect('127.0.0.1', closed, 2000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(connections).toBe(1);
    });
  });
});
