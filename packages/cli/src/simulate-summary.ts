import type { Operation, SimulationReport, Violation } from "@ecology/simulate";
import { type Io, printable, printTable } from "./output.js";

/** A number for people: whole numbers as they are, others with at most 4 decimals. */
function num(n: number): string {
  return String(Math.round(n * 10_000) / 10_000);
}

function signed(n: number): string {
  return n > 0 ? `+${num(n)}` : num(n);
}

function percent(rate: number): string {
  return `${num(rate * 100)} %`;
}

/** One counterexample operation as a line: who did what, with the recorded inputs. */
export function describeOperation(op: Operation): string {
  const p = op.params;
  const json = (v: unknown) => JSON.stringify(v) ?? "null";
  switch (op.op) {
    case "invoke": {
      const args = Array.isArray(p.args) ? p.args.map(json).join(", ") : "";
      const value = typeof p.value === "number" && p.value > 0 ? ` with ${p.value} scrip` : "";
      return `${op.origin}: invoke ${String(p.target)}.${String(p.method)}(${args})${value}`;
    }
    case "write":
      return `${op.origin}: write ${String(p.id)}`;
    case "read":
      return `${op.origin}: read ${String(p.id)}`;
    case "deploy":
      return `${op.origin}: deploy ${String(p.id)} from ${String(p.file)}`;
    default:
      return `${op.origin}: ${op.op} ${json(p)}`;
  }
}

function printViolation(io: Io, v: Violation): void {
  const ce = v.counterexample;
  const during = v.rounds === 1 ? "1 round" : `${v.rounds} rounds`;
  io.out(`  ✗ ${printable(v.invariant)}: broken from round ${v.round} (for ${during})\n`);
  io.out(`    ${printable(v.message)}\n`);
  const how = [
    ce.minimal ? "1-minimal" : "not minimal (replay budget spent)",
    ce.reproduced ? "reproduced" : "NOT reproduced on replay",
    `${ce.tests} replays`,
  ].join(", ");
  io.out(
    `    counterexample: ${ce.actions} of ${ce.shrunkFrom} agent operations (${how}), after ${ce.setup} setup operations:\n`,
  );
  const steps = ce.operations.slice(ce.setup);
  steps.forEach((op, i) => {
    io.out(`      ${i + 1}. ${printable(describeOperation(op))}\n`);
  });
  if (ce.message !== v.message) io.out(`    which breaks it as: ${printable(ce.message)}\n`);
}

function printSide(io: Io, report: SimulationReport, label: string): void {
  const agents = report.distribution.length;
  const ex = report.exploitation;
  io.out(
    `${label}${printable(report.scenario)} · seed ${report.seed} · ${report.rounds} rounds · ${agents} agent${agents === 1 ? "" : "s"}\n`,
  );
  io.out(
    `  welfare ${num(report.welfareInitial)} → ${num(report.welfare)} · gini ${num(report.giniInitial)} → ${num(report.gini)} · ` +
      `exploits ${ex.profitable} of ${ex.attempts} profitable (${percent(ex.rate)})\n`,
  );
  const rows = Object.entries(report.profit).map(([group, p]) => {
    const tries = ex.byPersona[group];
    return [
      group,
      p.agents,
      signed(p.profit),
      signed(p.perAgent),
      p.actions,
      p.failed,
      tries ? `${tries.profitable} of ${tries.attempts}` : "",
    ];
  });
  const head = ["persona", "agents", "profit", "per agent", "actions", "refused", "exploits paid"];
  printTable(io, head, rows, "no agents");
  if (report.violations.length === 0) io.out("  every invariant held\n");
  for (const v of report.violations) printViolation(io, v);
}

function printComparison(io: Io, a: SimulationReport): void {
  const c = a.compare;
  if (!c) return;
  const b = c.report;
  const row = (name: string, x: number, y: number, d: number) => [name, num(x), num(y), signed(d)];
  const rows = [
    row("welfare", a.welfare, b.welfare, c.delta.welfare),
    row("gini", a.gini, b.gini, c.delta.gini),
    [
      "exploits paid",
      percent(a.exploitation.rate),
      percent(b.exploitation.rate),
      `${signed(c.delta.exploitationRate * 100)} pts`,
    ],
    row("violations", a.violations.length, b.violations.length, c.delta.violations),
    ...Object.entries(c.delta.profit).map(([group, d]) =>
      row(`profit ${group}`, a.profit[group]?.profit ?? 0, b.profit[group]?.profit ?? 0, d),
    ),
  ];
  io.out(`A/B · seed ${a.seed} · ${a.rounds} rounds\n`);
  printTable(io, ["", `A: ${a.scenario}`, `B: ${c.scenario}`, "B − A"], rows, "");
}

/**
 * Prints a simulation report for people: the A/B table first when there is one, then each
 * side's welfare, Gini, exploitation, profit per persona and its violations with the shrunk
 * counterexample's operations, and where the HTML went. `--json` prints `reportJson` instead.
 *
 * @example
 * ```ts
 * printSimulationSummary(io, report, "/tmp/report.html");
 * ```
 */
export function printSimulationSummary(io: Io, report: SimulationReport, out?: string): void {
  printComparison(io, report);
  printSide(io, report, report.compare ? "A: " : "");
  if (report.compare) printSide(io, report.compare.report, "B: ");
  if (out !== undefined) io.out(`wrote ${printable(out)}\n`);
}
