import type { JsonValue, SourcePosition } from "@ecology/runtime";

export type { JsonValue, SourcePosition };

/** The closed set of error codes an envelope can carry (DESIGN.md §2.1). */
export const ERROR_CODES = [
  "invalid_argument",
  "not_found",
  "not_executable",
  "unknown_method",
  "not_authorized",
  "insufficient_funds",
  "reentrancy",
  "depth_exceeded",
  "out_of_compute",
  "out_of_memory",
  "timeout",
  "contract_error",
  "invalid_state",
  "conflict",
  "internal",
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The codes a contract may claim with `ctx.fail(code, message)`; the others (limits, call
 * stack, lookup failures, `internal`) are only ever set by the kernel itself, so a caller can
 * trust them. A contract claiming another code fails with `contract_error` and
 * `details.claimedCode`.
 */
export const CONTRACT_ERROR_CODES = [
  "invalid_argument",
  "not_found",
  "not_authorized",
  "insufficient_funds",
  "invalid_state",
  "conflict",
  "contract_error",
] as const satisfies readonly ErrorCode[];

/** One of {@link CONTRACT_ERROR_CODES}. */
export type ContractErrorCode = (typeof CONTRACT_ERROR_CODES)[number];

/** One frame of the invoke chain down to the frame that failed. */
export interface PathFrame {
  artifact: string;
  method: string;
}

/** The error half of a failure envelope. */
export interface EnvelopeError {
  code: ErrorCode;
  message: string;
  details?: { [key: string]: JsonValue };
  path?: PathFrame[];
  at?: SourcePosition;
}

/** What a call cost: the price paid, the value attached and the compute units spent. */
export interface Cost {
  price: number;
  value: number;
  compute: number;
}

/** A successful call. */
export interface SuccessEnvelope<T = JsonValue> {
  success: true;
  result: T;
  cost: Cost;
  events: KernelEvent[];
}

/** A failed call: nothing it did remains, except the `invoke.failed` event. */
export interface FailureEnvelope {
  success: false;
  error: EnvelopeError;
}

/** The result of every kernel operation, at every layer (kernel API, nested invoke, server, CLI). */
export type Envelope<T = JsonValue> = SuccessEnvelope<T> | FailureEnvelope;

/** Who may read or invoke: everyone (`"*"`) or a list of principal / artifact ids. */
export type AllowList = "*" | string[];

/** An artifact's access and pricing policy (DESIGN.md §2). */
export interface Policy {
  readPrice: number;
  invokePrice: number;
  methodPrices?: { [method: string]: number };
  allowRead: AllowList;
  allowInvoke: AllowList;
  /** A contract consulted as `gate.check(caller, action, method)` → boolean. */
  gate?: string;
}

/** A parameter of a contract method, as the manifest describes it. */
export interface ManifestParam {
  name: string;
  /** TypeScript text of the parameter type. */
  type: string;
  /** JSON Schema of the parameter, where derivable. */
  schema?: { [key: string]: JsonValue };
  optional?: boolean;
}

/** One method or view of a contract. */
export interface ManifestMethod {
  name: string;
  kind: "method" | "view";
  params: ManifestParam[];
  /** TypeScript text of the result type. */
  returns?: string;
  /** Default price, applied to `policy.methodPrices` at deploy. */
  price?: number;
}

/** What a contract offers, emitted by the SDK compiler and validated by the kernel. */
export interface Manifest {
  methods: ManifestMethod[];
  init?: { params: ManifestParam[] };
  reentrant: boolean;
}

/** A compiled contract, as stored on its artifact. */
export interface ContractCode {
  /** CommonJS-style program whose `module.exports.default` is a contract definition. */
  js: string;
  sourceMap?: string;
  /** The original source text, for explorers and editors. */
  source?: string;
  manifest: Manifest;
}

/** Kinds of artifact. */
export type ArtifactKind = "data" | "contract" | "genesis";

/** An artifact as the kernel returns it. */
export interface Artifact {
  id: string;
  kind: ArtifactKind;
  owner: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  version: number;
  content?: JsonValue;
  code?: ContractCode;
  state?: JsonValue;
  policy: Policy;
  metadata: { [key: string]: JsonValue };
  deleted: boolean;
}

/** Event types of DESIGN.md §2.5; contract events are `contract.<name>`. */
export type EventType =
  | "principal.created"
  | "scrip.minted"
  | "scrip.transferred"
  | "artifact.created"
  | "artifact.updated"
  | "artifact.deleted"
  | "artifact.owner_changed"
  | "artifact.read"
  | "invoke.succeeded"
  | "invoke.failed"
  | "escrow.deposited"
  | "escrow.purchased"
  | "escrow.cancelled"
  | `contract.${string}`;

/** One entry of the append-only, hash-chained event log. */
export interface KernelEvent {
  seq: number;
  time: number;
  tx: string;
  type: EventType;
  actor: string;
  target?: string;
  data: { [key: string]: JsonValue };
  hash: string;
}

/** Filters of an event query; all given filters must match. */
export interface EventFilter {
  /** At most 1000. */
  limit?: number;
  /** Only events with `seq > after`. */
  after?: number;
  /** Only events with `seq < before`. */
  before?: number;
  types?: EventType[];
  /** Events where this id is the actor or a subject. */
  principal?: string;
  /** Events about this artifact. */
  artifact?: string;
}

/** A page of events; `next` is the `after` of the following page, or null at the end. */
export interface EventPage {
  events: KernelEvent[];
  next: number | null;
}
