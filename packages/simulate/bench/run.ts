// Simulation throughput: agent actions per second for 100 agents × 1,000 rounds on the real
// kernel (in memory), beside the same mix of operations called on the kernel directly (the
// simulator's overhead is the difference). Run with `pnpm bench` in packages/simulate.
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { createKernel } from "@ecology/kernel";
import { compileContract } from "@ecology/sdk/compiler";
import { type Persona, runScenario, type Scenario, START_TIME } from "../src/index.js";

/** Uses the service half the time, pays another agent 1 scrip 30 %, idles the rest. */
const customer: Persona = {
  name: "customer",
  act(view, rng) {
    const roll = rng.next();
    if (roll < 0.5)
      return { kind: "invoke", target: "service", method: "use", args: [`q${view.round}`] };
    if (roll < 0.8) return { kind: "transfer", to: `customer-${1 + rng.int(100)}`, amount: 1 };
    return undefined;
  },
};

const scenario = (rounds: number): Scenario => ({
  name: "bench",
  rounds,
  contracts: [{ id: "service", file: "./service.ts" }],
  population: [{ persona: customer, count: 100, scrip: 10_000 }],
});

/** Runs `fn`, returning operations per wall second and per CPU second. */
async function rate(
  fn: () => Promise<number>,
): Promise<{ wall: number; cpu: number; ops: number }> {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  const ops = await fn();
  const cpu = process.cpuUsage(cpu0);
  return {
    ops,
    wall: ops / ((performance.now() - wall0) / 1000),
    cpu: ops / ((cpu.user + cpu.system) / 1e6),
  };
}

/** The same mix straight on the kernel: 5 service calls to 3 transfers, 100 callers. */
async function kernelOnly(n: number): Promise<number> {
  const built = await compileContract(`${import.meta.dirname}/service.ts`);
  if (!built.ok) throw new Error("service.ts does not compile");
  let now = START_TIME;
  const k = await createKernel({ clock: () => now });
  k.createPrincipal("deployer", { scrip: 0 });
  for (let i = 1; i <= 100; i += 1) k.createPrincipal(`c-${i}`, { scrip: 10_000 });
  k.deploy("deployer", { id: "service", code: built.code, args: [] });
  for (let i = 0; i < n; i += 1) {
    now += 1;
    const who = `c-${1 + (i % 100)}`;
    if (i % 8 < 5) k.invoke(who, "service", "use", [`q${i}`]);
    else k.invoke(who, "genesis_ledger", "transfer", [`c-${1 + ((i * 7) % 100)}`, 1]);
  }
  k.close();
  return n;
}

const baseDir = import.meta.dirname;
// Compile once (the first compile in a process parses TypeScript's libs) outside the timing.
await runScenario(scenario(1), { baseDir });
const sim = await rate(
  async () => (await runScenario(scenario(1000), { baseDir })).kernel.operations,
);
const direct = await rate(() => kernelOnly(20_000));
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
const f = (n: number) => Math.round(n).toLocaleString("en-US");

console.log(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}`,
);
console.log(
  `load average after the run: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")}; commit ${commit}`,
);
console.log(`100 agents × 1,000 rounds: 100,000 turns, ${f(sim.ops)} kernel operations`);
console.log("| | actions / s | actions / CPU-second |");
console.log("|---|---|---|");
console.log(
  `| simulation (views, personas, checks every round, log verified) | ${f(sim.wall)} | ${f(sim.cpu)} |`,
);
console.log(
  `| the same operations called on the kernel directly | ${f(direct.wall)} | ${f(direct.cpu)} |`,
);
