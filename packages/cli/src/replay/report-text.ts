import {
  DIVERGENCE_ASPECTS,
  type DivergenceAspect,
  type FinalDifference,
  type ReplayReport,
  type TxDivergence,
} from "@ecology/protocol";
import type { createColors } from "picocolors";
import { aspectChanges, brief, type Change } from "./aspect-lines.js";

/** A picocolors colour set (plain functions when colour is off). */
export type Colors = ReturnType<typeof createColors>;

/**
 * The replay report as terminal lines (DESIGN.md §9): a summary on top (how many transactions
 * were replayed and diverged, counts per aspect), the first divergence in full, then every
 * divergence grouped by aspect in seq order — each transaction as `#seq tx origin target.method`
 * with original → replayed for what differed — and the final state diff. `c` colours it (pass
 * picocolors' no-colour set when the output is not a terminal). The lines hold text from
 * contracts (results, states): print them through `printable`.
 *
 * @example
 * ```ts
 * for (const line of reportLines(report, createColors(false))) io.out(`${printable(line)}\n`);
 * ```
 */
export function reportLines(report: ReplayReport, c: Colors): string[] {
  const lines = summaryLines(report, c);
  if (report.identical) return lines;
  const [first] = report.divergences;
  if (first) {
    lines.push("", c.bold("first divergence"), `  ${txLabel(first, c)}`);
    for (const aspect of first.aspects) lines.push(...changeLines(first, aspect, c));
  }
  for (const aspect of DIVERGENCE_ASPECTS) lines.push(...aspectGroup(report, aspect, c));
  if (report.final.length > 0) lines.push("", ...finalLines(report.final, c));
  return lines;
}

function summaryLines(r: ReplayReport, c: Colors): string[] {
  const overrides = r.overrides.length > 0 ? ` with new code for ${r.overrides.join(", ")}` : "";
  const compared = r.from > 1 ? ` (compared from #${r.from})` : "";
  const head = `replayed ${r.replayed} transaction${r.replayed === 1 ? "" : "s"}${compared}${overrides}`;
  if (r.identical) {
    const proof = r.overrides.length > 0 ? "nothing diverged" : "every hash reproduced";
    return [`${head}: ${c.green("identical")} (${proof})`];
  }
  const lines = [`${head}: ${c.red(`diverged ${r.divergences.length}`)}`];
  const counts = DIVERGENCE_ASPECTS.map((a) => `${a} ${r.counts[a]}`).join(" · ");
  if (r.divergences.length > 0) lines.push(`  ${counts}`);
  const n = r.final.length;
  if (n > 0) lines.push(`  final state: ${n} difference${n === 1 ? "" : "s"}`);
  for (const b of r.determinism)
    lines.push(c.red(`  determinism broken at #${b.seq} ${b.tx}: the ${b.what} hash differs`));
  return lines;
}

function txLabel(d: TxDivergence, c: Colors): string {
  return `${c.bold(`#${d.seq}`)} ${d.tx} ${d.origin} ${d.call ?? d.op}`;
}

function changeLines(d: TxDivergence, aspect: DivergenceAspect, c: Colors): string[] {
  return aspectChanges(aspect, d.original, d.replayed).map((change) => changeLine(change, c));
}

function changeLine([label, original, replayed]: Change, c: Colors, indent = "    "): string {
  return `${indent}${label}: ${c.red(original)} → ${c.green(replayed)}`;
}

function aspectGroup(r: ReplayReport, aspect: DivergenceAspect, c: Colors): string[] {
  const diverged = r.divergences.filter((d) => d.aspects.includes(aspect));
  if (diverged.length === 0) return [];
  const lines = ["", c.bold(`${aspect} (${diverged.length})`)];
  for (const d of diverged) lines.push(`  ${txLabel(d, c)}`, ...changeLines(d, aspect, c));
  return lines;
}

function finalLines(final: FinalDifference[], c: Colors): string[] {
  const lines = [c.bold(`final state (${final.length})`)];
  for (const f of final)
    lines.push(changeLine([`${f.kind} ${f.id}`, brief(f.original), brief(f.replayed)], c, "  "));
  return lines;
}
