import { readFileSync } from "node:fs";
import type { ProgramSource } from "@ecology/runtime";

/**
 * The dispatcher the kernel gives every contract program as its shell (ADR 0003, ADR 0044):
 * `sandbox/dispatcher.js`,
 * a real file that biome lints and tsc checks (`// @ts-check`, its own tsconfig without Node
 * types), read once at module load. The package build copies it next to this module in `dist`.
 */
export const DISPATCHER_SOURCE = readFileSync(
  new URL("./sandbox/dispatcher.js", import.meta.url),
  "utf8",
);

/** The entry the kernel runs in every contract program. */
export const DISPATCH_ENTRY = "__ecology_dispatch";

/**
 * The runtime program of a contract: its code, with the dispatcher as the program's shell,
 * evaluated once per sandbox after the code, so that only the contract is instantiated per run
 * (ADR 0044). Frames on lines past the code's last line are the dispatcher's (run-contract.ts).
 * @example
 * runtime.load(contractProgram("svc:hash", js, "svc.js")).run(DISPATCH_ENTRY, input, options)
 */
export function contractProgram(id: string, js: string, filename: string): ProgramSource {
  return { id, code: js, shell: DISPATCHER_SOURCE, filename };
}
