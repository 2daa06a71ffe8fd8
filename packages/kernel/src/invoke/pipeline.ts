import type { JsonValue } from "@ecology/runtime";
import { loadLive, payeeOf } from "../artifacts.js";
import { appendEvent } from "../event-log.js";
import { capError } from "../failure-cap.js";
import { takeFailureRoom } from "../failure-quota.js";
import { GENESIS } from "../genesis/registry.js";
import { transferScrip } from "../ledger.js";
import { methodPrice, parsePolicy } from "../policy.js";
import { Refusal, refuse, refuseReadOnlyPayment } from "../refusal.js";
import type { ArtifactRow } from "../storage/storage.js";
import type { Envelope, Manifest, ManifestMethod, PathFrame } from "../types.js";
import { isAmount, isValidId, isValidMethodName, jsonText } from "../validate.js";
import { type FailedInvoke, type Frame, type Tx, txIdAt, type World } from "../world.js";
import { checkAccess } from "./access.js";
import { checkArgs, loadContract } from "./contracts.js";
import { maxPriceOf, requireAgreedPrice } from "./price-guard.js";
import { runContract } from "./run-contract.js";

/** One invoke, top-level or nested; `caller` is trusted (the server or the calling frame). */
export interface InvokeRequest {
  caller: string;
  target: unknown;
  method: unknown;
  args: unknown;
  value: unknown;
  /** The highest price the caller agreed to pay; a higher one is refused (`conflict`). */
  maxPrice?: unknown;
  /** Set for views' nested calls and gate checks: only views may run. */
  readOnly?: boolean;
}

interface Checked {
  target: string;
  method: string;
  args: JsonValue[];
  value: number;
  maxPrice: number | undefined;
}

/** Step 1 of DESIGN.md §2.1: ids, method name, JSON args within the size limit, value. */
function validateRequest(world: World, req: InvokeRequest): Checked {
  const { target, method, args, value } = req;
  if (!isValidId(target))
    refuse(
      "invalid_argument",
      `target ${JSON.stringify(target) ?? "undefined"} is not a valid artifact id`,
    );
  if (!isValidMethodName(method))
    refuse(
      "invalid_argument",
      `method ${JSON.stringify(method) ?? "undefined"} is not a valid method name`,
    );
  if (!Array.isArray(args)) refuse("invalid_argument", "args must be a JSON array");
  const t = jsonText(args, world.limits.maxArgsBytes, world.limits.maxJsonDepth);
  if (!t.ok) refuse("invalid_argument", `args ${t.reason}`);
  const v = value ?? 0;
  if (!isAmount(v)) refuse("invalid_argument", "value must be a non-negative safe integer");
  return {
    target,
    method,
    args: args as JsonValue[],
    value: v,
    maxPrice: maxPriceOf(req.maxPrice),
  };
}

function pathOf(tx: Tx, target: unknown, method: unknown): PathFrame[] {
  const path = tx.stack.map((f) => ({ artifact: f.artifact, method: f.method }));
  path.push({ artifact: String(target), method: String(method) });
  return path;
}

/**
 * Runs one invoke exactly as DESIGN.md §2.1 inside a savepoint: on failure everything it did
 * is undone and one `invoke.failed` event (per failed frame inside it) is recorded afterwards.
 * Never throws for expected failures; rethrows bugs.
 */
export function invokeFrame(world: World, tx: Tx, req: InvokeRequest): Envelope {
  const path = pathOf(tx, req.target, req.method);
  let checked: Checked;
  try {
    checked = validateRequest(world, req);
  } catch (e) {
    if (e instanceof Refusal)
      return { success: false, error: capError(e.toError(path), world.limits.maxErrorBytes) };
    throw e;
  }
  const evMark = tx.events.length;
  const failMark = tx.failures.length;
  // With no enclosing transaction this frame's savepoint is the transaction itself.
  const topLevel = !world.storage.inTransaction();
  try {
    return world.storage.atomic(
      () => {
        // Only now, holding the write lock, is the chain head (and so the tx id) final:
        // another process may have committed since the tx was prepared.
        if (topLevel) tx.id = txIdAt(world);
        return execute(world, tx, req, checked, evMark);
      },
      () => true,
    );
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    tx.events.length = evMark;
    const failed: FailedInvoke = {
      caller: req.caller,
      target: checked.target,
      method: checked.method,
      error: capError(e.toError(path), world.limits.maxErrorBytes),
      depth: path.length,
    };
    const records = [...tx.failures.slice(failMark), failed];
    tx.failures.push(failed);
    world.storage.atomic(
      () => {
        // At top level this is a fresh transaction: re-derive the id under its write lock.
        if (topLevel) tx.id = txIdAt(world);
        for (const f of records) recordFailure(world, tx, f);
      },
      () => true,
    );
    return { success: false, error: failed.error };
  }
}

function recordFailure(world: World, tx: Tx, f: FailedInvoke): void {
  // Past the principal's cap the failure is still returned, just not kept (ADR 0019).
  if (!takeFailureRoom(world, tx)) return;
  const data: { [key: string]: JsonValue } = {
    method: f.method,
    code: f.error.code,
    message: f.error.message,
    depth: f.depth,
  };
  if (f.error.path) data.path = f.error.path as unknown as JsonValue;
  appendEvent(world, tx, { type: "invoke.failed", actor: f.caller, target: f.target, data });
}

