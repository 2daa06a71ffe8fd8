import pg from "pg";

/** How long the listener waits before reconnecting: `firstMs` after the first failure, doubling. */
export interface ListenBackoff {
  /** Upper bound of the first delay, in milliseconds. */
  readonly firstMs: number;
  /** Upper bound of every delay, in milliseconds. */
  readonly maxMs: number;
}

/** 100 ms, 200 ms, … up to 5 s between attempts: quick after a blip, gentle on a down database. */
export const DEFAULT_LISTEN_BACKOFF: ListenBackoff = { firstMs: 100, maxMs: 5000 };

/** Where to LISTEN, and how to retry. */
export interface ListenTarget {
  readonly connectionString: string;
  /** Notifications whose payload is this schema are ours. */
  readonly schema: string;
  readonly backoff?: ListenBackoff;
}

/**
 * The delay before reconnect attempt `failures` (0 for the first retry): the capped exponential
 * bound, jittered into its upper half so that many processes dropped together do not return in
 * step.
 *
 * @example
 * ```ts
 * backoffDelay(0, DEFAULT_LISTEN_BACKOFF); // 50..100
 * backoffDelay(9, DEFAULT_LISTEN_BACKOFF); // 2500..5000
 * ```
 */
export function backoffDelay(failures: number, backoff: ListenBackoff): number {
  const bound = Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.min(failures, 30));
  return bound / 2 + (Math.random() * bound) / 2;
}

/** The `application_name` of a listener connection, so operators (and tests) can find it. */
export function listenerApplicationName(schema: string): string {
  // PostgreSQL keeps 63 bytes of it; schema names are ASCII identifiers.
  return `ecology-listen ${schema}`.slice(0, 63);
}

/**
 * LISTEN `ecology_commit` on an asynchronous connection of the main thread: each notification
 * whose payload is our schema calls `heard`. The database's log stays the truth; this is only
 * the wake-up. A connection that fails to open or LISTEN, or drops later, is replaced after a
 * capped, jittered exponential backoff ({@link DEFAULT_LISTEN_BACKOFF}); once LISTEN is back in
 * place `heard` is called once, since commits may have been missed meanwhile. Each outage is
 * reported as one process warning, however many attempts it takes. Sockets and timers are
 * unref'd, so a listener never keeps a process alive. Owned by the PostgreSQL storage, closed
 * with it; `close()` stops every retry at once.
 *
 * @example
 * ```ts
 * const listener = new PgListener({ connectionString: url, schema: "shop" }, () => wake());
 * await listener.listening;
 * listener.close();
 * ```
 */
export class PgListener {
  readonly #target: ListenTarget;
  readonly #heard: () => void;
  readonly #backoff: ListenBackoff;
  #client: pg.Client | undefined;
  #retry: NodeJS.Timeout | undefined;
  #failures = 0;
  #down = false;
  #closed = false;
  #ready = settleable();

  constructor(target: ListenTarget, heard: () => void) {
    this.#target = target;
    this.#heard = heard;
    this.#backoff = target.backoff ?? DEFAULT_LISTEN_BACKOFF;
    this.#connect();
  }

  /**
   * Settles once LISTEN is in place: at once if it is now, else when the current (re)connection
   * succeeds, or when the listener is closed. Never rejects.
   */
  get listening(): Promise<void> {
    return this.#ready.promise;
  }

  /** Stops listening and every pending retry; idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#discard();
    this.#ready.settle();
  }

  #connect(): void {
    const client = new pg.Client({
      connectionString: this.#target.connectionString,
      connectionTimeoutMillis: 5000,
      application_name: listenerApplicationName(this.#target.schema),
    });
    this.#client = client;
    client.on("notification", (n) => {
      if (client === this.#client && n.payload === this.#target.schema) this.#heard();
    });
    // A dropped connection only delays wake-ups; it must never crash the process.
    client.on("error", (e) => this.#lost(client, e));
    // Until LISTEN is in place, a failure rejects the chain below with its own message.
    let listening = false;
    client.on("end", () => {
      if (listening) this.#lost(client, new Error("connection ended"));
    });
    const connected = client.connect();
    // The socket exists from here on (connect() opened it synchronously): unref it now, so that
    // not even an attempt in flight holds the process.
    unref(client);
    connected
      .then(() => client.query("LISTEN ecology_commit"))
      .then(
        () => {
          listening = true;
          this.#listened(client);
        },
        (e: Error) => this.#lost(client, e),
      );
  }

  #listened(client: pg.Client): void {
    if (client !== this.#client) return;
    this.#failures = 0;
    this.#ready.settle();
    if (!this.#down) return;
    this.#down = false;
    // Commits made while nobody listened woke nobody: say "look" once now.
    this.#heard();
  }

  /** `client` failed or dropped: report the outage once and retry after the backoff. */
  #lost(client: pg.Client, error: Error): void {
    if (client !== this.#client || this.#closed) return;
    this.#discard();
    if (!this.#down) {
      this.#down = true;
      process.emitWarning(
        `ecology: LISTEN ecology_commit failed: ${error.message}; reconnecting with backoff (until then, wake-ups wait for polling)`,
      );
    }
    if (this.#ready.settled) this.#ready = settleable();
    const delay = backoffDelay(this.#failures++, this.#backoff);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#connect();
    }, delay);
    this.#retry.unref();
  }

  /** Forgets the current client and closes it; its late events are ignored. */
  #discard(): void {
    const client = this.#client;
    this.#client = undefined;
    client?.end().catch(() => {});
  }
}

/** pg's `Client#unref` (unref'ing its socket) is missing from its type declarations. */
function unref(client: pg.Client): void {
  (client as unknown as { unref(): void }).unref();
}

/** A promise settled from outside, once. */
function settleable(): { promise: Promise<void>; settle: () => void; settled: boolean } {
  let settle = () => {};
  const promise = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const state = {
    promise,
    settled: false,
    settle: () => {
      state.settled = true;
      settle();
    },
  };
  return state;
}
