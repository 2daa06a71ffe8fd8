// The PostgreSQL side of the synchronous bridge (ADR 0040), run in a worker thread: it owns
// one `pg` connection and executes the statements the kernel thread posts, in order. A request
// that wants a reply gets it on the port, then the shared counter is bumped and notified, which
// wakes the kernel thread blocked in Atomics.wait. Requests that want no reply (pipelined
// writes) run as they come; the first error among them is reported with the next reply.
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";

const { port, signal, connectionString, schema, connectTimeoutMs } = workerData;
const wake = new Int32Array(signal);

// Scrip, times and sequence numbers are BIGINT; every value the kernel stores is a safe
// integer, so numbers (not strings) come back, as SQLite gives them.
const types = {
  getTypeParser(oid, format) {
    if (oid === 20 || oid === 1700) return (text) => (text === null ? null : Number(text));
    return pg.types.getTypeParser(oid, format);
  },
};

const client = new pg.Client({
  connectionString,
  connectionTimeoutMillis: connectTimeoutMs,
  types,
});
/** Named prepared statements by SQL text: each parsed once per connection (and binding). */
const names = new Map();
/**
 * Bumped by each rebind. `pg` remembers which names it has parsed on the connection and would
 * skip parsing a name again after DEALLOCATE ALL, so every binding uses fresh names.
 */
let generation = 0;
/** The first error of a pipelined statement since the last reply. */
let deferred = null;
/** Set when the connection itself failed: every later request fails with it. */
let broken = null;
let queue = Promise.resolve();

client.on("error", (e) => {
  broken = e;
});
client.on("end", () => {
  broken ??= new Error("the connection to PostgreSQL ended");
});

function statement(sql, params) {
  if (params.length === 0) return { text: sql };
  let name = names.get(sql);
  if (name === undefined) {
    name = `g${generation}s${names.size}`;
    names.set(sql, name);
  }
  return { name, text: sql, values: params };
}

function describe(e, sql) {
  return { message: e.message, sqlState: e.code, sql: sql?.slice(0, 200) };
}

async function execute(op) {
  const [sql, params, mode] = op;
  const r = await client.query(statement(sql, params));
  if (mode === "get") return r.rows[0];
  if (mode === "all") return r.rows;
  if (mode === "count") return r.rowCount ?? 0;
  return undefined;
}

/**
 * Points the connection at another schema (a pooled connection reused by the next economy):
 * prepared statements name the previous schema's tables, so they are dropped first.
 */
async function rebind(schema) {
  // A previous owner closed mid-transaction (a failed test): end it (a no-op warning otherwise).
  await client.query("ROLLBACK");
  await client.query("DEALLOCATE ALL");
  names.clear();
  generation++;
  await client.query(`SET search_path TO "${schema}"`);
}

async function handle(msg) {
  if (msg.discardDeferred) deferred = null;
  if (msg.rebind) deferred = null;
  if (!msg.reply) {
    for (const op of msg.ops) {
      try {
        if (broken) throw broken;
        await execute(op);
      } catch (e) {
        deferred ??= describe(e, op[0]);
      }
    }
    return;
  }
  let answer;
  try {
    if (broken) throw broken;
    if (deferred) {
      answer = { error: deferred };
      deferred = null;
    } else {
      if (msg.rebind) await rebind(msg.rebind);
      const results = [];
      for (const op of msg.ops) results.push(await execute(op));
      answer = { results };
    }
  } catch (e) {
    answer = { error: describe(e, msg.ops.at(-1)?.[0]) };
  }
  port.postMessage(answer);
  Atomics.add(wake, 0, 1);
  Atomics.notify(wake, 0);
}

async function start() {
  try {
    await client.connect();
    // Our schema first: every unqualified table name the kernel uses resolves there.
    await client.query(`SET search_path TO "${schema}"`);
    parentPort.postMessage({ ready: true });
  } catch (e) {
    parentPort.postMessage({ ready: false, error: describe(e) });
    return;
  }
  port.on("message", (msg) => {
    queue = queue.then(() => handle(msg));
  });
}

start();
