// Spaces the requests sent to one registry host. ANAF allows about one request a second per caller; two adapters in the
// same process (the add-company form, the import's registry filling) must share that second, so pacers are per host
// and process-wide unless a test gives its own (with a clock that does not really sleep).

export type PacerClock = { now: () => number; sleep: (ms: number) => Promise<void> };

const realClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class RequestPacer {
  private last = -Infinity;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly intervalMs: number,
    private readonly clock: PacerClock = realClock,
  ) {}

  /** Resolves when the caller may send its request; callers are served in the order they asked. */
  turn(): Promise<void> {
    const next = this.chain.then(async () => {
      const wait = this.last + this.intervalMs - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
      this.last = this.clock.now();
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  private static readonly shared = new Map<string, RequestPacer>();

  /** The process's pacer for a host (the first caller's interval wins: one host, one rhythm). */
  static forHost(url: string, intervalMs: number): RequestPacer {
    const host = new URL(url).host;
    let pacer = RequestPacer.shared.get(host);
    if (!pacer) RequestPacer.shared.set(host, (pacer = new RequestPacer(intervalMs)));
    return pacer;
  }
}
