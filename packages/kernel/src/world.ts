import type {
  JsonValue,
  ProgramSource,
  RunOptions,
  RunResult,
  RuntimeLimits,
} from "@ecology/runtime";
import type { GenesisArtifact } from "./genesis/genesis-artifact.js";
import type { ContractCache } from "./invoke/contract-cache.js";
import type { KernelLimits } from "./limits.js";
import type { Storage } from "./storage/storage.js";
import type { Tx } from "./tx.js";
import type { Envelope, EnvelopeError, Manifest } from "./types.js";

/** What the kernel needs of a loaded `@ecology/runtime` program. */
export interface ProgramLike {
  run(entry: string, input: JsonValue, options?: RunOptions): RunResult;
}

/** What the kernel needs of an `@ecology/runtime` runtime. */
export interface RuntimeLike {
  load(source: ProgramSource): ProgramLike;
}

/** A loaded contract program with its manifest, cached per artifact code hash. */
export interface LoadedContract {
  manifest: Manifest;
  program: ProgramLike | undefined;
  js: string;
  sourceMap: string | undefined;
}

/** One invoke, top-level or nested; `caller` is trusted (the server or the calling frame). */
export interface InvokeRequest {
  caller: string;
  target: unknown;
  method: unknown;
  args: unknown;
  value: unknown;
  /** The highest price the caller agreed to pay; a higher one is refused (`conflict`). */
  maxPrice?: unknown;
  /** Set for views' nested calls and gate checks: only views may run. */
  readOnly?: boolean;
}

/**
 * The invoke pipeline (DESIGN.md §2.1) as the code that re-enters it gets it — gate checks,
 * nested `ctx.invoke` — handed over on the world instead of imported, so the pipeline and its
 * users form no import cycle. Never throws for expected failures.
 */
export type InvokePort = (tx: Tx, request: InvokeRequest) => Envelope;

/** The native genesis artifacts by id; created per kernel by `createGenesisRegistry`. */
export type GenesisRegistry = ReadonlyMap<string, GenesisArtifact>;

/** Everything kernel operations share. One per kernel; internal. */
export interface World {
  storage: Storage;
  limits: KernelLimits;
  clock: () => number;
  runtime: RuntimeLike | undefined;
  /** Loaded contracts by `${id}:${codeHash}`, bounded by count and bytes. */
  contracts: ContractCache;
  /** The runtime limits of every contract run, derived once from `limits`. */
  runLimits: Partial<RuntimeLimits>;
  /** The invoke pipeline, for gate checks and nested calls. */
  invoke: InvokePort;
  /** The genesis artifacts' native methods. */
  genesis: GenesisRegistry;
}

/**
 * The storage alone: the facet of the world that ledger, artifact and discovery helpers get
 * (they cannot invoke, run code or change limits).
 */
export type StorageFacet = Pick<World, "storage">;

/** The storage and the limits: for writes whose sizes are checked, and for genesis natives. */
export type StorageAndLimits = Pick<World, "storage" | "limits">;

/** One frame of the invoke stack. */
export interface Frame {
  artifact: string;
  method: string;
  caller: string;
  /** Views (and gate checks) may not change anything. */
  readOnly: boolean;
  /** What the contract's dispatcher recorded about the error escaping it, if any. */
  failure: FailureNote | undefined;
  /**
   * Set on the placeholder frame of an artifact whose gate is being consulted: the gate runs one
   * frame deeper than what it guards, and a second access check of the same artifact while its
   * gate decides is a gate cycle (ADR 0018).
   */
  guarding?: true;
  /** Kernel failures handed to this frame's code, keyed by their JSON (see `rememberIssued`). */
  issued?: Map<string, EnvelopeError>;
}

/** A dispatcher's note about the error escaping the contract. */
export type FailureNote =
  | { kind: "fail"; code: string; message: string; details?: unknown }
  | { kind: "call"; error: EnvelopeError }
  | { kind: "refusal"; error: EnvelopeError }
  | { kind: "other" };

/** The owner of artifacts in escrow custody. */
export { ESCROW_ID } from "@ecology/protocol";

/** The runtime limits of contract runs under kernel limits `l`. */
export function runLimitsOf(l: KernelLimits): Readonly<Partial<RuntimeLimits>> {
  // Frozen: the runtime then resolves these limits once instead of on every run.
  return Object.freeze({
    compute: l.compute,
    memoryBytes: l.memoryBytes,
    stackBytes: l.stackBytes,
    deadlineMs: l.deadlineMs,
    // Input carries args and state, output result and state, each in a small envelope.
    maxInputBytes: l.maxArgsBytes + l.maxStateBytes + 4096,
    maxOutputBytes: l.maxResultBytes + l.maxStateBytes + 4096,
  });
}

/** The reserved actor of operator actions (principal creation, minting). */
export { OPERATOR_ID as OPERATOR } from "@ecology/protocol";
