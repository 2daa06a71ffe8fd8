import type { JsonValue } from "@ecology/runtime";
import { loadLive, requireOwner } from "../artifacts.js";
import { parsePolicy } from "../policy.js";
import { refuse } from "../refusal.js";
import { chargeResize, rowBytes } from "../storage-quota.js";
import type { Tx } from "../tx.js";
import type { ContractCode } from "../types.js";
import { jsonText } from "../validate.js";
import type { Frame, World } from "../world.js";
import { checkArgs, codeHash, validateCode } from "./contracts.js";
import { runContract } from "./run-contract.js";

/**
 * What `kernel.upgrade` accepts: the new compiled code and the arguments of its `migrate`.
 *
 * @example
 * ```ts
 * kernel.upgrade("alice", "counter", { code: v2.code, args: [10] });
 * ```
 */
export interface UpgradeSpec {
  code: ContractCode;
  /** Arguments of the new code's `migrate(ctx, ...args)`. */
  args?: JsonValue[];
}

/** What an upgrade answers: the code hashes before and after. */
export interface Upgraded {
  id: string;
  fromCodeHash: string;
  toCodeHash: string;
}

/**
 * Replaces the code of contract `p.id` with `p.code` (DESIGN.md §9): owner only, and only when
 * its policy says `upgradable`. When the new code defines `migrate`, it runs once, as the owner,
 * with the old state as `ctx.state`, and what it returns is the new state; a failing migrate
 * refuses the upgrade (the caller's attempt rolls everything back).
 */
export function upgradeContract(
  world: World,
  tx: Tx,
  caller: string,
  p: { [key: string]: unknown },
): { result: Upgraded & { [key: string]: JsonValue }; compute: number } {
  const row = loadLive(world, p.id);
  if (row.kind !== "contract")
    refuse("invalid_argument", `${row.id} is a ${row.kind} artifact; only contracts are upgraded`);
  requireOwner(row, caller, "upgrade");
  if (parsePolicy(row).upgradable !== true)
    refuse(
      "not_authorized",
      `${row.id} was not deployed upgradable (policy.upgradable is false); deploy a new contract instead`,
      { reason: "not_upgradable" },
    );
  const code = validateCode(p.code, world.limits);
  const args = migrateArgs(world, code, p.args);
  const fromCodeHash = row.codeHash ?? "";
  const toCodeHash = codeHash(code);
  const codeText = JSON.stringify(code);
  const before = rowBytes(row) + Buffer.byteLength(world.storage.getCode(row.id) ?? "");
  row.codeHash = toCodeHash;
  chargeResize(world, row.id, before, rowBytes(row) + Buffer.byteLength(codeText));
  world.storage.updateCode(row.id, codeText);
  row.version += 1;
  row.updatedAt = tx.now;
  world.storage.updateArtifact(row);
  tx.append({
    type: "artifact.upgraded",
    actor: caller,
    target: row.id,
    data: { fromCodeHash, toCodeHash, version: row.version },
  });
  const compute = code.manifest.migrate ? runMigrate(world, tx, row, caller, args) : 0;
  return { result: { id: row.id, fromCodeHash, toCodeHash }, compute };
}

function migrateArgs(world: World, code: ContractCode, given: unknown): JsonValue[] {
  const args = given ?? [];
  if (!Array.isArray(args)) refuse("invalid_argument", "args must be a JSON array");
  const t = jsonText(args, world.limits.maxArgsBytes, world.limits.maxJsonDepth);
  if (!t.ok) refuse("invalid_argument", `args ${t.reason}`);
  if (code.manifest.migrate) checkArgs(code.manifest.migrate.params, args, "migrate");
  else if (args.length > 0)
    refuse("invalid_argument", "the new code defines no migrate, so it takes no args");
  return args as JsonValue[];
}

function runMigrate(
  world: World,
  tx: Tx,
  row: Parameters<typeof runContract>[3],
  caller: string,
  args: JsonValue[],
): number {
  const frame: Frame = {
    artifact: row.id,
    method: "migrate",
    caller,
    readOnly: false,
    failure: undefined,
  };
  tx.stack.push(frame);
  try {
    return runContract(world, tx, frame, row, { entry: "migrate", args, value: 0 }).compute;
  } finally {
    tx.stack.pop();
  }
}
