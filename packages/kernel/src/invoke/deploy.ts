import type { JsonValue } from "@ecology/runtime";
import { isIdFree, metadataText } from "../artifacts.js";
import { mergePolicy } from "../policy.js";
import { refuse } from "../refusal.js";
import type { ArtifactRow } from "../storage/storage.js";
import { chargeNewArtifact, rowBytes } from "../storage-quota.js";
import type { Tx } from "../tx.js";
import type { ContractCode, Policy } from "../types.js";
import { ID_RULE, isReservedId, isValidId, jsonText } from "../validate.js";
import type { Frame, World } from "../world.js";
import { checkArgs, codeHash, validateCode } from "./contracts.js";
import { runContract } from "./run-contract.js";

/**
 * What `kernel.deploy` accepts: compiled code (ADR 0003) and optional id, init args, policy
 * and metadata.
 *
 * @example
 * ```ts
 * kernel.deploy("alice", { id: "pool", code: built.code, args: [], policy: { invokePrice: 1 } });
 * ```
 */
export interface DeploySpec {
  /** The artifact id; generated (`c<n>`) when omitted. */
  id?: string;
  code: ContractCode;
  /** Arguments of the definition's `init`. */
  args?: JsonValue[];
  policy?: Partial<Policy>;
  metadata?: { [key: string]: JsonValue };
}

function pickId(world: World, id: unknown): string {
  if (id === undefined) {
    let n = Number(world.storage.getMeta("artifact_counter") ?? "0");
    let candidate: string;
    do candidate = `c${++n}`;
    while (!isIdFree(world, candidate));
    world.storage.setMeta("artifact_counter", String(n));
    return candidate;
  }
  if (!isValidId(id))
    refuse("invalid_argument", `${JSON.stringify(id)} is not a valid artifact id (${ID_RULE})`);
  if (isReservedId(id))
    refuse("invalid_argument", "ids starting with genesis_ are reserved for the kernel");
  if (!isIdFree(world, id)) refuse("conflict", `id ${id} is already taken; choose another`);
  return id;
}

function initialPolicy(code: ContractCode, policy: unknown): Policy {
  const merged = mergePolicy(policy);
  const defaults: { [method: string]: number } = {};
  for (const m of code.manifest.methods) if (m.price !== undefined) defaults[m.name] = m.price;
  if (Object.keys(defaults).length === 0) return merged;
  return { ...merged, methodPrices: { ...defaults, ...(merged.methodPrices ?? {}) } };
}

/**
 * Creates a contract artifact owned by `caller` and runs its `init` (as `caller`) inside the
 * same transaction; a failing init undoes the whole deploy.
 */
export function deployContract(
  world: World,
  tx: Tx,
  caller: string,
  spec: unknown,
): { id: string; codeHash: string; compute: number } {
  if (typeof spec !== "object" || spec === null)
    refuse("invalid_argument", "deploy needs { code, id?, args?, policy?, metadata? }");
  const s = spec as { [key: string]: unknown };
  const code = validateCode(s.code, world.limits);
  const args = s.args ?? [];
  if (!Array.isArray(args)) refuse("invalid_argument", "args must be a JSON array");
  const t = jsonText(args, world.limits.maxArgsBytes, world.limits.maxJsonDepth);
  if (!t.ok) refuse("invalid_argument", `args ${t.reason}`);
  if (code.manifest.init) checkArgs(code.manifest.init.params, args as JsonValue[], "init");
  const policy = initialPolicy(code, s.policy);
  const metadata = metadataText(world, s.metadata);
  const id = pickId(world, s.id);
  const hash = codeHash(code);
  const row: ArtifactRow = {
    id,
    kind: "contract",
    owner: caller,
    createdBy: caller,
    createdAt: tx.now,
    updatedAt: tx.now,
    version: 1,
    content: null,
    state: null,
    policy: JSON.stringify(policy),
    metadata,
    deleted: false,
    codeHash: hash,
  };
  const codeText = JSON.stringify(code);
  chargeNewArtifact(world, tx, id, rowBytes(row) + Buffer.byteLength(codeText));
  world.storage.insertArtifact(row, codeText);
  tx.append({
    type: "artifact.created",
    actor: caller,
    target: id,
    data: { kind: "contract", owner: caller, codeHash: hash },
  });
  const frame: Frame = {
    artifact: id,
    method: "init",
    caller,
    readOnly: false,
    failure: undefined,
  };
  tx.stack.push(frame);
  try {
    const { compute } = runContract(world, tx, frame, row, {
      entry: "init",
      args: args as JsonValue[],
      value: 0,
    });
    return { id, codeHash: hash, compute };
  } finally {
    tx.stack.pop();
  }
}
