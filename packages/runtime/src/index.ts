export type { RuntimeErrorCode } from "./errors.js";
export { RunAbort, RuntimeError } from "./errors.js";
export { nestedDeeperThan } from "./json.js";
export { DEFAULT_LIMITS, MAX_STACK_BYTES } from "./limits.js";
export { createRuntime } from "./runtime.js";
export type {
  CacheStats,
  HostApi,
  HostFunction,
  JsonValue,
  Program,
  ProgramSource,
  RunError,
  RunErrorCode,
  RunOptions,
  RunResult,
  Runtime,
  RuntimeLimits,
  RuntimeOptions,
  SourcePosition,
} from "./types.js";
