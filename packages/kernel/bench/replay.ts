// Replay speed beside live invoke speed on the same history (issue 16): one history of
// pay-per-use invokes and transfers is made live, exported, then re-executed by `replay`
// without overrides (one replay kernel) and with one override (two kernels side by side).
// Rates are per CPU-second of this process. Run with `pnpm bench` in packages/kernel.
import { loadavg } from "node:os";
import { createKernel, type JournalRecord, type Kernel, replay } from "../src/index.js";
import { contract } from "../src/test-fixtures/contracts.js";

const SERVICE_JS = `module.exports = { default: { methods: {
  use(ctx) { ctx.state.uses = (ctx.state.uses || 0) + 1; ctx.emit("used", { by: ctx.caller }); return ctx.state.uses; },
} } };`;
const SERVICE = contract(SERVICE_JS, { methods: { use: 0 } });
const SERVICE_V2 = contract(SERVICE_JS.replace("+ 1;", "+ 2;"), { methods: { use: 0 } });

function cpuSeconds<T>(fn: () => T): { value: T; seconds: number } {
  const c0 = process.cpuUsage();
  const value = fn();
  const c = process.cpuUsage(c0);
  return { value, seconds: (c.user + c.system) / 1e6 };
}

async function cpuSecondsAsync<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const c0 = process.cpuUsage();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, seconds: (c.user + c.system) / 1e6 };
}

function journalOf(k: Kernel): JournalRecord[] {
  const out: JournalRecord[] = [];
  for (let after = 0; ; ) {
    const env = k.journal({ after, limit: 1000 });
    if (!env.success) throw new Error(env.error.message);
    out.push(...env.result.records);
    if (env.result.next === null) return out;
    after = env.result.next;
  }
}

/** Prints the live, replay and replay-with-override rates over `n` operations. */
export async function replayBench(n = Number(process.env.BENCH_REPLAY ?? 20_000)): Promise<void> {
  const k = await createKernel({ clock: () => 1_700_000_000_000 });
  k.createPrincipal("a", { scrip: 1e15 });
  k.createPrincipal("b", { scrip: 1e15 });
  k.deploy("b", { id: "svc", code: SERVICE, policy: { invokePrice: 1 } });
  const live = cpuSeconds(() => {
    for (let i = 0; i < n; i++) {
      if (i % 2 === 0) k.invoke("a", "svc", "use", []);
      else k.invoke("a", "genesis_ledger", "transfer", ["b", 1]);
    }
  });
  const records = journalOf(k);
  k.close();
  const same = await cpuSecondsAsync(() => replay(records));
  const changed = await cpuSecondsAsync(() => replay(records, { code: { svc: SERVICE_V2 } }));
  if (!same.value.success || !same.value.result.identical) throw new Error("replay diverged");
  if (!changed.value.success) throw new Error(changed.value.error.message);
  const rate = (ops: number, s: number) => `${Math.round(ops / s).toLocaleString("en-US")}/s`;
  console.log(
    `\nreplay: ${n.toLocaleString("en-US")} operations (half pay-per-use, half transfers), in memory`,
  );
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log("| run | operations per CPU-second | ÷ live |\n|---|---|---|");
  console.log(`| live (kernel.invoke) | ${rate(n, live.seconds)} | 1.00 |`);
  console.log(
    `| replay, no overrides (determinism check) | ${rate(records.length, same.seconds)} | ${(records.length / same.seconds / (n / live.seconds)).toFixed(2)} |`,
  );
  console.log(
    `| replay with svc overridden (two kernels, ${changed.value.result.divergences.length.toLocaleString("en-US")} divergences) | ${rate(records.length, changed.seconds)} | ${(records.length / changed.seconds / (n / live.seconds)).toFixed(2)} |`,
  );
}
