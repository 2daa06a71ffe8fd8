import type { JsonValue, Manifest, ManifestParam } from "../types.js";
import type { Tx, World } from "../world.js";

/** What a native genesis method receives: the kernel and the immediate caller. */
export interface GenesisCall {
  world: World;
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

/** Shorthand for a manifest parameter. */
export function param(
  name: string,
  type: string,
  schema: { [key: string]: JsonValue },
  optional = false,
): ManifestParam {
  return optional ? { name, type, schema, optional } : { name, type, schema };
}

/** Schema of an id argument. */
export const ID_SCHEMA = { type: "string" } as const;
