import { cpus } from "node:os";
import { createContext, Script } from "node:vm";
import { Bench } from "tinybench";
import { createRuntime, type HostApi, type JsonValue } from "../src/index.js";

/**
 * Runtime benchmarks, side by side in one process (issue 3): a warm isolated run of a trivial
 * method with one host call, the cost of one JSON host call, a cold load of a 50 KB program,
 * and the same trivial method under node:vm and SES as baselines. SES runs last because
 * `lockdown()` hardens the whole process.
 */
const TRIVIAL = `module.exports.transfer = (input, host) => {
  const balance = host.balance(input.from);
  return { ok: balance >= input.amount, left: balance - input.amount };
};
module.exports.calls = (input, host) => { let s = 0; for (let i = 0; i < input.n; i++) s += host.balance("a"); return s; };
module.exports.objects = (input, host) => { let s = 0; for (let i = 0; i < input.n; i++) s += host.account({ id: "a", i }).balance; return s; };
module.exports.pays = (input, host) => { let s = 0; for (let i = 0; i < input.n; i++) s += host.pay({ to: "bob", amount: 5 }).balance; return s; };`;
const INPUT = { from: "alice", amount: 5 };
const host: HostApi = {
  balance: () => 100,
  account: (query) => ({ id: (query as { id: string }).id, balance: 100, tags: ["x"] }),
  pay: () => ({ ok: true, balance: 95 }),
};

function bigProgram(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const fn = `function helper${i}(state, args) {\n  const out = { ...state, n: (state.n || 0) + ${i} };\n  for (const key of Object.keys(args)) { if (typeof args[key] === "number") out[key] = args[key] * ${i % 7}; }\n  return out;\n}\n`;
    parts.push(fn);
    size += fn.length;
  }
  parts.push("module.exports.main = (input) => helper0(input, {});\n");
  return parts.join("");
}

const runtime = await createRuntime();
const program = runtime.load({ id: "trivial", code: TRIVIAL });
const big = bigProgram(50 * 1024);
let coldId = 0;

const bench = new Bench({ time: 1000, warmupTime: 200 });
bench
  .add("quickjs: warm isolated run, 1 host call", () => {
    program.run("transfer", INPUT, { host });
  })
  .add("quickjs: run with 0 host calls (n=0)", () => {
    program.run("calls", { n: 0 }, { host });
  })
  .add("quickjs: run with 100 host calls (n=100)", () => {
    program.run("calls", { n: 100 }, { host });
  })
  .add("quickjs: run with 100 object host calls (n=100)", () => {
    program.run("objects", { n: 100 }, { host });
  })
  .add("quickjs: run with 100 small-object host calls (n=100)", () => {
    program.run("pays", { n: 100 }, { host });
  })
  .add(`quickjs: cold load of a ${Math.round(big.length / 1024)} KB program`, () => {
    runtime.load({ id: `cold-${coldId++}`, code: big }).dispose();
  });

// node:vm baseline: one warm context, the module factory compiled once, a fresh instance per run.
const vmContext = createContext({});
const vmFactory = new Script(`(function (module, exports) {\n${TRIVIAL}\n})`).runInContext(
  vmContext,
) as (module: { exports: Record<string, unknown> }, exports: unknown) => void;
bench.add("node:vm: warm run, fresh instance, 1 host call", () => {
  const module = { exports: {} as Record<string, (i: unknown, h: unknown) => unknown> };
  vmFactory(module, module.exports);
  JSON.stringify(module.exports.transfer?.(JSON.parse(JSON.stringify(INPUT)), host));
});

await bench.run();

