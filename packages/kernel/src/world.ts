import type {
  JsonValue,
  ProgramSource,
  RunOptions,
  RunResult,
  RuntimeLimits,
} from "@ecology/runtime";
import type { KernelLimits } from "./limits.js";
import type { Storage } from "./storage/storage.js";
import type { EnvelopeError, KernelEvent, Manifest } from "./types.js";

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

/** Everything kernel operations share. One per kernel; internal. */
export interface World {
  storage: Storage;
  limits: KernelLimits;
  clock: () => number;
  runtime: RuntimeLike | undefined;
  contracts: Map<string, LoadedContract>;
  /** The runtime limits of every contract run, derived once from `limits`. */
  runLimits: Partial<RuntimeLimits>;
}

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

/** An `invoke.failed` record, kept outside storage so it survives rollbacks. */
export interface FailedInvoke {
  caller: string;
  target: string;
  method: string;
  error: EnvelopeError;
  depth: number;
}

/** The state of one top-level operation (one storage transaction). */
export interface Tx {
  id: string;
  now: number;
  origin: string;
  stack: Frame[];
  /** Events appended in this transaction that are still part of it. */
  events: KernelEvent[];
  failures: FailedInvoke[];
  /** Counts frames, to seed each contract run differently but deterministically. */
  frameCount: number;
  /** A bug raised inside a host function, rethrown once the run has unwound. */
  fatal: unknown;
  /**
   * Compute units left to runs started outside any contract run (gate checks, the top-level
   * frame): together they share one budget. Runs nested inside a run draw on their parent's.
   */
  computeLeft: number;
  /** `performance.now()` deadline shared by every run of the transaction, set by the first. */
  deadlineAt: number | undefined;
  /** Contract runs in progress; 0 means the next run is a root run (see `computeLeft`). */
  running: number;
}

/** The owner of artifacts in escrow custody. */
export { ESCROW_ID } from "@ecology/protocol";

/** The runtime limits of contract runs under kernel limits `l`. */
export function runLimitsOf(l: KernelLimits): Partial<RuntimeLimits> {
  return {
    compute: l.compute,
    memoryBytes: l.memoryBytes,
    stackBytes: l.stackBytes,
    deadlineMs: l.deadlineMs,
    // Input carries args and state, output result and state, each in a small envelope.
    maxInputBytes: l.maxArgsBytes + l.maxStateBytes + 4096,
    maxOutputBytes: l.maxResultBytes + l.maxStateBytes + 4096,
  };
}

/** The reserved actor of operator actions (principal creation, minting). */
export { OPERATOR_ID as OPERATOR } from "@ecology/protocol";

/** The id of a transaction starting now: `tx` + the seq its first event will get. */
export function txIdAt(world: World): string {
  return `tx${(world.storage.lastEvent()?.seq ?? 0) + 1}`;
}

/**
 * Starts a transaction's bookkeeping. The transaction id is derived from the sequence number
 * its first event will get, so it is unique in the log (every committed transaction appends
 * at least one event) and a replay of the same operations yields the same ids, seeds and
 * hashes — without a counter write per transaction. Call it before opening the transaction.
 */
export function newTx(world: World, origin: string): Tx {
  return {
    id: txIdAt(world),
    now: world.clock(),
    origin,
    stack: [],
    events: [],
    failures: [],
    frameCount: 0,
    fatal: undefined,
    computeLeft: world.limits.compute,
    deadlineAt: undefined,
    running: 0,
  };
}
