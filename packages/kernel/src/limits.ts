/**
 * Per-transaction limits of a kernel (DESIGN.md §2.7), fixed for the kernel's lifetime.
 *
 * @example
 * ```ts
 * const kernel = await createKernel({ limits: { maxDepth: 4, compute: 1_000_000 } });
 * ```
 */
export interface KernelLimits {
  /** Deepest nested invoke allowed; the top-level call is depth 1. */
  maxDepth: number;
  /** Compute units of one top-level invoke, shared by every nested contract run. */
  compute: number;
  /** Sandbox heap in bytes. */
  memoryBytes: number;
  /** Sandbox native stack in bytes (at most 256 KiB). */
  stackBytes: number;
  /** Wall-clock safety net of one top-level run in milliseconds. */
  deadlineMs: number;
  /** Serialized size cap of an invoke's args (and of deploy args). */
  maxArgsBytes: number;
  /** Serialized size cap of a call's result. */
  maxResultBytes: number;
  /** Serialized size cap of a contract's state. */
  maxStateBytes: number;
  /** Serialized size cap of a data artifact's content and of metadata. */
  maxContentBytes: number;
  /** Serialized size cap of one event's data. */
  maxEventBytes: number;
  /** Size cap of a contract's compiled JavaScript plus source map and source. */
  maxCodeBytes: number;
  /**
   * UTF-8 size cap of a failure's message, and separately of its details, in failure envelopes
   * and the permanent `invoke.failed` record; longer ones are cut and marked (at least 256).
   */
  maxErrorBytes: number;
  /**
   * Deepest nesting of JSON the kernel accepts (args, content, metadata, policy, manifests,
   * event data, results and state); deeper values are refused before anything recursive sees
   * them, so they cannot overflow a stack.
   */
  maxJsonDepth: number;
  /**
   * Bytes of artifacts one principal may have stored: the content, code, state, policy and
   * metadata of every artifact created in a transaction it started (ADR 0019).
   */
  storageQuotaBytes: number;
  /** `invoke.failed` records one principal's calls may leave per window (ADR 0019). */
  maxFailuresPerWindow: number;
  /** Length of the failure-record window in kernel-clock milliseconds. */
  failureWindowMs: number;
}

/**
 * The defaults used for every limit `createKernel` is not given. Frozen.
 *
 * @example
 * ```ts
 * DEFAULT_LIMITS.maxDepth; // 8
 * ```
 */
export const DEFAULT_LIMITS: Readonly<KernelLimits> = Object.freeze({
  maxDepth: 8,
  compute: 10_000_000,
  memoryBytes: 32 * 1024 * 1024,
  stackBytes: 256 * 1024,
  deadlineMs: 5_000,
  maxArgsBytes: 64 * 1024,
  maxResultBytes: 256 * 1024,
  maxStateBytes: 1024 * 1024,
  maxContentBytes: 1024 * 1024,
  maxEventBytes: 16 * 1024,
  maxCodeBytes: 4 * 1024 * 1024,
  maxErrorBytes: 4 * 1024,
  maxJsonDepth: 64,
  storageQuotaBytes: 64 * 1024 * 1024,
  maxFailuresPerWindow: 1_000,
  failureWindowMs: 60_000,
});
