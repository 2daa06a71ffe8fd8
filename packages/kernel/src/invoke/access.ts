import { allowListAdmits } from "../policy.js";
import { refuse } from "../refusal.js";
import type { ArtifactRow } from "../storage/storage.js";
import type { JsonValue, Policy } from "../types.js";
import type { Tx, World } from "../world.js";
import { invokeFrame } from "./pipeline.js";

/**
 * Enforces `allowRead` / `allowInvoke` and the gate for `caller` on `row` (DESIGN.md §2). The
 * owner is always admitted. The gate is consulted as a read-only nested invoke of
 * `gate.check(caller, action, method)` made by the protected artifact; anything but `true`
 * (including a failing gate) refuses with `not_authorized`.
 */
export function checkAccess(
  world: World,
  tx: Tx,
  caller: string,
  row: ArtifactRow,
  policy: Policy,
  action: "read" | "invoke",
  method: string | null,
): void {
  if (caller === row.owner) return;
  const list = action === "read" ? policy.allowRead : policy.allowInvoke;
  const field = action === "read" ? "allowRead" : "allowInvoke";
  if (!allowListAdmits(list, caller)) {
    refuse(
      "not_authorized",
      `${caller} may not ${action} ${row.id}: not in its ${field}; ask the owner (${row.owner}) to add it`,
      {
        reason: field,
      },
    );
  }
  if (policy.gate === undefined) return;
  const args: JsonValue[] = [caller, action, method];
  const env = invokeFrame(world, tx, {
    caller: row.id,
    target: policy.gate,
    method: "check",
    args,
    value: 0,
    readOnly: true,
  });
  if (!env.success) {
    refuse(
      "not_authorized",
      `${caller} may not ${action} ${row.id}: its gate ${policy.gate} failed (${env.error.code}: ${env.error.message})`,
      {
        reason: "gate",
        gate: policy.gate,
        gateError: env.error.code,
      },
    );
  }
  if (env.result !== true) {
    refuse(
      "not_authorized",
      `${caller} may not ${action} ${row.id}: its gate ${policy.gate} refused`,
      { reason: "gate", gate: policy.gate },
    );
  }
}
