import { facts, h, table } from "../dom.js";
import { headSeq, newestEvents } from "../events-window.js";
import { href } from "../route.js";
import {
  artifactLink,
  eventTable,
  formatTime,
  intParam,
  offsetPager,
  PAGE_SIZE,
  principalLink,
  section,
  type View,
} from "./common.js";

/** `#/principals?offset=`: every principal with its balance, paged. */
export const principalsView: View = async ({ api, route }) => {
  const offset = intParam(route, "offset", 0);
  const rows = await api.call("query", {
    kind: "principals",
    filters: { limit: PAGE_SIZE, offset },
  });
  const cells = (rows as { id: string; createdAt: number; balance: number }[]).map((p) => [
    principalLink(p.id),
    String(p.balance),
    formatTime(p.createdAt),
  ]);
  return h(
    "div",
    {},
    h("h1", {}, "Principals and balances"),
    table(["principal", "balance", "created (UTC)"], cells, "No principals yet."),
    offsetPager(route, offset, rows.length),
  );
};

/** `#/principal/<id>`: a principal's (or any wallet's) balance, artifacts and latest events. */
export const principalView: View = async ({ api, route }) => {
  const id = route.arg ?? "";
  const [balance, owned, head] = await Promise.all([
    api.call("balance", { id }),
    api.call("artifacts", { owner: id, limit: PAGE_SIZE }),
    headSeq(api.events),
  ]);
  const recent = await newestEvents(api.events, { principal: id }, head + 1, 20);
  return h(
    "div",
    {},
    h("h1", {}, `Principal ${id}`),
    facts([
      ["balance", h("span", { id: "principal-balance" }, `${balance} scrip`)],
      [
        "owns",
        owned.length === 0
          ? "no artifacts"
          : h(
              "span",
              {},
              ...owned.flatMap((a, i) => [i > 0 ? ", " : "", artifactLink(a.id)]),
              owned.length === PAGE_SIZE
                ? h("a", { href: href("artifacts", undefined, { owner: id }) }, " … all")
                : null,
            ),
      ],
    ]),
    section(
      "Latest events",
      eventTable(recent.events),
      h("p", {}, h("a", { href: href("events", undefined, { principal: id }) }, "all events →")),
    ),
  );
};
