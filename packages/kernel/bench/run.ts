// Kernel benchmarks (issue 4): each figure is printed beside a plain-JavaScript baseline of the
// same logic and their ratio. Run with `pnpm bench` in packages/kernel.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Bench } from "tinybench";
import { createKernel, type Kernel } from "../src/index.js";
import { contract } from "../src/test-fixtures/contracts.js";
import { grantsBench } from "./grants.js";
import { postgresBench } from "./postgres.js";
import { replayBench } from "./replay.js";

/** The pay-per-use service: updates its state, is paid its price, emits an event. */
const SERVICE = contract(
  `module.exports = { default: { methods: {
    use(ctx) { ctx.state.uses = (ctx.state.uses || 0) + 1; ctx.emit("used", { by: ctx.caller }); return ctx.state.uses; },
  } } };`,
  { methods: { use: 0 } },
);

type Row = {
  name: string;
  kernel: string;
  cpu: string;
  baseline: string;
  ratio: string;
  target: string;
};
const rows: Row[] = [];
const fixedClock = () => 1_700_000_000_000;

function opsPerSecond(bench: Bench, name: string): number {
  const r = bench.getTask(name)?.result as { period?: number } | undefined;
  return r?.period ? 1000 / r.period : 0;
}

/**
 * Operations per CPU-second of this process over `n` calls: steadier than wall-clock rates on
 * a shared machine, where other processes take turns on the same cores.
 */
function cpuRate(fn: () => void, n: number): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) fn();
  const c = process.cpuUsage(c0);
  return n / ((c.user + c.system) / 1e6);
}

function p50(bench: Bench, name: string): number {
  const r = bench.getTask(name)?.result as { latency?: { p50: number } } | undefined;
  return r?.latency?.p50 ?? Number.NaN;
}

/** A plain-JS ledger with the same checks and a sha256-chained event array. */
function jsEconomy() {
  const balances = new Map<string, number>([
    ["a", 1e15],
    ["b", 1e15],
  ]);
  const events: { seq: number; type: string; data: object; hash: string }[] = [];
  let head = "0".repeat(64);
  const emit = (type: string, data: object) => {
    const seq = events.length + 1;
    head = createHash("sha256")
      .update(head)
      .update(JSON.stringify([seq, type, data]))
      .digest("hex");
    events.push({ seq, type, data, hash: head });
  };
  const transfer = (from: string, to: string, amount: number) => {
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new Error("bad amount");
    if (!balances.has(to)) throw new Error("no recipient");
    const have = balances.get(from) ?? 0;
    if (have < amount) throw new Error("insufficient");
    balances.set(from, have - amount);
    balances.set(to, (balances.get(to) ?? 0) + amount);
    emit("scrip.transferred", { from, to, amount });
  };
  const state = { uses: 0 };
  const use = (caller: string) => {
    transfer(caller, "b", 1);
    state.uses += 1;
    emit("contract.used", { by: caller });
    emit("invoke.succeeded", { method: "use" });
    return state.uses;
  };
  return { transfer, use };
}

async function economy(storage: string): Promise<Kernel> {
  const k = await createKernel({ storage, clock: fixedClock });
  k.createPrincipal("a", { scrip: 1e15 });
  k.createPrincipal("b", { scrip: 1e15 });
  k.deploy("b", { id: "svc", code: SERVICE, policy: { invokePrice: 1 } });
  return k;
}

