import {
  type ContractCode,
  type JournalRecord,
  type Kernel,
  type KernelLimits,
  type ReplayReport,
  replay,
} from "@ecology/kernel";
import type { CompileOptions } from "@ecology/sdk/compiler";
import { type ContractSource, loadContract } from "./contract-source.js";
import { TestingError } from "./testing-error.js";

// The kernel's largest journal page; fewer round trips when a test reads a long history.
const JOURNAL_PAGE = 1000;

/**
 * Every journal record of `kernel`, oldest first, read page by page (the journal is an
 * operator view; a test kernel's owner is the operator).
 *
 * @throws {TestingError} `setup_failed` if the kernel refuses a page (a kernel bug).
 */
export function wholeJournal(kernel: Kernel): JournalRecord[] {
  const records: JournalRecord[] = [];
  let after = 0;
  for (;;) {
    const env = kernel.journal({ after, limit: JOURNAL_PAGE });
    if (!env.success)
      throw new TestingError("setup_failed", `cannot read the journal: ${env.error.message}`);
    records.push(...env.result.records);
    if (env.result.next === null) return records;
    after = env.result.next;
  }
}

/**
 * Options of {@link TestKernel.replay}.
 *
 * @example
 * ```ts
 * const report = await k.replay({ with: { pool: "./src/pool-v2.ts" }, from: 10 });
 * ```
 */
export interface TestReplayOptions {
  /**
   * Code used for these artifacts throughout the replay, deploy included: a contract file
   * (compiled as `k.deploy` compiles it) or compiled code.
   */
  with?: { [artifactId: string]: ContractSource };
  /** First journal record compared (earlier ones are re-executed, not reported). */
  from?: number;
  /** Last journal record re-executed. */
  to?: number;
}

/**
 * Replays `records` on fresh kernels with the overrides compiled from their sources, under the
 * limits the test kernel runs with, and answers the report.
 *
 * @throws {TestingError} `compile_failed` for an override that does not compile,
 * `replay_failed` when the kernel refuses the replay (a bad range, a broken journal).
 */
export async function replayJournal(
  records: JournalRecord[],
  options: TestReplayOptions,
  context: { root?: string; compile?: CompileOptions; limits?: Partial<KernelLimits> },
): Promise<ReplayReport> {
  const code: { [artifactId: string]: ContractCode } = {};
  for (const [id, source] of Object.entries(options.with ?? {}))
    code[id] = await loadContract(source, context);
  const env = await replay(records, {
    code,
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    ...(context.limits ? { limits: context.limits } : {}),
  });
  if (!env.success)
    throw new TestingError(
      "replay_failed",
      `replay refused with ${env.error.code}: ${env.error.message}`,
      { error: env.error },
    );
  return env.result;
}
