// Engine comparison (ADR 0041): today's QuickJS build beside the quickjs-ng build that
// quickjs-emscripten ships, in one process and one run, rounds interleaved. Measures a warm
// run (fresh module instance per run, one host call), a run with 100 host calls, cold start
// (the WebAssembly module instantiated, a program loaded and run once) and memory (QuickJS heap
// of one warm sandbox, and process RSS growth for 64 warm sandboxes). `pnpm bench:engines`.
import { execSync } from "node:child_process";
import { loadavg } from "node:os";
import quickjsNg from "@jitl/quickjs-ng-wasmfile-release-sync";
import quickjs from "@jitl/quickjs-wasmfile-release-sync";
import { newQuickJSWASMModuleFromVariant, type QuickJSSyncVariant } from "quickjs-emscripten-core";
import type { HostApi, Runtime } from "../src/index.js";
import { createRuntimeOn } from "../src/runtime.js";

const CODE = `module.exports.use = (input, host) => {
  const state = input.state; state.uses = (state.uses || 0) + 1;
  host.emit("used", { by: input.caller });
  return { result: state.uses, state };
};
module.exports.calls = (input, host) => { let s = 0; for (let i = 0; i < input.n; i++) s += host.balance("a"); return s; };`;
const host: HostApi = { emit: () => null, balance: () => 100 };
const ROUNDS = 7;
const engines = { quickjs, "quickjs-ng": quickjsNg } as Record<string, unknown>;

function cpuUs(n: number, fn: () => void): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function runtimeOf(variant: unknown): Promise<{ runtime: Runtime; coldMs: number }> {
  const t0 = performance.now();
  const module = await newQuickJSWASMModuleFromVariant(variant as QuickJSSyncVariant);
  const runtime = createRuntimeOn(module, { cacheSize: 128 });
  const r = runtime
    .load({ id: "cold", code: CODE })
    .run("use", { state: {}, caller: "a" }, { host });
  if (!r.ok) throw new Error(r.error.message);
  return { runtime, coldMs: performance.now() - t0 };
}

const rt: Record<string, { runtime: Runtime; coldMs: number }> = {};
for (const [name, variant] of Object.entries(engines)) rt[name] = await runtimeOf(variant);
const samples: Record<string, number[]> = {};
const add = (k: string, v: number) => {
  samples[k] ??= [];
  samples[k].push(v);
};
const programs = Object.fromEntries(
  Object.entries(rt).map(([name, { runtime }]) => [name, runtime.load({ id: "p", code: CODE })]),
);
let uses = 0;
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, program] of Object.entries(programs)) {
    add(
      `${name} warm run`,
      cpuUs(
        2000,
        () => void program.run("use", { state: { uses: uses++ }, caller: "a" }, { host }),
      ),
    );
    add(
      `${name} 100 host calls`,
      cpuUs(300, () => void program.run("calls", { n: 100 }, { host })),
    );
    const t0 = performance.now();
    rt[name]?.runtime
      .load({ id: `cold-${r}`, code: `${CODE}\n// ${r}` })
      .run("use", { state: {}, caller: "a" }, { host });
    add(`${name} new sandbox (load + first run)`, (performance.now() - t0) * 1000);
  }
}
const rows: { name: string; value: number; unit: string }[] = [];
for (const [k, v] of Object.entries(samples))
  rows.push({ name: k, value: Number(median(v).toFixed(1)), unit: "µs" });
for (const [name, { coldMs }] of Object.entries(rt))
  rows.push({
    name: `${name} cold start (module + first run)`,
    value: Number(coldMs.toFixed(1)),
    unit: "ms",
  });
for (const [name, program] of Object.entries(programs)) {
  const heap = (program as unknown as { heapBytes(): number }).heapBytes();
  rows.push({ name: `${name} warm sandbox heap`, value: heap, unit: "bytes" });
}
for (const [name, { runtime }] of Object.entries(rt)) {
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  for (let i = 0; i < 64; i++)
    runtime
      .load({ id: `m${i}`, code: `${CODE}\n// m${i}` })
      .run("use", { state: {}, caller: "a" }, { host });
  rows.push({
    name: `${name} RSS growth, 64 warm sandboxes`,
    value: Math.round((process.memoryUsage().rss - rss0) / 1024),
    unit: "KiB",
  });
}
const commit = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
console.log(
  `commit ${commit}, node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}, ${ROUNDS} interleaved rounds (median, CPU time)`,
);
console.table(rows);
const ratio = (k: string) =>
  (median(samples[`quickjs-ng ${k}`] ?? []) / median(samples[`quickjs ${k}`] ?? [])).toFixed(2);
console.log(
  `quickjs-ng ÷ quickjs: warm run ${ratio("warm run")}×, 100 host calls ${ratio("100 host calls")}×, new sandbox ${ratio("new sandbox (load + first run)")}×`,
);
// Disposing a quickjs-ng runtime aborts the module (its release build asserts that no object
// is left on the runtime's GC list; see ADR 0041), so only today's engine is disposed.
rt.quickjs?.runtime.dispose();