async function throughput(dir: string): Promise<void> {
  const mem = await economy(":memory:");
  const file = await economy(join(dir, "bench.db"));
  const js = jsEconomy();
  const bench = new Bench({ time: 1500, warmupTime: 300 });
  bench
    .add("transfer kernel", () => {
      mem.invoke("a", "genesis_ledger", "transfer", ["b", 1]);
    })
    .add("transfer js", () => js.transfer("a", "b", 1))
    .add("ppu kernel memory", () => {
      mem.invoke("a", "svc", "use", []);
    })
    .add("ppu kernel wal", () => {
      file.invoke("a", "svc", "use", []);
    })
    .add("ppu js", () => js.use("a"));
  bench.runSync();
  const t = (n: string) => opsPerSecond(bench, n);
  const fmt = (n: number) => `${Math.round(n).toLocaleString("en-US")}/s`;
  const cpu = {
    transfer: fmt(cpuRate(() => mem.invoke("a", "genesis_ledger", "transfer", ["b", 1]), 20_000)),
    mem: fmt(cpuRate(() => mem.invoke("a", "svc", "use", []), 5_000)),
    wal: fmt(cpuRate(() => file.invoke("a", "svc", "use", []), 5_000)),
  };
  rows.push({
    name: "genesis_ledger.transfer (memory)",
    kernel: fmt(t("transfer kernel")),
    cpu: cpu.transfer,
    baseline: fmt(t("transfer js")),
    ratio: (t("transfer js") / t("transfer kernel")).toFixed(1),
    target: "≥ 50,000/s",
  });
  rows.push({
    name: "pay-per-use invoke (memory)",
    kernel: fmt(t("ppu kernel memory")),
    cpu: cpu.mem,
    baseline: fmt(t("ppu js")),
    ratio: (t("ppu js") / t("ppu kernel memory")).toFixed(1),
    target: "≥ 10,000/s",
  });
  rows.push({
    name: "pay-per-use invoke (WAL file)",
    kernel: fmt(t("ppu kernel wal")),
    cpu: cpu.wal,
    baseline: fmt(t("ppu js")),
    ratio: (t("ppu js") / t("ppu kernel wal")).toFixed(1),
    target: "≥ 5,000/s",
  });
  for (const k of [mem, file]) {
    k.checkInvariants();
    k.close();
  }
}

async function query(): Promise<void> {
  const total = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const k = await createKernel({ clock: fixedClock });
  const people = Array.from({ length: 100 }, (_, i) => `p${i}`);
  for (const p of people) k.createPrincipal(p, { scrip: 1e9 });
  const js: {
    seq: number;
    type: string;
    actor: string;
    target?: string;
    data: { [key: string]: unknown };
  }[] = [];
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  const t0 = performance.now();
  let seq = (k.verifyLog() as { count: number }).count;
  while (seq < total) {
    const from = people[next() % 100] as string;
    const to = people[next() % 100] as string;
    const env = k.invoke(from, "genesis_ledger", "transfer", [to, 1 + (next() % 5)]);
    seq += env.success ? env.events.length : 1;
  }
  const page = k.events({ after: 0, limit: 1000 });
  for (let after = 0; ; ) {
    const p =
      after === 0 && page.success
        ? page.result
        : (
            k.events({ after, limit: 1000 }) as {
              success: true;
              result: { events: typeof js; next: number | null };
            }
          ).result;
    js.push(...p.events);
    if (p.next === null) break;
    after = p.next;
  }
  console.log(
    `populated ${js.length.toLocaleString("en-US")} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const scan = (f: { principal?: string; type?: string; after: number }) => {
    const out = [];
    for (let i = f.after; i < js.length && out.length < 100; i++) {
      const e = js[i] as (typeof js)[number];
      if (f.type && e.type !== f.type) continue;
      if (
        f.principal &&
        e.actor !== f.principal &&
        e.target !== f.principal &&
        !Object.values(e.data).includes(f.principal)
      )
        continue;
      out.push(e);
    }
    return out;
  };
  const bench = new Bench({ time: 1500, warmupTime: 200 });
  const randomAfter = () => next() % (js.length - 10_000);
  const randomPerson = () => people[next() % 100] as string;
  bench
    .add("query kernel", () => {
      k.events({
        principal: randomPerson(),
        types: ["scrip.transferred"],
        after: randomAfter(),
        limit: 100,
      });
    })
    .add("query js", () =>
      scan({ principal: randomPerson(), type: "scrip.transferred", after: randomAfter() }),
    );
  bench.runSync();
  const kp = p50(bench, "query kernel");
  const jp = p50(bench, "query js");
  rows.push({
    name: `event query, principal + type, over ${js.length.toLocaleString("en-US")} events (p50)`,
    kernel: `${kp.toFixed(3)} ms`,
    cpu: "",
    baseline: `${jp.toFixed(3)} ms`,
    ratio: (kp / jp).toFixed(2),
    target: "p50 ≤ 5 ms",
  });
  k.close();
}

const dir = mkdtempSync(join(tmpdir(), "ecology-bench-"));
try {
  console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}`);
  await throughput(dir);
  await query();
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    "\n| benchmark | kernel (wall) | kernel (per CPU-second) | plain JS | JS/kernel | target |\n|---|---|---|---|---|---|",
  );
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.kernel} | ${r.cpu} | ${r.baseline} | ${r.ratio} | ${r.target} |`,
    );
  }
  await replayBench();
  await grantsBench();
  await postgresBench();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
