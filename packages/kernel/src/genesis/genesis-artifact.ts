import { type GenesisId, genesisArtifacts, type Manifest } from "@ecology/protocol";
import type { Tx } from "../tx.js";
import type { JsonValue } from "../types.js";
import type { StorageAndLimits } from "../world.js";

/**
 * What a native genesis method receives: the storage and limits (not the pipeline or the
 * runtime: natives run no code and make no calls), the transaction and the immediate caller.
 */
export interface GenesisCall {
  world: StorageAndLimits;
  tx: Tx;
  /** The immediate caller: a principal, or the contract invoking this genesis artifact. */
  caller: string;
}

/** A native method; throws a Refusal for expected failures. */
export type GenesisMethod = (call: GenesisCall, args: JsonValue[]) => JsonValue;

/** A genesis artifact: an id, a manifest like any contract's, and native methods. */
export interface GenesisArtifact {
  id: string;
  description: string;
  manifest: Manifest;
  methods: { [name: string]: GenesisMethod };
}

const INFO = new Map(genesisArtifacts().map((a) => [a.id, a]));

/** The id, description and manifest of a genesis artifact, as `@ecology/protocol` declares them. */
export function genesisInfo(
  id: GenesisId,
): Pick<GenesisArtifact, "id" | "description" | "manifest"> {
  const info = INFO.get(id);
  if (!info) throw new Error(`no genesis artifact ${id}`);
  return { id: info.id, description: info.description, manifest: info.manifest };
}
