import type { Runtime } from "@ecology/runtime";
import { createKernel } from "../create-kernel.js";
import { chainBreak, toRow } from "../journal.js";
import type { KernelLimits } from "../limits.js";
import { Refusal, refuse } from "../refusal.js";
import {
  type ContractCode,
  type DeterminismBreak,
  DIVERGENCE_ASPECTS,
  type DivergenceAspect,
  type Envelope,
  JOURNAL_OPS,
  type JournalRecord,
  type JsonObject,
  type ReplayReport,
  type TxDivergence,
} from "../types.js";
import type { RuntimeLike } from "../world.js";
import { divergedAspects } from "./compare.js";
import { finalDiff } from "./final-diff.js";
import { Replayer, type Step } from "./replayer.js";
import { summarize, touchedContracts } from "./summaries.js";

/**
 * Options of {@link replay}.
 *
 * @example
 * ```ts
 * await replay(records, { code: { pool: fixedPool.code }, from: 120 });
 * ```
 */
export interface ReplayOptions {
  /** First record compared (earlier ones are re-executed, not reported). Default 1. */
  from?: number;
  /** Last record re-executed. Default: the journal's last. */
  to?: number;
  /** Code used for these artifacts throughout the replay, deploy and upgrade included. */
  code?: { [artifactId: string]: ContractCode };
  /** The original economy's kernel limits (the deadline is lifted). Default: the defaults. */
  limits?: Partial<KernelLimits>;
  /** A runtime to share; by default each replay kernel makes its own. */
  runtime?: Runtime | RuntimeLike;
}

/**
 * Re-executes a journal on fresh kernels (DESIGN.md §9). With no code overrides it checks that
 * every record's envelope, event and state hashes are reproduced exactly (a determinism
 * proof); with overrides it runs the original and the overridden code side by side and reports
 * each transaction in `[from, to]` that diverged, per aspect, and the final state diff.
 * Answers an envelope: `invalid_argument` for a journal that is not one unbroken chain from its
 * first record, an unknown operation, or a bad range.
 *
 * @example
 * ```ts
 * const records = [];
 * for (let after = 0, page; (page = kernel.journal({ after, limit: 1000 }).result) ; ) { ... }
 * const env = await replay(records, { code: { pool: candidate.code } });
 * if (env.success && !env.result.identical) console.log(env.result.divergences[0]);
 * ```
 */
export async function replay(
  journal: Iterable<JournalRecord>,
  options: ReplayOptions = {},
): Promise<Envelope<ReplayReport>> {
  let records: JournalRecord[];
  try {
    records = checkedJournal(journal, options);
  } catch (e) {
    if (e instanceof Refusal) return { success: false, error: e.toError(undefined) };
    throw e;
  }
  const report = await run(records, options);
  return { success: true, result: report, cost: { price: 0, value: 0, compute: 0 }, events: [] };
}

function checkedJournal(journal: Iterable<JournalRecord>, o: ReplayOptions): JournalRecord[] {
  const all = [...journal];
  for (const r of all) {
    if (typeof r !== "object" || r === null || !JOURNAL_OPS.includes(r.op))
      refuse("invalid_argument", `journal record ${String(r?.seq)} has an unknown op`);
    try {
      toRow(r);
    } catch {
      refuse("invalid_argument", `journal record ${String(r.seq)} is not JSON`);
    }
  }
  const broken = chainBreak(all);
  if (broken !== undefined)
    refuse(
      "invalid_argument",
      `the journal is not one unbroken chain from record 1: record ${broken} is missing, out of order or altered`,
      { seq: broken },
    );
  const to = o.to ?? all.length;
  const from = o.from ?? 1;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1 || to < from - 1)
    refuse("invalid_argument", `replay range from ${from} to ${to} is not a range of records`);
  return all.slice(0, Math.min(to, all.length));
}

