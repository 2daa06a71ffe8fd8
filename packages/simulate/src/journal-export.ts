import type { JournalRecord } from "@ecology/protocol";
import { replayOperations } from "./replay.js";
import type { Counterexample } from "./shrink.js";

/**
 * A counterexample as a kernel journal: its operations replayed on a fresh kernel (contract
 * files compiled from `baseDir`, the scenario's folder), and that kernel's journal — the exact
 * inputs of every operation, hash-chained. `ecology replay --journal` re-executes it, with
 * `--with <id>=<file.ts>` to try a fix against the very history that broke the invariant.
 *
 * @throws {SimulateError} `setup_failed` when a contract no longer compiles or has changed.
 * @example
 * ```ts
 * const records = await counterexampleJournal(report.violations[0].counterexample, "scenarios");
 * writeFileSync("violation.jsonl", records.map((r) => JSON.stringify(r)).join("\n") + "\n");
 * ```
 */
export async function counterexampleJournal(
  counterexample: Counterexample,
  baseDir: string,
): Promise<JournalRecord[]> {
  const { kernel } = await replayOperations(counterexample.operations, {
    baseDir,
    code: counterexample.code,
  });
  try {
    const records: JournalRecord[] = [];
    for (let after = 0; ; ) {
      const page = kernel.journal({ after, limit: 1000 });
      if (!page.success) throw new Error(`the journal could not be read: ${page.error.message}`);
      records.push(...page.result.records);
      if (page.result.next === null) return records;
      after = page.result.next;
    }
  } finally {
    kernel.close();
  }
}
