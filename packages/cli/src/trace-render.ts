import type { JsonValue, Trace, TraceFrame } from "@ecology/protocol";
import { pc, printable } from "./output.js";

const MAX_VALUE = 80;

/** A JSON value on one line, cut to {@link MAX_VALUE} characters, safe for a terminal. */
function brief(value: JsonValue | undefined): string {
  const text = value === undefined ? "" : (JSON.stringify(value) ?? "");
  return printable(text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text);
}

function frameLine(f: TraceFrame): string {
  const args = Array.isArray(f.args) ? f.args.map((a) => brief(a)).join(", ") : brief(f.args);
  const call = `${f.caller} → ${pc.bold(`${f.target}.${f.method}`)}(${args})`;
  const money = [
    f.price > 0 ? `price ${f.price}` : "",
    f.value > 0 ? `value ${f.value}` : "",
    f.compute > 0 ? `compute ${f.compute}` : "",
  ].filter(Boolean);
  const costs = money.length > 0 ? pc.dim(` [${money.join(", ")}]`) : "";
  if (f.success) {
    const undone = f.rolledBack ? pc.yellow(" (rolled back by its caller's failure)") : "";
    return `${call}${costs} ${pc.green("✓")} ${brief(f.result)}${undone}`;
  }
  const at = f.error?.at ? ` at ${printable(f.error.at.file)}:${f.error.at.line}` : "";
  return `${call}${costs} ${pc.red(`✗ ${f.error?.code ?? "failed"}: ${printable(f.error?.message ?? "")}${at}`)}${pc.yellow(" (rolled back)")}`;
}

function treeLines(frames: TraceFrame[], indent: string, out: string[]): void {
  frames.forEach((f, i) => {
    const last = i === frames.length - 1;
    out.push(`${indent}${last ? "└─ " : "├─ "}${frameLine(f)}`);
    const inner = `${indent}${last ? "   " : "│  "}`;
    for (const s of f.states)
      out.push(`${inner}${pc.dim("state")} ${s.artifact}: ${brief(s.before)} → ${brief(s.after)}`);
    for (const e of f.events)
      out.push(
        `${inner}${pc.dim("event")} ${e.type}${e.target ? ` ${e.target}` : ""} ${brief(e.data)}`,
      );
    treeLines(f.calls, inner, out);
  });
}

/**
 * A transaction's trace for a terminal: the one-line summary on top, then the invoke tree
 * (arguments, price, value, compute, result or error with its source position, states and
 * events per frame), scrip moves, ownership changes, state changes and the committed events.
 * Colour only when the output wants it (see `pc`).
 */
export function renderTrace(t: Trace): string {
  const status = t.success ? pc.green("succeeded") : pc.red("failed");
  const out = [
    pc.bold(printable(t.summary)),
    pc.dim(`${t.tx} · ${t.op} by ${t.origin} · ${new Date(t.time).toISOString()} · ${status}`),
  ];
  if (!t.faithful)
    out.push(
      pc.red("warning: re-executing this transaction did not reproduce its recorded hashes"),
    );
  if (t.calls.length > 0) {
    out.push("", "calls");
    treeLines(t.calls, "", out);
  }
  out.push("", "scrip");
  if (t.scrip.length === 0) out.push("  nothing moved");
  for (const m of t.scrip) out.push(`  ${m.from ?? "(minted)"} → ${m.to}  ${m.amount}`);
  if (t.ownership.length > 0) {
    out.push("", "ownership");
    for (const o of t.ownership) out.push(`  ${o.artifact}: ${o.from} → ${o.to}`);
  }
  if (t.states.length > 0) {
    out.push("", "state");
    for (const s of t.states) out.push(`  ${s.artifact}: ${brief(s.before)} → ${brief(s.after)}`);
  }
  out.push("", "events");
  if (t.events.length === 0) out.push("  none");
  for (const e of t.events)
    out.push(
      `  ${e.seq}  ${e.type}  ${e.actor}${e.target ? ` → ${e.target}` : ""}  ${brief(e.data)}`,
    );
  return `${out.join("\n")}\n`;
}
