// Where a warm sandbox run's time goes (issue 19, ADR 0041): the same small method on one
// QuickJS module, measured in one process, rounds interleaved, CPU medians —
//   bare call        the method of a module instantiated once (no isolation between calls)
//   fresh instance   a new module instance per call, as every run gets (no metering)
//   + metering       the same with the runtime's instrumentation (charge sites) compiled in
//   full run         `program.run`: hardened context, input and output JSON, meter, host call
//   node:vm          a fresh instance per call in a warm node:vm context
// `pnpm bench:per-run`.
import { loadavg } from "node:os";
import { createContext, Script } from "node:vm";
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core";
import { createRuntime, type HostApi } from "../src/index.js";
import { instrument } from "../src/instrument.js";
import { PREFIX } from "../src/program-text.js";
import { loadQuickJs } from "../src/quickjs.js";

const CODE = `module.exports.use = (input, host) => {
  const state = input.state; state.uses = (state.uses || 0) + 1;
  host.emit("used", { by: input.caller });
  return { result: state.uses, state };
};`;
const INPUT = JSON.stringify({ state: { uses: 1 }, caller: "a" });
const ROUNDS = 9;

function cpuUs(n: number, fn: () => void): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
}

/** A plain QuickJS context holding `factory` (the module wrapper) and two drivers. */
function rawContext(ctx: QuickJSContext, factorySource: string) {
  const driver = ctx.unwrapResult(
    ctx.evalCode(`(function (factory) {
      const host = { emit: function () { return null; } };
      const once = { exports: {} }; factory(once, once.exports);
      return {
        fresh: function (text) { const m = { exports: {} }; factory(m, m.exports); return JSON.stringify(m.exports.use(JSON.parse(text), host)); },
        bare: function (text) { return JSON.stringify(once.exports.use(JSON.parse(text), host)); },
      };
    })`),
  );
  const factory = ctx.unwrapResult(ctx.evalCode(factorySource));
  const api = ctx.unwrapResult(ctx.callFunction(driver, ctx.undefined, factory));
  const fns = { fresh: ctx.getProp(api, "fresh"), bare: ctx.getProp(api, "bare") };
  for (const h of [driver, factory, api]) h.dispose();
  const call = (fn: QuickJSHandle) => () => {
    const input = ctx.newString(INPUT);
    const out = ctx.unwrapResult(ctx.callFunction(fn, ctx.undefined, input));
    ctx.getString(out);
    out.dispose();
    input.dispose();
  };
  const dispose = () => {
    fns.fresh.dispose();
    fns.bare.dispose();
  };
  return { fresh: call(fns.fresh), bare: call(fns.bare), dispose };
}

const module = await loadQuickJs();
const plain = module.newContext();
const raw = rawContext(plain, `(function (module, exports) {\n${CODE}\n})`);
const metered = module.newContext();
const meteredFactory = `(function () { let left = 1e12;
  const charge = function (n) { left -= n; if (left < 0) throw new Error("out of compute"); };
  const pass = function (x) { return x; };
  return ${PREFIX}${instrument(CODE).code}\n}})(charge, pass, pass, pass);
})()`;
const instrumented = rawContext(metered, meteredFactory);

const runtime = await createRuntime();
const program = runtime.load({ id: "per-run", code: CODE });
const host: HostApi = { emit: () => null };
const vm = createContext({});
const vmFactory = new Script(`(function (module, exports) {\n${CODE}\n})`).runInContext(vm) as (
  m: { exports: { use?: (i: unknown, h: unknown) => unknown } },
  e: unknown,
) => void;

const cases: Record<string, () => void> = {
  "bare call (module instantiated once)": raw.bare,
  "fresh module instance per call": raw.fresh,
  "fresh instance + metering": instrumented.fresh,
  "full run (program.run)": () => void program.run("use", JSON.parse(INPUT), { host }),
  "node:vm, fresh instance": () => {
    const m = { exports: {} as { use?: (i: unknown, h: unknown) => unknown } };
    vmFactory(m, m.exports);
    JSON.stringify(m.exports.use?.(JSON.parse(INPUT), host));
  },
};
const samples: Record<string, number[]> = {};
for (const fn of Object.values(cases)) cpuUs(2000, fn);
for (let r = 0; r < ROUNDS; r++)
  for (const [name, fn] of Object.entries(cases)) {
    samples[name] ??= [];
    samples[name].push(cpuUs(5000, fn));
  }
const median = (xs: number[] = []) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const bare = median(samples["bare call (module instantiated once)"]);
const vmRun = median(samples["node:vm, fresh instance"]);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}, ${ROUNDS} interleaved rounds, median CPU µs per call`,
);
console.log("| case | µs | ÷ bare call | ÷ node:vm |\n|---|---|---|---|");
for (const name of Object.keys(cases)) {
  const m = median(samples[name]);
  console.log(
    `| ${name} | ${m.toFixed(2)} | ${(m / bare).toFixed(2)} | ${(m / vmRun).toFixed(1)} |`,
  );
}
raw.dispose();
instrumented.dispose();
plain.dispose();
metered.dispose();
runtime.dispose();
