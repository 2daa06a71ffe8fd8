import { allowListAdmits } from "../policy.js";
import { Refusal, refuse } from "../refusal.js";
import type { ArtifactRow } from "../storage/storage.js";
import type { Tx } from "../tx.js";
import type { Envelope, EnvelopeError, ErrorCode, JsonValue, Policy } from "../types.js";
import type { World } from "../world.js";

/** What access checks use of the kernel: the depth limit, and the pipeline to consult gates. */
type Gatekeeping = Pick<World, "limits" | "invoke">;

/**
 * Gate failures that mean the whole invoke ran out (of depth, compute or time), not that the
 * gate said no: they keep their code, so a caller sees the limit it hit (ADR 0018).
 */
const EXHAUSTED: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "depth_exceeded",
  "out_of_compute",
  "timeout",
]);

/**
 * Enforces `allowRead` / `allowInvoke` and the gate for `caller` on `row` (DESIGN.md §2). The
 * owner is always admitted. The gate is consulted as a read-only nested invoke of
 * `gate.check(caller, action, method)` made by the protected artifact, one frame below it;
 * anything but `true` (including a failing gate) refuses with `not_authorized`, except that a
 * gate that ran out of depth, compute or time fails with that code, and a gate cycle with
 * reason `gate_cycle`. Returns the compute units the gate check spent (ADR 0018).
 */
export function checkAccess(
  world: Gatekeeping,
  tx: Tx,
  caller: string,
  row: ArtifactRow,
  policy: Policy,
  action: "read" | "invoke",
  method: string | null,
): number {
  if (caller === row.owner) return 0;
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
  const gate = policy.gate;
  if (gate === undefined) return 0;
  const denied = `${caller} may not ${action} ${row.id}`;
  const env = consultGate(world, tx, row, gate, [caller, action, method], denied);
  if (!env.success) throw gateFailure(denied, gate, env.error);
  if (env.result !== true)
    refuse("not_authorized", `${denied}: its gate ${gate} refused`, { reason: "gate", gate });
  return env.cost.compute;
}

/**
 * Runs `gate.check(...)` as `row`, on a placeholder frame of `row`: the check counts against
 * maxDepth like any nested call, and an access check of `row` while its gate decides (a self-gate,
 * a cycle of gates, a gate reading or invoking what it guards) is refused as a gate cycle.
 */
function consultGate(
  world: Gatekeeping,
  tx: Tx,
  row: ArtifactRow,
  gate: string,
  args: JsonValue[],
  denied: string,
): Envelope {
  if (tx.stack.some((f) => f.guarding === true && f.artifact === row.id))
    refuse(
      "not_authorized",
      `${denied}: its gate ${gate} is already deciding an access to ${row.id} (a gate cycle)`,
      { reason: "gate_cycle", gate },
    );
  // Refused before walking further, so an arbitrarily long chain of gates costs maxDepth steps.
  if (tx.stack.length + 2 > world.limits.maxDepth)
    refuse(
      "depth_exceeded",
      `${denied}: its gate ${gate} would run past call depth ${world.limits.maxDepth}`,
      { reason: "gate", gate },
    );
  tx.stack.push({
    artifact: row.id,
    method: typeof args[2] === "string" ? args[2] : "(read)",
    caller: args[0] as string,
    readOnly: true,
    failure: undefined,
    guarding: true,
  });
  try {
    return world.invoke(tx, {
      caller: row.id,
      target: gate,
      method: "check",
      args,
      value: 0,
      readOnly: true,
    });
  } finally {
    tx.stack.pop();
  }
}

/** The refusal of an access whose gate failed with `error`. */
function gateFailure(denied: string, gate: string, error: EnvelopeError): Refusal {
  const message = `${denied}: its gate ${gate} failed (${error.code}: ${error.message})`;
  if (EXHAUSTED.has(error.code)) return new Refusal(error.code, message, { reason: "gate", gate });
  const cycle = error.code === "not_authorized" && error.details?.reason === "gate_cycle";
  return new Refusal("not_authorized", message, {
    reason: cycle ? "gate_cycle" : "gate",
    gate,
    gateError: error.code,
  });
}
