// The architecture check, pass 2 of 2 (`pnpm arch`): the runtime graph. TypeScript is compiled
// first (tsPreCompilationDeps: false), so `import type` is gone and what is left is what Node
// loads. Cycles are looked for here and not in pass 1 on purpose: dependency-cruiser reports one
// cycle per import, the first it finds, so in a graph that still held type-only imports a cycle
// through them could hide a cycle of values behind the same import.
// Under verbatimModuleSyntax `import { type A } from "x"` still loads "x" (as `import {} from
// "x"`), and compiling first counts it, as Node does.

const { options } = require("./.dependency-cruiser.cjs");

/** Tests, their fixtures and benchmarks: development-only code, allowed devDependencies. */
const DEV_ONLY = "(\\.test\\.ts|\\.test-d\\.ts)$|/test-fixtures/|/bench/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-value-cycle",
      comment:
        "Modules that load each other at runtime: evaluation order decides what is undefined. " +
        "Hand the dependency in (a port, a parameter) instead of importing it; type-only " +
        "imports may go both ways.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "sdk-without-kernel-at-runtime",
      comment:
        "@ecology/sdk takes the wire from @ecology/protocol; it may import @ecology/kernel for " +
        "types only (and in its tests), so a contract project installs no native module.",
      severity: "error",
      from: { path: "^packages/sdk/", pathNot: DEV_ONLY },
      to: { path: "^packages/kernel/" },
    },
  ],
  options: { ...options, tsPreCompilationDeps: false },
};
