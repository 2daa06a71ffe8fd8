import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from "node:worker_threads";
import { KernelError } from "../kernel-error.js";
import type { Raw } from "./rows.js";

/** How a statement's result comes back. */
export type Mode = "get" | "all" | "run" | "count";
/** One statement for {@link PgBridge.batch}: its SQL, parameters and result mode. */
export type Op = [sql: string, params: unknown[], mode: Mode];

/** Where the bridge connects, and how patiently. */
export interface BridgeTarget {
  /** The connection URL without our own parameters. */
  connectionString: string;
  /** `host:port`, for messages (never the password). */
  where: string;
  schema: string;
  connectTimeoutMs: number;
  /** The longest one synchronous call may wait before it fails with `storage_failure`. */
  callTimeoutMs: number;
  /** Send statements that return nothing without waiting (default true; false to measure). */
  pipeline?: boolean;
}

/** Counters of a bridge, for benchmarks and the ADR's figures. */
export interface BridgeStats {
  /** Calls that blocked the kernel thread until the worker answered. */
  waits: number;
  /** Statements executed (waited for or pipelined). */
  statements: number;
}

/**
 * The kernel thread's end of a synchronous PostgreSQL connection (ADR 0040): a worker thread
 * owns the `pg` client; `call` posts statements and blocks on `Atomics.wait` until the worker
 * answers, `post` sends statements without waiting (their errors surface at the next `call`).
 * Owned by the PostgreSQL storage; `close()` ends the worker and its connection. The worker is
 * unref'd: an open bridge never keeps a process alive.
 */
export class PgBridge {
  readonly #worker: Worker;
  readonly #port: MessagePort;
  readonly #wake: Int32Array;
  readonly #target: BridgeTarget;
  readonly stats: BridgeStats = { waits: 0, statements: 0 };
  #closed = false;

  private constructor(worker: Worker, port: MessagePort, wake: Int32Array, target: BridgeTarget) {
    this.#worker = worker;
    this.#port = port;
    this.#wake = wake;
    this.#target = target;
  }

  /**
   * Starts the worker and connects.
   *
   * @throws {KernelError} `storage_failure` naming host:port when the database cannot be
   *   reached or refuses the login within the connect timeout.
   */
  static async open(target: BridgeTarget): Promise<PgBridge> {
    const signal = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL("./pg-worker.js", import.meta.url), {
      workerData: { ...target, port: port2, signal },
      // Plain Node: the worker is JavaScript already, and a TypeScript loader inherited from
      // the parent (tsx, vitest) would only slow its start down several times.
      execArgv: [],
      transferList: [port2],
    });
    worker.unref();
    port1.unref();
    const bridge = new PgBridge(worker, port1, new Int32Array(signal), target);
    try {
      await bridge.#ready();
    } catch (e) {
      await worker.terminate();
      throw e;
    }
    return bridge;
  }

  #ready(): Promise<void> {
    const fail = (message: string) =>
      new KernelError(
        "storage_failure",
        `cannot connect to PostgreSQL at ${this.#target.where}: ${message}`,
      );
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(fail("timed out")),
        this.#target.connectTimeoutMs + 2000,
      );
      this.#worker.once("message", (m: { ready: boolean; error?: { message: string } }) => {
        clearTimeout(timer);
        if (m.ready) resolve();
        else reject(fail(m.error?.message ?? "unknown error"));
      });
      this.#worker.once("error", (e) => {
        clearTimeout(timer);
        reject(fail(e.message));
      });
    });
  }

  /** Sends a statement that returns nothing without waiting for it. */
  post(sql: string, params: unknown[]): void {
    if (this.#target.pipeline === false) {
      this.call(sql, params, "run");
      return;
    }
    this.#live();
    this.stats.statements++;
    this.#port.postMessage({ ops: [[sql, params, "run"]], reply: false });
  }

  /** Runs one statement and waits for its result. */
  call(sql: string, params: unknown[], mode: Mode): unknown {
    return this.batch([[sql, params, mode]])[0];
  }

  /**
   * Runs statements in order and waits for all of their results (one wait, however many).
   * `discardDeferred`: forget a pipelined error first (the caller is rolling it all back).
   *
   * @throws {KernelError} `storage_failure` for any statement's error (or an earlier pipelined
   *   one), and when the worker does not answer within the call timeout.
   */
  batch(ops: Op[], discardDeferred = false, rebind?: string): unknown[] {
    this.#live();
    this.stats.waits++;
    this.stats.statements += ops.length;
    const seen = Atomics.load(this.#wake, 0);
    this.#port.postMessage({ ops, reply: true, discardDeferred, rebind });
    if (Atomics.wait(this.#wake, 0, seen, this.#target.callTimeoutMs) === "timed-out")
      throw new KernelError(
        "storage_failure",
        `PostgreSQL at ${this.#target.where} did not answer within ${this.#target.callTimeoutMs} ms`,
      );
    const reply = receiveMessageOnPort(this.#port)?.message as
      | { results: unknown[] }
      | { error: { message: string; sqlState?: string; sql?: string } }
      | undefined;
    if (reply === undefined)
      throw new KernelError("bug", "the PostgreSQL worker woke us with no reply");
    if ("error" in reply) {
      const { message, sqlState, sql } = reply.error;
      throw new KernelError(
        "storage_failure",
        `PostgreSQL at ${this.#target.where}: ${message}${sqlState ? ` (${sqlState})` : ""}${sql ? ` in: ${sql}` : ""}`,
      );
    }
    return reply.results;
  }

  /**
   * Points this connection at `schema` for its next owner (a pooled connection): forgets any
   * pipelined error and every prepared statement, which name the previous schema's tables.
   */
  rebind(schema: string): void {
    this.#target.schema = schema;
    this.batch([], true, schema);
  }

  /** Whether the bridge is closed. */
  get closed(): boolean {
    return this.#closed;
  }

  #live(): void {
    if (this.#closed) throw new KernelError("closed", "the PostgreSQL connection is closed");
  }

  /** Ends the worker (and so its connection). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#port.close();
    void this.#worker.terminate();
  }
}

/** The row of a `get` call. */
export type Row = Raw | undefined;
