// JSON

// Artifacts, policies, manifests
export type {
  AllowList,
  Artifact,
  ArtifactKind,
  ArtifactSummary,
  EscrowListing,
  ListingPage,
  ListingStatus,
  Policy,
  PrincipalSummary,
  QueryKind,
} from "./artifacts.js";
export { QUERY_KINDS } from "./artifacts.js";
export type {
  Cost,
  Envelope,
  EnvelopeError,
  FailureEnvelope,
  PathFrame,
  SourcePosition,
  SuccessEnvelope,
} from "./envelope.js";
export { FREE, fail, succeed } from "./envelope.js";
// Errors and envelopes
export type { ContractErrorCode, ErrorCode } from "./errors.js";
export { CONTRACT_ERROR_CODES, ERROR_CODES, isErrorCode } from "./errors.js";
// Events
export type { EventFilter, EventPage, EventType, KernelEvent, VerifyResult } from "./events.js";
export {
  CONTRACT_EVENT_NAME_PATTERN,
  EVENT_TYPE_PATTERN,
  KERNEL_EVENT_TYPES,
  MAX_EVENT_PAGE,
} from "./events.js";
// Genesis artifacts
export type { GenesisArtifactInfo, GenesisId } from "./genesis.js";
export {
  ESCROW_ID,
  GENESIS_IDS,
  genesisArtifacts,
  genesisManifests,
  isGenesisId,
} from "./genesis.js";
// Grants
export type {
  Caller,
  Grant,
  GrantCaller,
  GrantLimits,
  GrantRefusal,
  GrantRefusalReason,
  GrantTargets,
  IssuedGrant,
} from "./grants.js";
export { GRANT_REFUSAL_REASONS, GRANT_TARGET_PATTERN, GRANT_TOKEN_PREFIX } from "./grants.js";
// Ids
export {
  ID_PATTERN,
  ID_RULE,
  isAmount,
  isReservedId,
  isValidId,
  isValidMethodName,
  METHOD_PATTERN,
  OPERATOR_ID,
  RESERVED_PREFIX,
} from "./ids.js";
// Journal and replay
export type {
  DeterminismBreak,
  DivergenceAspect,
  EventSummary,
  FinalDifference,
  JournalOp,
  JournalOutcome,
  JournalPage,
  JournalRecord,
  OutcomeSummary,
  OwnerChange,
  ReplayReport,
  ScripMove,
  TxDivergence,
} from "./journal.js";
export { DIVERGENCE_ASPECTS, JOURNAL_OPS } from "./journal.js";
export type { JsonObject, JsonValue } from "./json.js";
export { valueNestsDeeperThan } from "./json.js";
export type { ContractCode, Manifest, ManifestMethod, ManifestParam } from "./manifest.js";
export type {
  CallOptions,
  ClientOptions,
  EcologyClient,
  HttpTransportOptions,
  RpcTransport,
} from "./rpc/client.js";
export {
  createClient,
  envelopeOf,
  httpTransport,
  ProtocolError,
  refuseDeepParams,
} from "./rpc/client.js";
// RPC
export type { RpcError, RpcFailure, RpcId, RpcOutcome } from "./rpc/jsonrpc.js";
export { httpStatusOf, MAX_PARAMS_DEPTH, RPC_ERRORS, rpcFailure } from "./rpc/jsonrpc.js";
export type {
  Identity,
  Role,
  RpcMethod,
  RpcMethodSpec,
  RpcParams,
  RpcResult,
} from "./rpc/methods.js";
export { isRpcMethod, RPC_METHODS } from "./rpc/methods.js";
export { MAX_JOURNAL_PAGE, SCHEMAS } from "./rpc/schemas.js";
export type { SseMessage } from "./rpc/sse.js";
export { createSseParser } from "./rpc/sse.js";
// Schemas
export type {
  Annotations,
  Infer,
  JsonSchema,
  ObjectOf,
  OptionalSchema,
  Schema,
} from "./schema/schema.js";
export { s } from "./schema/schema.js";
export type { ValidateOptions, Validation } from "./schema/validate.js";
export { describe, validate } from "./schema/validate.js";
// Traces
export type { StateChange, Trace, TraceFrame, TraceFrameKind } from "./trace.js";
export { REDACTED } from "./trace.js";
