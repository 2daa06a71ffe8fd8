import type { RpcResult } from "@ecology/protocol";
import type { Api } from "../api.js";
import { h, table } from "../dom.js";
import { href } from "../route.js";
import {
  artifactLink,
  intParam,
  offsetPager,
  PAGE_SIZE,
  policyText,
  pricesText,
  principalLink,
  type View,
} from "./common.js";

type Listing = Extract<RpcResult<"query">[number], { artifactId: string }>;

/** The newest listing of each artifact (at most 1000 listings are looked at). */
export async function listingsByArtifact(api: Api): Promise<Map<string, Listing>> {
  const rows = (await api.call("query", {
    kind: "listings",
    filters: { limit: 1000 },
  })) as Listing[];
  const byArtifact = new Map<string, Listing>();
  for (const listing of rows) {
    const seen = byArtifact.get(listing.artifactId);
    if (!seen || seen.createdAt <= listing.createdAt) byArtifact.set(listing.artifactId, listing);
  }
  return byArtifact;
}

/** A listing's status in a few words. */
export function listingText(listing: Listing | undefined): string {
  if (!listing) return "not listed";
  return listing.status === "active" ? `listed for ${listing.price}` : listing.status;
}

const KINDS = ["", "data", "contract", "genesis"] as const;

function filterForm(owner: string, kind: string): HTMLFormElement {
  const form = h(
    "form",
    {
      class: "filters",
      id: "artifact-filters",
      onsubmit: (event: Event) => {
        event.preventDefault();
        const data = new FormData(event.target as HTMLFormElement);
        location.hash = href("artifacts", undefined, {
          owner: String(data.get("owner") ?? "").trim(),
          kind: String(data.get("kind") ?? ""),
        });
      },
    },
    h("label", {}, "owner ", h("input", { name: "owner", value: owner, placeholder: "any" })),
    h(
      "label",
      {},
      "kind ",
      h(
        "select",
        { name: "kind" },
        ...KINDS.map((k) =>
          h("option", { value: k, ...(k === kind ? { selected: "" } : {}) }, k || "any"),
        ),
      ),
    ),
    h("button", { type: "submit" }, "filter"),
  );
  return form;
}

/** `#/artifacts?owner=&kind=&offset=`: every artifact, paged, with policy, prices and listing. */
export const artifactsView: View = async ({ api, route }) => {
  const owner = route.query.get("owner") ?? "";
  const kind = route.query.get("kind") ?? "";
  const offset = intParam(route, "offset", 0);
  const [rows, listings] = await Promise.all([
    api.call("artifacts", {
      limit: PAGE_SIZE,
      offset,
      ...(owner ? { owner } : {}),
      ...(kind === "data" || kind === "contract" || kind === "genesis" ? { kind } : {}),
    }),
    listingsByArtifact(api),
  ]);
  const cells = rows.map((a) => [
    artifactLink(a.id),
    a.kind,
    principalLink(a.owner),
    policyText(a.policy),
    pricesText(a.policy),
    listingText(listings.get(a.id)),
    String(a.version),
  ]);
  return h(
    "div",
    {},
    h("h1", {}, "Artifacts"),
    filterForm(owner, kind),
    table(
      ["id", "kind", "owner", "policy", "prices", "escrow", "version"],
      cells,
      "No artifacts match.",
    ),
    offsetPager(route, offset, rows.length, { owner, kind }),
  );
};
