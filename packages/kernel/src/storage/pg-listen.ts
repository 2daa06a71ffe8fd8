import pg from "pg";

/**
 * LISTEN `ecology_commit` on an asynchronous connection of the main thread: each notification
 * whose payload is our schema calls `heard`. The database's log stays the truth; this is only
 * the wake-up. The socket is unref'd so a listener never keeps a process alive; a connection
 * that fails is reported once as a warning and not retried (the server's poll still runs).
 * Owned by the PostgreSQL storage, closed with it.
 */
export class PgListener {
  readonly #client: pg.Client;
  #closed = false;
  /** Settles once LISTEN is in place (or failed); for tests that must not race it. */
  readonly listening: Promise<void>;

  constructor(target: { connectionString: string; schema: string }, heard: () => void) {
    this.#client = new pg.Client({
      connectionString: target.connectionString,
      connectionTimeoutMillis: 5000,
    });
    this.#client.on("notification", (n) => {
      if (!this.#closed && n.payload === target.schema) heard();
    });
    this.#client.on("error", () => {
      // A dropped listener connection only delays wake-ups; it must not crash the process.
    });
    this.listening = this.#start().catch((e: Error) => {
      if (!this.#closed) process.emitWarning(`ecology: LISTEN ecology_commit failed: ${e.message}`);
    });
  }

  async #start(): Promise<void> {
    await this.#client.connect();
    unrefSocket(this.#client);
    if (this.#closed) return void this.#client.end().catch(() => {});
    await this.#client.query("LISTEN ecology_commit");
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#client.end().catch(() => {});
  }
}

function unrefSocket(client: pg.Client): void {
  const stream = (client as unknown as { connection?: { stream?: { unref?: () => void } } })
    .connection?.stream;
  stream?.unref?.();
}
