import type { ArtifactSummary, RpcResult } from "@ecology/protocol";
import { type Api, ExplorerError } from "../api.js";
import { facts, h, table } from "../dom.js";
import { headSeq, newestEvents } from "../events-window.js";
import { href } from "../route.js";
import { listingsByArtifact, listingText } from "./artifacts.js";
import {
  eventTable,
  formatTime,
  policyText,
  pricesText,
  principalLink,
  section,
  type View,
} from "./common.js";

/** The summary of artifact `id` (discovery has no exact-id filter: name search, then match). */
async function findArtifact(api: Api, id: string): Promise<ArtifactSummary | undefined> {
  for (let offset = 0; offset < 10_000; offset += 1000) {
    const rows = await api.call("artifacts", { nameContains: id, limit: 1000, offset });
    const found = rows.find((a) => a.id === id);
    if (found || rows.length < 1000) return found;
  }
  return undefined;
}

function manifestTable(manifest: RpcResult<"manifest">): HTMLElement {
  const rows = manifest.methods.map((m) => [
    h("code", {}, m.name),
    m.kind,
    m.params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type}`).join(", "),
    m.returns ?? "",
    m.price === undefined ? "" : String(m.price),
    m.description ?? "",
  ]);
  return table(
    ["method", "kind", "params", "returns", "price", "description"],
    rows,
    "No methods.",
  );
}

async function manifestSection(api: Api, artifact: ArtifactSummary): Promise<HTMLElement | null> {
  if (artifact.kind === "data") return null;
  try {
    const manifest = await api.call("manifest", { id: artifact.id });
    return section(
      "Manifest",
      h("p", {}, manifest.reentrant ? "re-entrant" : "not re-entrant"),
      manifestTable(manifest),
    );
  } catch (error) {
    if (error instanceof ExplorerError && !error.tokenRefused)
      return section("Manifest", h("p", { class: "error" }, error.message));
    throw error;
  }
}

/** `#/artifact/<id>`: one artifact's metadata, manifest, wallet, listing and latest events. */
export const artifactView: View = async ({ api, route }) => {
  const id = route.arg ?? "";
  const artifact = await findArtifact(api, id);
  if (!artifact)
    return h("div", {}, h("h1", {}, id), h("p", { class: "error" }, `No artifact ${id}.`));
  const [balance, listings, head] = await Promise.all([
    api.call("balance", { id }),
    listingsByArtifact(api),
    headSeq(api.events),
  ]);
  const recent = await newestEvents(api.events, { artifact: id }, head + 1, 20);
  const metadata = JSON.stringify(artifact.metadata);
  return h(
    "div",
    {},
    h("h1", {}, `Artifact ${id}`),
    facts([
      ["kind", artifact.kind],
      ["owner", principalLink(artifact.owner)],
      ["created by", principalLink(artifact.createdBy)],
      ["version", String(artifact.version)],
      ["updated", formatTime(artifact.updatedAt)],
      ["policy", policyText(artifact.policy)],
      ["prices", pricesText(artifact.policy)],
      ["escrow", h("a", { href: href("listings") }, listingText(listings.get(id)))],
      ["wallet", `${balance} scrip`],
      ["metadata", metadata === "{}" ? "none" : h("code", {}, metadata)],
    ]),
    await manifestSection(api, artifact),
    section(
      "Latest events",
      eventTable(recent.events),
      h("p", {}, h("a", { href: href("events", undefined, { artifact: id }) }, "all its events →")),
    ),
  );
};
