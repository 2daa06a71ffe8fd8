/** Whether JSON text nests arrays and objects deeper than a limit, scanned without recursion. */

export { genesisManifests } from "@ecology/protocol";
export { nestedDeeperThan } from "@ecology/runtime";
export type { KernelOptions } from "./create-kernel.js";
export { createKernel } from "./create-kernel.js";
export type { VerifyResult } from "./event-log.js";
export type { ContractCacheLimits } from "./invoke/contract-cache.js";
export { DEFAULT_CONTRACT_CACHE } from "./invoke/contract-cache.js";
export type { DeploySpec } from "./invoke/deploy.js";
export type { Upgraded, UpgradeSpec } from "./invoke/upgrade.js";
export { chainBreak } from "./journal.js";
export { Kernel } from "./kernel.js";
export type { KernelErrorCode } from "./kernel-error.js";
export { KernelError } from "./kernel-error.js";
export type { KernelLimits } from "./limits.js";
export { DEFAULT_LIMITS } from "./limits.js";
export { DEFAULT_POLICY } from "./policy.js";
export type { ReplayOptions } from "./replay/replay.js";
export { replay } from "./replay/replay.js";
export type { Durability } from "./storage/sqlite.js";
export type { TraceQuery } from "./trace/trace-source.js";
export type {
  AllowList,
  Artifact,
  ArtifactKind,
  Caller,
  ContractCode,
  ContractErrorCode,
  Cost,
  Envelope,
  EnvelopeError,
  ErrorCode,
  EventFilter,
  EventPage,
  EventType,
  FailureEnvelope,
  FinalDifference,
  Grant,
  GrantCaller,
  GrantLimits,
  GrantRefusal,
  GrantTargets,
  IssuedGrant,
  JournalOp,
  JournalPage,
  JournalRecord,
  JsonValue,
  KernelEvent,
  Manifest,
  ManifestMethod,
  ManifestParam,
  PathFrame,
  Policy,
  ReplayReport,
  SourcePosition,
  StateChange,
  SuccessEnvelope,
  Trace,
  TraceFrame,
  TxDivergence,
} from "./types.js";
export { CONTRACT_ERROR_CODES, ERROR_CODES, REDACTED } from "./types.js";
export { ID_PATTERN, ID_RULE, isValidId } from "./validate.js";
