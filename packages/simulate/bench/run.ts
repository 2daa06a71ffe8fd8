// Simulation throughput: agent actions per second for 100 agents × 1,000 rounds on the real
// kernel (in memory). Run with `pnpm bench` in packages/simulate.
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { type Persona, runScenario, type Scenario } from "../src/index.js";

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

const baseDir = import.meta.dirname;
// Compile once (the first compile in a process parses TypeScript's libs) outside the timing.
await runScenario(scenario(1), { baseDir });

const before = { wall: performance.now(), cpu: process.cpuUsage() };
const report = await runScenario(scenario(1000), { baseDir });
const wall = (performance.now() - before.wall) / 1000;
const cpuUse = process.cpuUsage(before.cpu);
const cpu = (cpuUse.user + cpuUse.system) / 1e6;
const actions = report.kernel.operations;
const turns = 100 * 1000;
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();

console.log(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}`,
);
console.log(
  `load average: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")}; commit ${commit}`,
);
console.log(
  `100 agents × 1,000 rounds: ${turns} turns, ${actions} kernel operations (${report.kernel.failed} refused), ${report.kernel.events} events`,
);
console.log(`wall ${wall.toFixed(1)} s, CPU ${cpu.toFixed(1)} s`);
console.log(`| agent actions per second (wall) | ${Math.round(actions / wall)} |`);
console.log(`| agent actions per CPU-second | ${Math.round(actions / cpu)} |`);
console.log(`| agent turns per second (idle included) | ${Math.round(turns / wall)} |`);
