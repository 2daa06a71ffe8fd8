import { facts, h } from "../dom.js";
import { transactionEvents, txFirstSeq } from "../events-window.js";
import { href } from "../route.js";
import { eventTable, formatTime, principalLink, section, type View } from "./common.js";

/**
 * `#/tx/<id>`: a transaction's events, read by seq range (a transaction `tx<n>` starts at event
 * n). When the kernel gives traces, the call tree, flows and state diffs go above the events.
 */
export const txView: View = async ({ api, route }) => {
  const tx = route.arg ?? "";
  const first = txFirstSeq(tx);
  const events = first === undefined ? [] : await transactionEvents(api.events, tx);
  const head = events[0];
  if (!head || first === undefined)
    return h(
      "div",
      {},
      h("h1", {}, `Transaction ${tx}`),
      h("p", { class: "error" }, `No transaction ${tx}.`),
    );
  const last = events[events.length - 1] ?? head;
  const failed = events.filter((e) => e.type === "invoke.failed").length;
  return h(
    "div",
    {},
    h("h1", {}, `Transaction ${tx}`),
    facts([
      ["started by", principalLink(head.actor)],
      ["time (UTC)", formatTime(head.time)],
      ["events", `${events.length} (seq ${head.seq}–${last.seq})`],
      ["failed calls", h("span", { id: "tx-failed" }, String(failed))],
    ]),
    h(
      "nav",
      { class: "pager" },
      h("a", { href: href("events", undefined, { before: last.seq + 1 }) }, "the log up to here"),
    ),
    section("Events", eventTable(events)),
  );
};
