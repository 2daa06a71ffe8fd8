import type { Api } from "../api.js";
import { facts, h } from "../dom.js";
import { headSeq, newestEvents } from "../events-window.js";
import { href } from "../route.js";
import { eventTable, section, type View } from "./common.js";

/** Counts rows of a paged discovery query, 1000 at a time, up to `cap` (then "cap+"). */
async function countRows(
  api: Api,
  kind: "artifacts" | "principals",
  cap = 10_000,
): Promise<string> {
  let total = 0;
  for (let offset = 0; offset < cap; offset += 1000) {
    const rows = await api.call("query", { kind, filters: { limit: 1000, offset } });
    total += rows.length;
    if (rows.length < 1000) return String(total);
  }
  return `${cap}+`;
}

/** `#/overview`: the economy's totals and its latest events. */
export const overviewView: View = async ({ api }) => {
  const [principals, artifacts, minted, head] = await Promise.all([
    countRows(api, "principals"),
    countRows(api, "artifacts"),
    api.call("totalMinted", {}),
    headSeq(api.events),
  ]);
  const recent = await newestEvents(api.events, {}, head + 1, 15);
  return h(
    "div",
    {},
    h("h1", {}, "Overview"),
    facts([
      ["principals", h("a", { href: href("principals"), id: "total-principals" }, principals)],
      ["artifacts", h("a", { href: href("artifacts"), id: "total-artifacts" }, artifacts)],
      ["scrip minted", h("span", { id: "total-minted" }, String(minted))],
      ["events", h("a", { href: href("events"), id: "total-events" }, String(head))],
    ]),
    section(
      "Recent events",
      eventTable(recent.events),
      h("p", {}, h("a", { href: href("events") }, "all events, live →")),
    ),
  );
};
