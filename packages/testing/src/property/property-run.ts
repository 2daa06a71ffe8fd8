import type { ErrorCode } from "@ecology/kernel";
import fc from "fast-check";
import type { Invariant } from "../invariants.js";
import type { PrincipalHandle } from "../principal-handle.js";
import { createTestKernel, type TestKernel, type TestKernelOptions } from "../test-kernel.js";
import type { TestSnapshot } from "../test-snapshot.js";
import { TestingError } from "../testing-error.js";
import { printSteps, type StepOutcome } from "./print-steps.js";
import { type ActionSpec, type Step, stepsArbitrary } from "./steps.js";

/** Options of {@link propertyRun}. */
export interface PropertyRunOptions {
  /** Principals created before `setup`, with their starting scrip. */
  principals: { [id: string]: number };
  /**
   * Deploys and funds what the calls need (give contracts fixed ids). Runs once; every
   * sequence starts from a snapshot taken after it. Name the function: the printed test calls it.
   */
  setup?: (k: TestKernel, principals: { [id: string]: PrincipalHandle }) => unknown;
  /** The calls to draw from; see {@link action}. */
  actions: ActionSpec[];
  /** Invariants of your own, checked after every call after the built-in ones. */
  invariants?: Invariant[];
  /** Check conservation, single ownership and pool backing too (default true). */
  builtInInvariants?: boolean;
  /** Error codes that count as a bug when a call returns them (default `["internal"]`). */
  failOn?: ErrorCode[];
  /** Sequences to try (default 100). */
  numRuns?: number;
  /** Longest sequence (default 10). */
  maxSteps?: number;
  /** Seed, to replay a reported failure. */
  seed?: number;
  /** Options of the test kernel (time, limits, compile options). */
  kernel?: Omit<TestKernelOptions, "invariants" | "builtInInvariants">;
}

/** The outcome of {@link propertyRun}. */
export type PropertyReport =
  | { ok: true; runs: number; seed: number }
  | {
      ok: false;
      runs: number;
      seed: number;
      /** The shrunk sequence of calls that breaks an invariant. */
      steps: Step[];
      /** What broke, naming the invariant and the call. */
      failure: string;
      /** The sequence as a ready-to-paste Vitest test. */
      code: string;
    };

/** Runs `steps` from `base`, stopping at the first broken invariant or bug; never throws for those. */
function replay(k: TestKernel, base: TestSnapshot, steps: Step[], failOn: ErrorCode[]) {
  k.restore(base);
  const outcomes: StepOutcome[] = [];
  for (const step of steps) {
    const outcome: StepOutcome = { step };
    outcomes.push(outcome);
    try {
      const env = k.principal(step.by).invoke(step.target, step.method, step.args, {
        ...(step.value === undefined ? {} : { value: step.value }),
      });
      if (!env.success) {
        outcome.failedWith = env.error.code;
        if (failOn.includes(env.error.code))
          outcome.broke = `failOn: the call failed with ${env.error.code}: ${env.error.message}`;
      }
    } catch (e) {
      if (!(e instanceof TestingError && e.code === "invariant_broken")) throw e;
      outcome.broke = e.message.replace(/^invariant /, "");
    }
    if (outcome.broke) return { outcomes, broke: outcome.broke };
  }
  return { outcomes, broke: undefined };
}

/**
 * Property run on fast-check: random sequences of calls by several principals against your
 * contracts, checking the built-in invariants and yours after every call. A failing sequence
 * is shrunk to a minimal one and printed as a test you can paste. A broken invariant is a
 * value in the report, not a throw (see {@link assertProperty}).
 *
 * @throws {TestingError} `setup_failed` without principals or actions; whatever `setup` throws
 * (an invariant it breaks is `invariant_broken`).
 * @example
 * ```ts
 * const report = await propertyRun({
 *   principals: { alice: 100, bob: 100 },
 *   setup: async function deployPool(k, { alice }) { await k.deploy("./src/pool.ts", { owner: alice, id: "pool" }); },
 *   actions: [action("pool", "join", { value: fc.integer({ min: 1, max: 20 }) }), action("pool", "withdraw")],
 * });
 * expect(report.ok).toBe(true);
 * ```
 */
