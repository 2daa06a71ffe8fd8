import { readFileSync } from "node:fs";

/**
 * One file of the sandbox's own JavaScript (`src/sandbox-js/`, copied verbatim into
 * `dist/sandbox-js/` by the build): its text, and the name its frames carry in QuickJS stacks.
 */
export interface SandboxSource {
  /** Shown in stack frames; a program's filename can never be this (see `safeFilename`). */
  readonly filename: string;
  readonly text: string;
}

function read(name: string): SandboxSource {
  // Read next to this module: src/ under tests and tsx, dist/ once built (ADR 0026).
  const text = readFileSync(new URL(`./sandbox-js/${name}`, import.meta.url), "utf8");
  return { filename: `<ecology:${name}>`, text };
}

/**
 * The sandbox's own JavaScript, read once when this module loads. Each file is a script that
 * evaluates to one function. The factories come first; `bootstrap` is called with the host's
 * `signal` and the three factories, in this order, and returns the internal API. These files
 * are linted by Biome and type-checked by `tsc` (`tsconfig.sandbox.json`), and the text a
 * sandbox evaluates is exactly the text that was checked.
 */
export const SANDBOX_SOURCES = {
  factories: [read("prng.js"), read("bounded-json.js"), read("lockdown.js")],
  bootstrap: read("bootstrap.js"),
} as const;
