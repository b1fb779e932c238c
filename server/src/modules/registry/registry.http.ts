// What every registry adapter does the same way: where its service is, and one HTTP call to it within a time limit and
// a size limit, with the failures that only mean "the registry is unavailable" (no answer in time, no connection, a
// firewall's or maintenance HTML page) already turned into that RegistryError. Reading the answer is each adapter's own.
import { htmlPage, RegistryError, type RegistryAdapterOptions } from './registry.provider.js';

/** The settings every adapter keeps from its options. */
export class RegistryEndpoint {
  readonly baseUrl: string;
  readonly path: string;
  readonly timeoutMs: number;
  readonly now: () => Date;

  constructor(options: RegistryAdapterOptions, defaultPath: string) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.path = options.path ?? defaultPath;
    this.timeoutMs = options.timeoutMs;
    this.now = options.now ?? (() => new Date());
  }
}

export type RegistryAnswer = {
  status: number;
  text: string;
  /** The body went past the size limit: `text` holds only its start. */
  tooLarge: boolean;
};

/**
 * One request to a registry (`name` is how errors and logs call it). Redirects are refused: a registry that moved is
 * reconfigured, never followed somewhere else. The timeout also covers reading the body, so a server that sends its
 * headers and then stalls is cut off too.
 */
export async function callRegistry(
  name: string,
  url: string,
  request: { method: 'GET' | 'POST'; json?: unknown; timeoutMs: number; maxBytes: number },
): Promise<RegistryAnswer> {
  let status: number;
  let contentType: string | null;
  let body: { text: string; tooLarge: boolean };
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(request.json !== undefined && { 'content-type': 'application/json' }),
      },
      ...(request.json !== undefined && { body: JSON.stringify(request.json) }),
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'error',
    });
    status = response.status;
    contentType = response.headers.get('content-type');
    body = await readBody(response, request.maxBytes);
  } catch (error) {
    const name_ = error instanceof Error ? error.name : '';
    if (name_ === 'TimeoutError' || name_ === 'AbortError')
      throw new RegistryError('unavailable', `${name}: no answer within ${request.timeoutMs} ms`);
    // fetch hides the socket's reason (ECONNREFUSED, ENOTFOUND…) in `cause`; it is what an operator needs in the log.
    const cause = error instanceof Error ? error.cause : undefined;
    const code = cause && typeof cause === 'object' && 'code' in cause ? ` (${String(cause.code)})` : '';
    const why = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
    throw new RegistryError('unavailable', `${name}: cannot reach ${new URL(url).host}: ${why}${code}`);
  }
  // A firewall's "Request Rejected" page, a maintenance page, a proxy's error: nothing about the company asked.
  const page = htmlPage(body.text, contentType);
  if (page) throw new RegistryError('unavailable', `${name} answered with an HTML page (HTTP ${status}: ${page})`);
  return { status, ...body };
}

/** The answer's JSON, or undefined when it is none. */
export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the body up to `maxBytes` (then stops reading: the rest is never downloaded). */
async function readBody(response: Response, maxBytes: number): Promise<{ text: string; tooLarge: boolean }> {
  if (!response.body) return { text: '', tooLarge: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: true };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: false };
}
