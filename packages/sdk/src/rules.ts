/**
 * The rules every Ecology tool checks contracts by, in one dependency-free module so the compiler
 * and the language server cannot drift apart.
 */

/**
 * Globals that would make a contract's behaviour depend on the machine or the moment, each with
 * what to use instead. One table for every tool: the compiler refuses these names and the language
 * server flags them as you type, with the same advice.
 *
 * @example
 * ```ts
 * import { NON_DETERMINISTIC_GLOBALS } from "@ecology/sdk/rules";
 * NON_DETERMINISTIC_GLOBALS.get("Date"); // "use ctx.now (kernel time, fixed for the transaction)"
 * ```
 */
export const NON_DETERMINISTIC_GLOBALS: ReadonlyMap<string, string> = new Map([
  ["Date", "use ctx.now (kernel time, fixed for the transaction)"],
  ["setTimeout", "contracts run to completion; there are no timers"],
  ["setInterval", "contracts run to completion; there are no timers"],
  ["setImmediate", "contracts run to completion; there are no timers"],
  ["queueMicrotask", "contracts run synchronously"],
  ["fetch", "the sandbox has no network; call another artifact with ctx.call"],
  ["XMLHttpRequest", "the sandbox has no network; call another artifact with ctx.call"],
  ["performance", "use ctx.now; wall-clock time is not deterministic"],
  ["process", "the sandbox has no process; use ctx"],
  ["require", "import modules statically so the compiler can bundle them"],
  ["crypto", "use ctx.random() for deterministic randomness"],
]);

/** What to use instead of `Math.random()`. */
export const MATH_RANDOM_HINT = "use ctx.random() (deterministic, seeded from the transaction)";

/**
 * The TypeScript options a contract is checked with when no tsconfig.json applies, written as
 * tsconfig JSON (convert with `ts.convertCompilerOptionsFromJson`). The compiler and the language
 * server both fall back to it, so they report the same type errors.
 */
export const DEFAULT_CONTRACT_TSCONFIG = {
  target: "ES2022",
  lib: ["ES2023"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  types: [],
} as const;
