import { Worker } from "node:worker_threads";

/** What a file kernel's checkpointer has done so far; for tests and diagnostics. */
export interface CheckpointStats {
  /** Checkpoints asked for (at most one per 200 ms after commits). */
  requested: number;
  /** Checkpoints the worker finished. */
  completed: number;
  /** Checkpoints run on the kernel's own thread, because the worker could not start. */
  inline: number;
  /** The last finished checkpoint: WAL frames at its start, and how many it copied back. */
  last?: { log: number; checkpointed: number };
  /** Why the worker could not start or its last checkpoint failed, if it did. */
  error?: string;
}

/** The longest `close()` waits for the worker to close its connection. */
const CLOSE_WAIT_MS = 2000;

type WorkerMessage =
  | { ready: true }
  | { ready: false; error: { message: string } }
  | { done: { busy: number; log: number; checkpointed: number } }
  | { failed: { message: string } };

/**
 * Runs an SQLite file's PASSIVE checkpoints in a worker thread with its own connection (ADR
 * 0045), so that copying WAL pages back and syncing the file never stall the kernel's thread.
 * The worker starts on the first request (a command that exits sooner never starts it) and is
 * unref'd. If it cannot start, every checkpoint runs inline, as before ADR 0045.
 */
export class BackgroundCheckpointer {
  /** @see CheckpointStats */
  readonly stats: CheckpointStats = { requested: 0, completed: 0, inline: 0 };
  readonly #file: string;
  readonly #synchronous: string;
  readonly #inline: () => void;
  readonly #workerUrl: URL;
  #worker: Worker | undefined;
  /** Set to 1 by the worker once its connection is closed (or could not be opened). */
  readonly #workerClosed = new Int32Array(new SharedArrayBuffer(4));
  #fallback = false;
  #closed = false;

  /**
   * @param file the database file, as the kernel's connection opened it
   * @param synchronous the kernel connection's `synchronous` setting, for the worker's
   * @param inline runs a checkpoint on the kernel's thread (the fallback)
   * @param workerUrl the worker's module; tests point it elsewhere to exercise the fallback
   */
  constructor(
    file: string,
    synchronous: string,
    inline: () => void,
    workerUrl = new URL("./checkpoint-worker.js", import.meta.url),
  ) {
    this.#file = file;
    this.#synchronous = synchronous;
    this.#inline = inline;
    this.#workerUrl = workerUrl;
  }

  /** Asks for a PASSIVE checkpoint; returns at once unless the worker could not start. */
  request(): void {
    if (this.#closed) return;
    this.stats.requested++;
    if (this.#fallback) {
      this.#runInline();
      return;
    }
    this.#started().postMessage("checkpoint");
  }

  /**
   * Closes the worker's connection, waiting (at most 2 s) for its current checkpoint to end: the
   * kernel's connection then closes last, so that it makes the final checkpoint and removes the
   * WAL before `kernel.close()` returns, as it did before ADR 0045. A connection left open after
   * close could otherwise remove by name the WAL of a new database made at the same path.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#worker === undefined || this.#fallback) return;
    this.#worker.postMessage("close");
    Atomics.wait(this.#workerClosed, 0, 0, CLOSE_WAIT_MS);
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.#workerUrl, {
      workerData: {
        file: this.#file,
        synchronous: this.#synchronous,
        closed: this.#workerClosed.buffer,
      },
      // Plain Node: the worker is JavaScript already, and a TypeScript loader inherited from
      // the parent (tsx, vitest) would only slow its start down.
      execArgv: [],
    });
    worker.unref();
    worker.on("message", (m: WorkerMessage) => this.#received(m));
    worker.on("error", (e) => this.#failedToStart(e.message));
    this.#worker = worker;
    return worker;
  }

  #received(m: WorkerMessage): void {
    if ("done" in m) {
      this.stats.completed++;
      this.stats.last = { log: m.done.log, checkpointed: m.done.checkpointed };
    } else if ("failed" in m) {
      this.stats.error = m.failed.message;
    } else if (!m.ready) {
      this.#failedToStart(m.error.message);
    }
  }

  /** The request that started the worker was lost with it: run it here, and all later ones. */
  #failedToStart(message: string): void {
    if (this.#fallback) return;
    this.#fallback = true;
    this.stats.error = message;
    if (!this.#closed) this.#runInline();
  }

  #runInline(): void {
    this.stats.inline++;
    this.#inline();
  }
}