async function run(records: JournalRecord[], o: ReplayOptions): Promise<ReplayReport> {
  const overrides = o.code ?? {};
  const overridden = Object.keys(overrides).sort();
  const from = o.from ?? 1;
  const original = await Replayer.open(o.limits ?? {}, o.runtime, createKernel);
  const candidate =
    overridden.length > 0
      ? await Replayer.open(o.limits ?? {}, o.runtime, createKernel)
      : undefined;
  const determinism: DeterminismBreak[] = [];
  const divergences: TxDivergence[] = [];
  // An overridden artifact's code hash differs by design; it alone is no divergence (§9).
  const aliases = new Map<string, string>();
  try {
    for (const record of records) {
      const a = original.run(record);
      const broken = determinismBreak(record, a, original);
      if (broken) determinism.push(broken);
      if (!candidate) continue;
      const params = withOverrides(record, a, overrides);
      const b = candidate.run(record, params);
      if (params !== record.params) learnAliases(a, b, aliases);
      if (record.seq < from) continue;
      const divergence = compareStep(record, a, b, original, candidate, aliases);
      if (divergence) divergences.push(divergence);
    }
    const final = candidate ? finalDiff(original.world.storage, candidate.world.storage) : [];
    return {
      replayed: records.length,
      from,
      to: records.length,
      overrides: overridden,
      identical: determinism.length === 0 && divergences.length === 0 && final.length === 0,
      determinism,
      divergences,
      counts: countAspects(divergences),
      final,
    };
  } finally {
    original.close();
    candidate?.close();
  }
}

/** Which recorded hash the re-execution of `record` did not reproduce, if any. */
function determinismBreak(
  record: JournalRecord,
  step: Step,
  r: Replayer,
): DeterminismBreak | undefined {
  if (step.hash === record.hash) return undefined;
  const page = r.world.storage.readJournal(record.seq - 1, 1)[0];
  const got = page ? (JSON.parse(page.outcome) as JournalRecord["outcome"]) : undefined;
  const want = record.outcome;
  const what: DeterminismBreak["what"] =
    got === undefined || got.envelope !== want.envelope
      ? "envelope"
      : got.eventHead !== want.eventHead || got.events !== want.events
        ? "events"
        : got.states !== want.states
          ? "states"
          : "chain";
  return { seq: record.seq, tx: record.tx, what };
}

/** The record's params with overridden code for a deploy or upgrade of an overridden artifact. */
function withOverrides(
  record: JournalRecord,
  original: Step,
  overrides: { [id: string]: ContractCode },
): JsonObject {
  if (record.op !== "deploy" && record.op !== "upgrade") return record.params;
  const id =
    record.op === "upgrade" || record.params.id !== undefined
      ? record.params.id
      : original.env.success
        ? (original.env.result as { id?: unknown }).id
        : undefined;
  if (typeof id !== "string" || !Object.hasOwn(overrides, id)) return record.params;
  return { ...record.params, code: overrides[id] as unknown as JsonObject };
}

/** Maps the code hashes an overridden deploy or upgrade produced to the original's. */
function learnAliases(a: Step, b: Step, aliases: Map<string, string>): void {
  if (!a.env.success || !b.env.success) return;
  const x = a.env.result as { codeHash?: unknown; toCodeHash?: unknown };
  const y = b.env.result as { codeHash?: unknown; toCodeHash?: unknown };
  const from = y.codeHash ?? y.toCodeHash;
  const to = x.codeHash ?? x.toCodeHash;
  if (typeof from === "string" && typeof to === "string") aliases.set(from, to);
}

/** `value` with every string that is an aliased code hash replaced by the original's. */
function unalias<T>(value: T, aliases: Map<string, string>): T {
  if (aliases.size === 0) return value;
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === "string" ? (aliases.get(v) ?? v) : v,
  ) as T;
}

function compareStep(
  record: JournalRecord,
  a: Step,
  b: Step,
  ra: Replayer,
  rb: Replayer,
  aliases: Map<string, string>,
): TxDivergence | undefined {
  const ids = [...new Set([...touchedContracts(a.events), ...touchedContracts(b.events)])].sort();
  const original = summarize(a.env, a.events, ra.world.storage, ids);
  const replayed = unalias(summarize(b.env, b.events, rb.world.storage, ids), aliases);
  const aspects = divergedAspects(original, replayed);
  if (aspects.length === 0) return undefined;
  const d: TxDivergence = {
    seq: record.seq,
    tx: record.tx,
    op: record.op,
    origin: record.origin,
    aspects,
    original,
    replayed,
  };
  if (record.op === "invoke")
    d.call = `${String(record.params.target)}.${String(record.params.method)}`;
  return d;
}

function countAspects(divergences: TxDivergence[]): { [a in DivergenceAspect]: number } {
  const counts = Object.fromEntries(DIVERGENCE_ASPECTS.map((a) => [a, 0])) as {
    [a in DivergenceAspect]: number;
  };
  for (const d of divergences) for (const a of d.aspects) counts[a] += 1;
  return counts;
}
