import { RPC_METHODS, type RpcResult } from "@ecology/protocol";
import { h, table } from "../dom.js";
import { href } from "../route.js";
import {
  artifactLink,
  formatTime,
  intParam,
  offsetPager,
  PAGE_SIZE,
  principalLink,
  type View,
} from "./common.js";

type Listing = Extract<RpcResult<"query">[number], { artifactId: string }>;
const STATUSES = ["", "active", "completed", "cancelled"] as const;

/** `#/listings?status=&offset=`: genesis_escrow's listings, paged. */
export const listingsView: View = async ({ api, route }) => {
  const status = route.query.get("status") ?? "";
  const offset = intParam(route, "offset", 0);
  const known = STATUSES.includes(status as (typeof STATUSES)[number]) && status !== "";
  const rows = (await api.call("query", {
    kind: "listings",
    filters: { limit: PAGE_SIZE, offset, ...(known ? { status } : {}) },
  })) as Listing[];
  const cells = rows.map((l) => [
    artifactLink(l.artifactId),
    principalLink(l.seller),
    String(l.price),
    l.status,
    l.buyer === null ? "" : principalLink(l.buyer),
    formatTime(l.createdAt),
    l.closedAt === null ? "" : formatTime(l.closedAt),
  ]);
  const tabs = STATUSES.map((s) =>
    h(
      "a",
      { href: href("listings", undefined, { status: s }), class: s === status ? "on" : undefined },
      s || "all",
    ),
  );
  return h(
    "div",
    {},
    h("h1", {}, "Escrow listings"),
    h("p", { class: "muted" }, RPC_METHODS.query.description),
    h("nav", { class: "tabs" }, ...tabs),
    table(
      ["artifact", "seller", "price", "status", "buyer", "listed (UTC)", "closed (UTC)"],
      cells,
      "No listings.",
    ),
    offsetPager(route, offset, rows.length, { status }),
  );
};
