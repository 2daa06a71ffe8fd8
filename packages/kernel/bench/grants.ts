// What enforcing a grant costs an invoke (issue 18): the same pay-per-use invoke and ledger
// transfer, by the principal itself and under a grant (spend, perCall and targets set), in
// interleaved batches so both see the same machine load. Rates are per CPU-second of this
// process. Run with `pnpm bench` in packages/kernel.
import { loadavg } from "node:os";
import { createKernel, type GrantCaller, type Kernel } from "../src/index.js";
import { contract } from "../src/test-fixtures/contracts.js";

const SERVICE = contract(
  `module.exports = { default: { methods: {
    use(ctx) { ctx.state.uses = (ctx.state.uses || 0) + 1; ctx.emit("used", { by: ctx.caller }); return ctx.state.uses; },
  } } };`,
  { methods: { use: 0 } },
);

function cpuSeconds(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Ratios (under a grant ÷ plain) of CPU time per call, median over `rounds` batch pairs. */
export async function grantsBench(rounds = Number(process.env.BENCH_GRANT_ROUNDS ?? 15)) {
  const k: Kernel = await createKernel({ clock: () => 1_700_000_000_000 });
  k.createPrincipal("a", { scrip: 1e15 });
  k.createPrincipal("b", { scrip: 1e15 });
  k.deploy("b", { id: "svc", code: SERVICE, policy: { invokePrice: 1 } });
  const issued = k.createGrant("a", {
    spend: 1e15,
    perCall: 10,
    targets: ["svc.use", "genesis_ledger.transfer"],
  });
  if (!issued.success) throw new Error(issued.error.message);
  const agent: GrantCaller = { principal: "a", grant: issued.result.grant.id };
  const batch = 1000;
  const cases = {
    "pay-per-use invoke": (as: string | GrantCaller) => k.invoke(as, "svc", "use", []),
    "genesis_ledger.transfer": (as: string | GrantCaller) =>
      k.invoke(as, "genesis_ledger", "transfer", ["b", 1]),
  };
  console.log(`\ngrants: ${rounds} interleaved pairs of ${batch}-call batches, in memory`);
  console.log("| call | plain (per CPU-second) | under a grant | grant ÷ plain (CPU per call) |");
  console.log("|---|---|---|---|");
  for (const [name, call] of Object.entries(cases)) {
    const plain: number[] = [];
    const granted: number[] = [];
    for (let r = 0; r < rounds; r++) {
      plain.push(
        cpuSeconds(() => {
          for (let i = 0; i < batch; i++) call("a");
        }),
      );
      granted.push(
        cpuSeconds(() => {
          for (let i = 0; i < batch; i++) call(agent);
        }),
      );
    }
    const ratios = plain.map((p, i) => (granted[i] as number) / p);
    const rate = (s: number) => `${Math.round(batch / s).toLocaleString("en-US")}/s`;
    console.log(
      `| ${name} | ${rate(median(plain))} | ${rate(median(granted))} | ${median(ratios).toFixed(2)} |`,
    );
  }
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  k.checkInvariants();
  k.close();
}
