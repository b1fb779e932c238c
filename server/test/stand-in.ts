// A stand-in for an outside HTTP service (an SMS provider, a public registry) on loopback: it keeps
// every request and answers each with what the test queued — or never, to test a timeout.
import net from 'node:net';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Seen = { method: string; path: string; headers: IncomingHttpHeaders; body: string };
export type Answer<S extends Seen = Seen> = (request: S, response: ServerResponse) => void;

export function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** An answer that never comes. */
export const hang: Answer = () => {};

/** `read` adds what a test wants of each request (e.g. its form fields) to what is kept. */
export async function startStandIn<S extends Seen = Seen>(read: (seen: Seen) => S = (seen) => seen as S) {
  const seen: S[] = [];
  const answers: Answer<S>[] = [];
  let fallback: Answer<S> | undefined;
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const request = read({ method: req.method!, path: req.url!, headers: req.headers, body });
      seen.push(request);
      const answer = answers.shift() ?? fallback;
      if (!answer) return json(res, 500, { message: 'the test gave no answer' });
      answer(request, res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    seen,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Queues the answers to the next requests, in order. */
    answer: (...next: Answer<S>[]) => answers.push(...next),
    /** How to answer once the queued answers are used up (undefined: a 500). */
    otherwise: (answer: Answer<S> | undefined) => (fallback = answer),
    reset: () => {
      seen.length = 0;
      answers.length = 0;
    },
    close: () => {
      // A "hang" leaves a request open on purpose.
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port free a moment ago (taken, then given back), for a server a test starts as a child process. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
