// The projection printed by bench/postgres.ts: what N servers on N machines would reach, from
// the per-invoke costs measured on this (2-core, everything-on-one-box) machine.

/** One row of the PostgreSQL benchmark. */
export interface Row {
  label: string;
  servers: number;
  clients: number;
  hot: boolean;
  invokes: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU ms all server processes spent per invoke. */
  serverCpu: number;
  /** CPU ms all postgres processes spent per invoke. */
  dbCpu?: number;
  /** Voluntary waits of the postgres processes per invoke (round trips + lock and WAL waits). */
  dbWaits?: number;
  /** Database transactions per invoke. */
  dbTx?: number;
}

/** Assumptions of the projection; change them here, they are printed with it. */
const ASSUMED = {
  /** Round-trip time between a server machine and the database machine, ms (same data centre). */
  rttMs: 0.25,
  /** Cores of the database machine PostgreSQL can use in parallel. */
  dbCores: 8,
  /** Server machines run one Node process each; Node runs the kernel on one core. */
  serverCores: 1,
};

/**
 * Prints the projection: N servers reach at most the smallest of (a) N × what one server's CPU
 * allows, (b) what the database machine's CPU allows, (c) what the economy-wide order allows —
 * transactions commit one at a time, so each holds the global lock for its round trips at
 * network RTT plus its database time (the kernel executes inside it too, on the server).
 */
export function printProjection(rows: Row[]): void {
  const one = rows.find(
    (r) => r.servers === 1 && r.dbCpu !== undefined && !r.hot && r.clients === 8,
  );
  if (!one || one.dbCpu === undefined || one.dbWaits === undefined) return;
  const serverCap = (ASSUMED.serverCores * 1000) / one.serverCpu;
  const dbCap = (ASSUMED.dbCores * 1000) / one.dbCpu;
  // Time the global lock is held per transaction: all its round trips at the network RTT, the
  // database's own work, and the kernel's execution on the server (serverCpu is an upper bound:
  // it includes HTTP and JSON work done outside the lock).
  const lockMs = one.dbWaits * ASSUMED.rttMs + one.dbCpu + one.serverCpu;
  const orderCap = 1000 / lockMs;
  console.log("\nProjection: N servers on N machines, one PostgreSQL machine");
  console.log(
    `assumptions: server→database RTT ${ASSUMED.rttMs} ms; ${ASSUMED.dbCores} database cores, linear; one core per server (Node); per-invoke costs of "${one.label}, ${one.clients} clients, uncontended": server CPU ${one.serverCpu.toFixed(3)} ms, database CPU ${one.dbCpu.toFixed(3)} ms, ${one.dbWaits.toFixed(1)} round trips (the database's voluntary waits: an upper bound); the global lock held for round trips × RTT + database CPU + server CPU (upper bound)`,
  );
  console.log(
    `caps: servers ${serverCap.toFixed(0)}/s each, database CPU ${dbCap.toFixed(0)}/s, global order ${orderCap.toFixed(0)}/s`,
  );
  console.log("| servers | projected invokes/s | bound by |");
  console.log("|---:|---:|---|");
  for (const n of [1, 2, 4, 8, 16]) {
    const caps = [
      { by: "server CPU", value: n * serverCap },
      { by: "database CPU", value: dbCap },
      { by: "global order (lock hold time)", value: orderCap },
    ];
    const bound = caps.reduce((a, b) => (b.value < a.value ? b : a));
    console.log(`| ${n} | ${bound.value.toFixed(0)} | ${bound.by} |`);
  }
}
