import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";
import { performance } from "node:perf_hooks";

/** How the proxy fails a listener's LISTEN: hang up, or answer it with an SQL error. */
export type ListenFailure = "drop" | "refuse";

/** What the proxy reports: a listener connection's start-up, or its failed LISTEN. */
export type ProxyEvent = { kind: "start" | "fail"; at: number };

/** A running proxy. */
export interface ListenFailProxy {
  /** `target` with the proxy's host and port instead of the database's. */
  readonly url: string;
  /** Stops accepting and cuts every connection. */
  close(): Promise<void>;
}

/** The message of the error a refused LISTEN gets. */
export const REFUSAL_MESSAGE = "LISTEN refused by the test proxy";

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const QUERY = 0x51; // 'Q', a simple query: the listener's `LISTEN ecology_commit`

/**
 * A TCP proxy in front of the real PostgreSQL of `target` that forwards every byte, except that
 * it fails the LISTEN of the first `failFirst` connections whose start-up names a commit listener
 * (`application_name` "ecology-listen …"): they connect and authenticate, then their first simple
 * query meets a closed socket (`drop`) or an ErrorResponse on a connection that stays up
 * (`refuse`). Other connections (pools, workers) pass untouched; every listener start-up and
 * failure is `report`ed with `performance.now()`. A kernel blocks its thread while its storage
 * worker talks to the database, so one connecting through the proxy needs the proxy in another
 * process: `spawnListenFailProxy`.
 *
 * @example
 * ```ts
 * const proxy = await listenFailProxy(url, 2, "refuse", (e) => console.log(e.kind));
 * await proxy.close();
 * ```
 */
export async function listenFailProxy(
  target: string,
  failFirst: number,
  failure: ListenFailure,
  report: (event: ProxyEvent) => void,
): Promise<ListenFailProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let failed = 0;
  const server = createServer((client) => {
    const database = connect(Number(upstream.port || 5432), upstream.hostname);
    const cutBoth = () => {
      for (const socket of [client, database]) {
        sockets.delete(socket);
        socket.destroy();
      }
    };
    for (const socket of [client, database]) {
      sockets.add(socket);
      socket.on("error", cutBoth);
      socket.on("close", cutBoth);
    }
    database.pipe(client);
    forwardClient(client, database, (isListener) => {
      if (!isListener) return false;
      report({ kind: "start", at: performance.now() });
      if (failed >= failFirst) return false;
      failed++;
      return () => {
        report({ kind: "fail", at: performance.now() });
        // The database is idle here (the client queries only after ReadyForQuery): an injected
        // answer cannot interleave with one of its messages.
        if (failure === "refuse") client.write(refusal());
        else cutBoth();
      };
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as { port: number }).port);
  return {
    url: url.toString(),
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, "close");
    },
  };
}

/**
 * Forwards `client`'s messages to `database`, reading their boundaries: the untyped start-up
 * message (after any SSL or GSS request), then typed ones. `onStartup` says, from whether the
 * start-up names a listener, what to do with the first simple query: `false` forwards it, a
 * function is called instead of forwarding it (later messages are forwarded).
 */
function forwardClient(
  client: Socket,
  database: Socket,
  onStartup: (isListener: boolean) => false | (() => void),
): void {
  let pending = Buffer.alloc(0);
  let started = false;
  let onQuery: false | (() => void) = false;
  client.on("data", (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const length = started ? 1 + readLength(pending, 1) : readLength(pending, 0);
      if (length <= 1 || pending.length < length) return;
      const message = pending.subarray(0, length);
      pending = pending.subarray(length);
      if (!started) {
        const code = message.readInt32BE(4);
        started = code !== SSL_REQUEST && code !== GSS_REQUEST;
        if (started) onQuery = onStartup(message.includes("\0ecology-listen "));
      } else if (message[0] === QUERY && onQuery) {
        const fail = onQuery;
        onQuery = false;
        fail();
        continue;
      }
      if (!database.destroyed) database.write(message);
    }
  });
}

/** An ErrorResponse (SQLSTATE 55000) for the query, then ReadyForQuery: the connection lives on. */
function refusal(): Buffer {
  const fields = Buffer.from(`SERROR\0VERROR\0C55000\0M${REFUSAL_MESSAGE}\0\0`, "latin1");
  const header = Buffer.alloc(5);
  header.write("E", 0, "latin1");
  header.writeInt32BE(4 + fields.length, 1);
  const ready = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]); // 'Z', length 5, 'I' (idle)
  return Buffer.concat([header, fields, ready]);
}

/** The big-endian int32 length at `at`, or 0 when not all four bytes are there yet. */
function readLength(buffer: Buffer, at: number): number {
  return buffer.length < at + 4 ? 0 : buffer.readInt32BE(at);
}