export async function propertyRun(options: PropertyRunOptions): Promise<PropertyReport> {
  if (Object.keys(options.principals).length === 0 || options.actions.length === 0)
    throw new TestingError(
      "setup_failed",
      "propertyRun needs at least one principal and one action",
    );
  const k = await createTestKernel({
    ...options.kernel,
    builtInInvariants: options.builtInInvariants ?? true,
    invariants: options.invariants ?? [],
  });
  try {
    const principals = k.principals(options.principals);
    await options.setup?.(k, principals);
    const base = k.snapshot();
    const failOn = options.failOn ?? ["internal"];
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    const steps = stepsArbitrary(options.actions, Object.keys(principals), options.maxSteps ?? 10);
    const property = fc.property(steps, (sequence) => {
      const { broke } = replay(k, base, sequence, failOn);
      if (broke) throw new TestingError("invariant_broken", broke);
    });
    const details = fc.check(property, { numRuns: options.numRuns ?? 100, seed });
    if (!details.failed) return { ok: true, runs: details.numRuns, seed };
    const shrunk = details.counterexample?.[0];
    if (!shrunk)
      throw details.errorInstance ?? new TestingError("property_failed", "property run failed");
    return failureReport(k, base, shrunk, { options, failOn, seed, runs: details.numRuns });
  } finally {
    k.close();
  }
}

/**
 * The test kernel options of the run as TypeScript text, so the printed test checks the same
 * invariants under the same time and limits. User invariants are functions: the text refers to
 * a variable `invariants`, named in a comment.
 */
function kernelOptionsText(options: PropertyRunOptions): string {
  const parts: string[] = [];
  const { startTime, limits } = options.kernel ?? {};
  if (startTime !== undefined) parts.push(`startTime: ${startTime}`);
  if (limits) parts.push(`limits: ${JSON.stringify(limits)}`);
  if (options.builtInInvariants === false) parts.push("builtInInvariants: false");
  const names = (options.invariants ?? []).map((i) => JSON.stringify(i.name));
  if (names.length > 0) parts.push(`invariants /* ${names.join(", ")}, as given to propertyRun */`);
  return parts.length > 0 ? `{ ${parts.join(", ")} }` : "";
}

/** Replays the shrunk sequence once more to record outcomes, and prints it as a test. */
function failureReport(
  k: TestKernel,
  base: TestSnapshot,
  shrunk: Step[],
  run: { options: PropertyRunOptions; failOn: ErrorCode[]; seed: number; runs: number },
): PropertyReport {
  const { options, seed } = run;
  // Calls after the one that broke an invariant never ran in the replay: drop them.
  const { outcomes, broke } = replay(k, base, shrunk, run.failOn);
  const setupName = options.setup ? options.setup.name || "setup" : undefined;
  return {
    ok: false,
    runs: run.runs,
    seed,
    steps: outcomes.map((o) => o.step),
    failure: broke ?? "the sequence no longer fails when replayed (is setup deterministic?)",
    code: printSteps({
      outcomes,
      principals: options.principals,
      setupName,
      seed,
      kernelOptions: kernelOptionsText(options),
    }),
  };
}

/**
 * {@link propertyRun}, throwing when a sequence breaks an invariant — the message holds the
 * failure and the shrunk sequence as a ready-to-paste test.
 *
 * @throws {TestingError} `property_failed` with `details.report`.
 */
export async function assertProperty(options: PropertyRunOptions): Promise<void> {
  const report = await propertyRun(options);
  if (report.ok) return;
  throw new TestingError(
    "property_failed",
    `property failed after ${report.runs} runs (seed ${report.seed}): ${report.failure}\n\n` +
      `Shrunk to ${report.steps.length} call(s):\n\n${report.code}\n`,
    { report },
  );
}
