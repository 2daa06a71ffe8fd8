import type { JsonValue, Trace, TraceFrame } from "@ecology/protocol";
import { facts, h, table } from "../dom.js";
import {
  artifactLink,
  eventTable,
  formatTime,
  principalLink,
  section,
  type View,
} from "./common.js";
import { flowGraph } from "./flow-graph.js";

/** A JSON value on one line, cut for a table cell (the whole value is in the title). */
function json(value: JsonValue | undefined): HTMLElement {
  const text = value === undefined ? "" : (JSON.stringify(value) ?? "");
  return h("code", { title: text }, text.length > 100 ? `${text.slice(0, 99)}…` : text);
}

/** Where a failure happened, with the contract's source position when it has one. */
function failure(f: TraceFrame): HTMLElement {
  const at = f.error?.at ? ` at ${f.error.at.file}:${f.error.at.line}:${f.error.at.column}` : "";
  return h(
    "span",
    { class: "error failing-frame" },
    `✗ ${f.error?.code ?? "failed"}: ${f.error?.message ?? ""}`,
    h("span", { class: "position" }, at),
  );
}

/** One frame of the invoke tree, with its calls nested under it. */
function frameItem(f: TraceFrame): HTMLElement {
  const args = Array.isArray(f.args) ? f.args.map((a) => JSON.stringify(a)).join(", ") : f.args;
  const costs = [
    f.price > 0 ? `price ${f.price}` : "",
    f.value > 0 ? `value ${f.value}` : "",
    f.compute > 0 ? `compute ${f.compute}` : "",
  ].filter(Boolean);
  const outcome = f.success ? h("span", { class: "ok" }, "✓ ", json(f.result)) : failure(f);
  const states = f.states.map((s) =>
    h(
      "li",
      { class: "muted" },
      "state ",
      artifactLink(s.artifact),
      ": ",
      json(s.before),
      " → ",
      json(s.after),
    ),
  );
  const events = f.events.map((e) =>
    h("li", { class: "muted" }, "event ", e.type, " ", json(e.data)),
  );
  return h(
    "li",
    { class: f.rolledBack ? "frame rolled-back" : "frame" },
    principalLink(f.caller),
    " → ",
    artifactLink(f.target),
    `.${f.method}(${args})`,
    costs.length > 0 ? h("span", { class: "muted" }, ` [${costs.join(", ")}] `) : " ",
    outcome,
    f.rolledBack ? h("span", { class: "muted" }, " (rolled back)") : null,
    states.length + events.length > 0 ? h("ul", { class: "frame-effects" }, states, events) : null,
    f.calls.length > 0 ? h("ul", { class: "calls" }, f.calls.map(frameItem)) : null,
  );
}

function moved(t: Trace): HTMLElement {
  if (t.scrip.length === 0) return h("p", { id: "tx-nothing-moved" }, "Nothing moved.");
  return h(
    "div",
    {},
    flowGraph(t.scrip),
    table(
      ["from", "to", "amount"],
      t.scrip.map((m) => [
        m.from ? principalLink(m.from) : "(minted)",
        principalLink(m.to),
        String(m.amount),
      ]),
      "",
    ),
  );
}

/**
 * `#/tx/<id>`: a transaction's trace (DESIGN.md §12) — its summary, the invoke tree with the
 * failing frame and its source position, the scrip flow graph, ownership and state changes, and
 * the events it committed. What `allowRead` protects arrives redacted from the server.
 */
export const txView: View = async ({ api, route }) => {
  const tx = route.arg ?? "";
  const t = (await api.call("trace", { tx })) as unknown as Trace;
  return h(
    "div",
    {},
    h("h1", {}, `Transaction ${t.tx}`),
    h("p", { id: "tx-summary", class: t.success ? "summary" : "summary error" }, t.summary),
    facts([
      ["operation", h("span", {}, `${t.op} by `, principalLink(t.origin))],
      ["time (UTC)", formatTime(t.time)],
      [
        "outcome",
        h("span", { id: "tx-outcome" }, t.success ? "succeeded" : `failed: ${t.error?.code ?? ""}`),
      ],
      ["failed calls", h("span", { id: "tx-failed" }, String(countFailed(t.calls)))],
    ]),
    t.calls.length > 0
      ? section("Calls", h("ul", { class: "calls tree" }, t.calls.map(frameItem)))
      : null,
    section("Scrip", moved(t)),
    t.ownership.length > 0
      ? section(
          "Ownership",
          table(
            ["artifact", "from", "to"],
            t.ownership.map((o) => [
              artifactLink(o.artifact),
              principalLink(o.from),
              principalLink(o.to),
            ]),
            "",
          ),
        )
      : null,
    t.states.length > 0
      ? section(
          "State changes",
          table(
            ["artifact", "before", "after"],
            t.states.map((s) => [artifactLink(s.artifact), json(s.before), json(s.after)]),
            "",
          ),
        )
      : null,
    section("Events", eventTable(t.events)),
  );
};

function countFailed(calls: readonly TraceFrame[]): number {
  return calls.reduce((n, c) => n + (c.success ? 0 : 1) + countFailed(c.calls), 0);
}
