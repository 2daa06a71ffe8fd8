// Kernel types contract authors meet in ctx signatures, re-exported so contracts import one package.
export type {
  ContractErrorCode,
  Envelope,
  ErrorCode,
  EventFilter,
  EventPage,
  JsonValue,
  KernelEvent,
} from "@ecology/kernel";
export type {
  ContractDefinition,
  ContractInit,
  ContractMethod,
  ContractMethods,
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
