import { genesisArtifacts } from "@ecology/protocol";
import type { ArtifactInfo } from "./types.js";

/**
 * The SDK's `genesis.<name>` refs and the ids they stand for, from protocol's genesis
 * manifests.
 *
 * @example
 * ```ts
 * GENESIS_REFS.get("eventLog"); // "genesis_event_log"
 * ```
 */
export const GENESIS_REFS: ReadonlyMap<string, string> = new Map(
  genesisArtifacts().map((artifact) => [artifact.ref, artifact.id]),
);

/**
 * The four genesis artifacts as the analysis knows them: protocol's manifests (the ones the
 * kernel executes), with each artifact's and each method's description. A fresh copy on every
 * call, so callers may keep or change it.
 *
 * @example
 * ```ts
 * genesisCatalog().map((a) => a.id); // ["genesis_ledger", "genesis_escrow", ...]
 * ```
 */
export function genesisCatalog(): ArtifactInfo[] {
  return genesisArtifacts().map((artifact) => ({
    id: artifact.id,
    origin: "genesis",
    owner: "genesis",
    description: artifact.description,
    methods: artifact.manifest.methods,
  }));
}