// SES baseline last: lockdown() freezes this process's intrinsics.
await import("ses");
const g = globalThis as unknown as {
  lockdown: (options?: object) => void;
  harden: <T>(x: T) => T;
  Compartment: new (options?: object) => { evaluate: (src: string) => unknown };
};
g.lockdown({ errorTaming: "unsafe", overrideTaming: "severe", consoleTaming: "unsafe" });
const compartment = new g.Compartment({ __options__: true, globals: {} });
const sesFactory = compartment.evaluate(`(function (module, exports) {\n${TRIVIAL}\n})`) as (
  module: { exports: Record<string, unknown> },
  exports: unknown,
) => void;
const sesHost = g.harden({ balance: () => 100 });
const sesBench = new Bench({ time: 1000, warmupTime: 200 });
sesBench.add("ses: warm run, fresh instance, 1 host call", () => {
  const module = { exports: {} as Record<string, (i: unknown, h: unknown) => unknown> };
  sesFactory(module, module.exports);
  JSON.stringify(module.exports.transfer?.(JSON.parse(JSON.stringify(INPUT)), sesHost));
});
await sesBench.run();

const medianUs = (name: string): number => {
  const task = [...bench.tasks, ...sesBench.tasks].find((t) => t.name === name);
  const result = task?.result as { latency?: { p50?: number } } | undefined;
  return (result?.latency?.p50 ?? Number.NaN) * 1000;
};
const rows = [...bench.tasks, ...sesBench.tasks].map((task) => ({
  name: task.name,
  medianUs: Number(medianUs(task.name).toFixed(2)),
}));
console.log(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? "unknown"}, Node ${process.version}`,
);
console.table(rows);
const warm = medianUs("quickjs: warm isolated run, 1 host call");
const hostCall =
  (medianUs("quickjs: run with 100 host calls (n=100)") -
    medianUs("quickjs: run with 0 host calls (n=0)")) /
  100;
// CPU time per operation (process.cpuUsage has µs resolution): robust to other jobs sharing
// the machine, which inflate wall-clock medians.
function cpuUs(iterations: number, fn: () => void): number {
  for (let i = 0; i < Math.min(iterations, 1000); i++) fn();
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) fn();
  const spent = process.cpuUsage(start);
  return (spent.user + spent.system) / iterations;
}
const cpuWarm = cpuUs(20_000, () => program.run("transfer", INPUT, { host }));
const cpuHost =
  (cpuUs(2_000, () => program.run("calls", { n: 100 }, { host })) -
    cpuUs(2_000, () => program.run("calls", { n: 0 }, { host }))) /
  100;
const cpuZero = cpuUs(2_000, () => program.run("calls", { n: 0 }, { host }));
const cpuPay = (cpuUs(2_000, () => program.run("pays", { n: 100 }, { host })) - cpuZero) / 100;
const cpuCold = cpuUs(20, () => runtime.load({ id: `cold-${coldId++}`, code: big }).dispose());
console.log(
  `CPU time per op: warm run ${cpuWarm.toFixed(1)} µs, host call ${cpuHost.toFixed(2)} µs, small-object host call ${cpuPay.toFixed(2)} µs, cold load ${(cpuCold / 1000).toFixed(1)} ms`,
);
const sample = program.run("transfer", INPUT as JsonValue, { host });
console.log(`warm isolated run (median): ${warm.toFixed(1)} µs (target ≤ 50)`);
const objectCall =
  (medianUs("quickjs: run with 100 object host calls (n=100)") -
    medianUs("quickjs: run with 0 host calls (n=0)")) /
  100;
console.log(
  `one host call, string argument, number result: ${hostCall.toFixed(2)} µs (target ≤ 5)`,
);
const payCall =
  (medianUs("quickjs: run with 100 small-object host calls (n=100)") -
    medianUs("quickjs: run with 0 host calls (n=0)")) /
  100;
console.log(
  `one host call, { id, i } in, { id, balance, tags: [..] } out: ${objectCall.toFixed(2)} µs`,
);
console.log(
  `one host call, { to, amount } in, { ok, balance } out: ${payCall.toFixed(2)} µs (target ≤ 5)`,
);
console.log(`compute units of the trivial method: ${sample.compute}`);
console.log(
  `vs node:vm: ${(warm / medianUs("node:vm: warm run, fresh instance, 1 host call")).toFixed(1)}×`,
);
console.log(
  `vs ses: ${(warm / medianUs("ses: warm run, fresh instance, 1 host call")).toFixed(1)}×`,
);
runtime.dispose();
