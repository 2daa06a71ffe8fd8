import type { Check } from "./checks.js";
import { applyOperation, type Operation, type SimKernel } from "./operations.js";
import type { RunTrace, ViolationRecord } from "./run.js";
import { SimulateError } from "./simulate-error.js";
import { createWorldView } from "./world-view.js";

/**
 * A shrunk counterexample: operations that reproduce an invariant violation on a fresh kernel.
 * The first `setup` operations are the scenario's setup (principals, deploys); the rest is the
 * smallest list of agent operations delta debugging found that still breaks the invariant.
 */
export interface Counterexample {
  operations: Operation[];
  /** Code hash per contract file named by the deploy operations. */
  code: { [file: string]: string };
  setup: number;
  /** Agent operations kept, and how many the run had performed by the end of the violating round. */
  actions: number;
  shrunkFrom: number;
  /** Replays tried while shrinking. */
  tests: number;
  /** Whether shrinking finished (every single remaining operation is needed) within its budget. */
  minimal: boolean;
  /** Whether replaying the run's own operations broke the invariant again (false: a check that depends on more than the world). */
  reproduced: boolean;
  /** The violation message the shrunk list produces. */
  message: string;
}

/** Options of {@link shrinkViolation}. */
export interface ShrinkOptions {
  /** Most replays to try (default 2,000); past it the result is reported as not minimal. */
  maxTests?: number;
}

/** Splits `items` into `n` contiguous chunks of nearly equal size. */
function chunksOf<T>(items: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let i = 0; i < n; i += 1) {
    const end = start + Math.floor((items.length - start) / (n - i));
    out.push(items.slice(start, end));
    start = end;
  }
  return out.filter((c) => c.length > 0);
}

/**
 * Zeller's ddmin over an ordered list: tries chunks, then complements, at doubling
 * granularity, keeping order. Deterministic for a deterministic `fails`. Returns the reduced
 * list and whether it is 1-minimal (false when the budget ran out first).
 */
export function ddmin<T>(
  items: readonly T[],
  fails: (candidate: readonly T[]) => boolean,
  maxTests: number,
): { result: T[]; complete: boolean } {
  let current = [...items];
  let n = 2;
  let left = maxTests;
  const attempt = (candidate: T[]) => {
    left -= 1;
    return fails(candidate);
  };
  while (current.length >= 2) {
    const chunks = chunksOf(current, n);
    // With two chunks each complement is the other chunk: already tried.
    const complements = n > 2 ? chunks.map((_, i) => chunks.filter((__, j) => j !== i).flat()) : [];
    let next: T[] | undefined;
    let nextN = n;
    for (const [candidates, granularity] of [
      [chunks, 2],
      [complements, Math.max(n - 1, 2)],
    ] as const) {
      for (const candidate of candidates) {
        if (left <= 0) return { result: current, complete: false };
        if (attempt(candidate)) {
          next = candidate;
          nextN = granularity;
          break;
        }
      }
      if (next) break;
    }
    if (next) {
      current = next;
      n = nextN;
    } else if (n >= current.length) {
      break;
    } else {
      n = Math.min(n * 2, current.length);
    }
  }
  return { result: current, complete: true };
}

/**
 * Shrinks in two passes (hierarchical delta debugging): first whole principals — every
 * operation of one origin kept or dropped together, which removes bystanders in a few replays
 * — then single operations. Both passes share the `maxTests` budget.
 */
function shrinkOperations(
  all: readonly Operation[],
  fails: (ops: readonly Operation[]) => boolean,
  maxTests: number,
): { kept: Operation[]; complete: boolean } {
  let left = maxTests;
  const counted = (ops: readonly Operation[]) => {
    left -= 1;
    return fails(ops);
  };
  if (counted([])) return { kept: [], complete: true };
  const origins = [...new Set(all.map((op) => op.origin))];
  const only = (keep: readonly string[]) => all.filter((op) => keep.includes(op.origin));
  const byOrigin = ddmin(origins, (keep) => counted(only(keep)), left);
  const { result, complete } = ddmin(only(byOrigin.result), counted, left);
  return { kept: result, complete };
}

/**
 * Shrinks the operations that led to `violation` by delta debugging: each candidate is
 * replayed on the kernel restored to its post-setup snapshot, then the invariant is checked.
 * Leaves the kernel in an arbitrary state.
 */
export function shrinkViolation(
  sim: SimKernel,
  trace: RunTrace,
  violation: ViolationRecord,
  options: ShrinkOptions = {},
): Counterexample {
  const check = trace.checks.find((c) => c.name === violation.invariant) as Check;
  if (!check) throw new SimulateError("check_failed", `no check named ${violation.invariant}`);
  let tests = 0;
  const replay = (ops: readonly Operation[]): string | undefined => {
    tests += 1;
    sim.kernel.restore(trace.setupSnapshot);
    for (const op of ops) applyOperation(sim, op, trace.prepared.codes);
    const world = createWorldView(sim.kernel, violation.round, trace.infos, trace.setup.contracts);
    return check.run(sim.kernel, world);
  };
  const all = trace.records.slice(0, violation.opCount).map((r) => r.operation);
  const fails = (ops: readonly Operation[]) => replay(ops) !== undefined;
  const reproduced = fails(all);
  let kept = all;
  let complete = false;
  if (reproduced) ({ kept, complete } = shrinkOperations(all, fails, options.maxTests ?? 2000));
  const message = (reproduced && replay(kept)) || violation.message;
  const files = new Set(
    [...trace.setup.operations, ...kept]
      .filter((o) => o.op === "deploy")
      .map((o) => String(o.params.file)),
  );
  const code: { [file: string]: string } = {};
  for (const file of [...files].sort()) code[file] = trace.setup.codeHashes[file] ?? "";
  return {
    operations: [...trace.setup.operations, ...kept],
    code,
    setup: trace.setup.operations.length,
    actions: kept.length,
    shrunkFrom: all.length,
    tests,
    minimal: reproduced && complete,
    reproduced,
    message,
  };
}
