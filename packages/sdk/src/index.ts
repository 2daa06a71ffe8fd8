/**
 * Wire types, re-exported so that a contract project needs only `@ecology/sdk`:
 * `import type { EventFilter, Policy } from "@ecology/sdk"`. Their home is `@ecology/protocol`
 * (DESIGN.md §8); `@ecology/kernel` is not a dependency of a contract project. `Event` is
 * `KernelEvent` under a shorter name.
 */
export type {
  AllowList,
  Artifact,
  ArtifactKind,
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
  JsonValue,
  KernelEvent,
  KernelEvent as Event,
  Manifest,
  ManifestMethod,
  ManifestParam,
  PathFrame,
  Policy,
  SourcePosition,
  SuccessEnvelope,
} from "@ecology/protocol";
export type {
  ContractDefinition,
  ContractInit,
  ContractMethod,
  ContractMethods,
  ContractMigrate,
  Integer,
  KnownKeys,
  PriceTable,
} from "./contract.js";
export { defineContract } from "./contract.js";
export type { ContextBase, Ctx, JsonObject, QueryKind } from "./ctx.js";
export type {
  EscrowListing,
  GenesisEscrow,
  GenesisEventLog,
  GenesisLedger,
  GenesisStore,
  ListingPage,
} from "./genesis.js";
export { genesis } from "./genesis.js";
export type {
  CallArgs,
  CallablesOf,
  CallResult,
  ContractRef,
  DefinitionOf,
  MethodNameOf,
  ParamsOf,
  ResultOf,
  WithCallOptions,
} from "./refs.js";
export { contractRef } from "./refs.js";
export type { SdkErrorCode } from "./sdk-error.js";
export { SdkError } from "./sdk-error.js";
export type { CallOptions } from "./with-value.js";
export { isCallOptions, withOptions, withValue } from "./with-value.js";
