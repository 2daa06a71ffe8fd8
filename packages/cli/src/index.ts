export { CliError } from "./cli-error.js";
export type { Io } from "./output.js";
export type { RunOptions } from "./program.js";
export { runCli } from "./program.js";
