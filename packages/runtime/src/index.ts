export type {
  HostApi,
  HostFunction,
  JsonValue,
  ProgramSource,
  RunError,
  RunErrorCode,
  RunOptions,
  RunResult,
  RuntimeLimits,
  SourcePosition,
} from "./types.js";