function manifestOf(world: World, row: ArtifactRow): Manifest {
  if (row.kind === "genesis") {
    const g = GENESIS.get(row.id);
    if (!g) refuse("not_executable", `${row.id} is not an executable genesis artifact`);
    return g.manifest;
  }
  if (row.kind !== "contract")
    refuse(
      "not_executable",
      `${row.id} is a data artifact; only contracts and genesis artifacts can be invoked`,
    );
  return loadContract(world, row).manifest;
}

function findMethod(row: ArtifactRow, manifest: Manifest, method: string): ManifestMethod {
  const m = manifest.methods.find((x) => x.name === method);
  if (!m) {
    const available = manifest.methods.map((x) => x.name);
    refuse(
      "unknown_method",
      `${row.id} has no method ${method}; available: ${available.join(", ") || "none"}`,
      { methods: available },
    );
  }
  return m;
}

/** Steps 2–9; throws a Refusal for any failure (the savepoint then rolls everything back). */
function execute(world: World, tx: Tx, req: InvokeRequest, c: Checked, evMark: number): Envelope {
  const caller = req.caller;
  const row = loadLive(world, c.target);
  const manifest = manifestOf(world, row);
  const entry = findMethod(row, manifest, c.method);
  checkArgs(entry.params, c.args, `${row.id}.${c.method}`);
  if (req.readOnly && entry.kind !== "view")
    refuse(
      "invalid_state",
      `${row.id}.${c.method} changes state and cannot be called from a view or gate`,
    );
  const policy = parsePolicy(row);
  const gateCompute = checkAccess(world, tx, caller, row, policy, "invoke", c.method);
  // A gate's placeholder frame is not running code of the artifact it guards: not re-entry.
  if (!manifest.reentrant && tx.stack.some((f) => f.artifact === row.id && !f.guarding)) {
    refuse("reentrancy", `${row.id} is already on the call stack and does not declare reentrant`);
  }
  if (tx.stack.length + 1 > world.limits.maxDepth)
    refuse("depth_exceeded", `call depth would exceed ${world.limits.maxDepth}`);
  const payee = payeeOf(world, row);
  const price = payee === caller ? 0 : methodPrice(policy, c.method);
  requireAgreedPrice(price, c.maxPrice, `${row.id}.${c.method}`);
  if (c.value > 0 && (row.kind === "genesis" || req.readOnly || entry.kind === "view"))
    refuse("invalid_argument", `value cannot be attached to ${row.id}.${c.method}`);
  // A view or gate moves no scrip: a priced call from one is refused, never served free.
  if (req.readOnly && price > 0) refuseReadOnlyPayment(caller, `call ${row.id}.${c.method}`, price);
  const balance = world.storage.getBalance(caller);
  if (balance < price + c.value) {
    refuse(
      "insufficient_funds",
      `${caller} has ${balance} scrip; ${row.id}.${c.method} needs ${price + c.value} (price ${price}, value ${c.value})`,
      {
        balance,
        price,
        value: c.value,
      },
    );
  }
  transferScrip(world, tx, {
    from: caller,
    to: payee,
    amount: price,
    reason: `price ${row.id}.${c.method}`,
  });
  transferScrip(world, tx, {
    from: caller,
    to: row.id,
    amount: c.value,
    reason: `value ${row.id}.${c.method}`,
  });
  const frame: Frame = {
    artifact: row.id,
    method: c.method,
    caller,
    readOnly: req.readOnly === true || entry.kind === "view",
    failure: undefined,
  };
  tx.stack.push(frame);
  let out: { result: JsonValue; compute: number };
  try {
    out = runEntry(world, tx, frame, row, entry, c);
  } finally {
    tx.stack.pop();
  }
  const compute = gateCompute + out.compute;
  // Genesis calls log their own domain events (scrip.transferred, escrow.*); an extra
  // invoke.succeeded would double the log and make reading the log grow it (ADR 0006).
  if (row.kind !== "genesis") {
    appendEvent(world, tx, {
      type: "invoke.succeeded",
      actor: caller,
      target: row.id,
      data: {
        method: c.method,
        price,
        value: c.value,
        compute,
        depth: tx.stack.length + 1,
      },
    });
  }
  return {
    success: true,
    result: out.result,
    cost: { price, value: c.value, compute },
    events: tx.events.slice(evMark),
  };
}

function runEntry(
  world: World,
  tx: Tx,
  frame: Frame,
  row: ArtifactRow,
  entry: ManifestMethod,
  c: Checked,
): { result: JsonValue; compute: number } {
  if (row.kind === "genesis") {
    const impl = GENESIS.get(row.id)?.methods[c.method];
    if (!impl) refuse("unknown_method", `${row.id} has no method ${c.method}`);
    return { result: impl({ world, tx, caller: frame.caller }, c.args), compute: 0 };
  }
  return runContract(world, tx, frame, row, { entry: entry.kind, args: c.args, value: c.value });
}
