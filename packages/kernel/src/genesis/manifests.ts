import type { Manifest } from "../types.js";
import { GENESIS } from "./registry.js";

/**
 * The manifests of the four genesis artifacts, by id — for tools (SDK refs, language server,
 * CLI) that describe or type-check calls to them. A fresh copy on every call.
 *
 * @example
 * ```ts
 * genesisManifests().genesis_ledger.methods.map((m) => m.name); // ["balance", "transfer", ...]
 * ```
 */
export function genesisManifests(): { [id: string]: Manifest } {
  const out: { [id: string]: Manifest } = {};
  for (const g of GENESIS.values()) out[g.id] = structuredClone(g.manifest);
  return out;
}
