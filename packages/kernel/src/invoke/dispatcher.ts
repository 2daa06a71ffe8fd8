import { readFileSync } from "node:fs";

/**
 * The dispatcher the kernel appends to every contract program (ADR 0003): `sandbox/dispatcher.js`,
 * a real file that biome lints and tsc checks (`// @ts-check`, its own tsconfig without Node
 * types), read once at module load. The package build copies it next to this module in `dist`.
 */
export const DISPATCHER_SOURCE = readFileSync(
  new URL("./sandbox/dispatcher.js", import.meta.url),
  "utf8",
);

/** The entry the kernel runs in every contract program. */
export const DISPATCH_ENTRY = "__ecology_dispatch";
