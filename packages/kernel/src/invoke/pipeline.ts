import type { JsonValue } from "@ecology/runtime";
import { loadLive, payeeOf } from "../artifacts.js";
import { capError } from "../failure-cap.js";
import { transferScrip } from "../ledger.js";
import { methodPrice, parsePolicy } from "../policy.js";
import { Refusal, refuse, refuseReadOnlyPayment } from "../refusal.js";
import type { ArtifactRow } from "../storage/storage.js";
import type { FailedInvoke, FrameOutcome, Tx } from "../tx.js";
import type { Envelope, Manifest, ManifestMethod, PathFrame, Policy } from "../types.js";
import { isAmount, isValidId, isValidMethodName, jsonText } from "../validate.js";
import type { Frame, InvokeRequest, World } from "../world.js";
import { checkAccess } from "./access.js";
import { checkArgs, loadContract } from "./contracts.js";
import { maxPriceOf, requireAgreedPrice } from "./price-guard.js";
import { runContract } from "./run-contract.js";

/** A request that passed step 1: a valid target id and method name, JSON args, amounts. */
interface Call {
  caller: string;
  target: string;
  method: string;
  args: JsonValue[];
  value: number;
  maxPrice: number | undefined;
  /** A view's nested call or a gate check: only views may run, nothing may be paid. */
  readOnly: boolean;
}

/** What a call runs (steps 2 and 3): the live target, its manifest and policy, the entry. */
interface Target {
  row: ArtifactRow;
  manifest: Manifest;
  policy: Policy;
  entry: ManifestMethod;
}

/** Who is paid what for a call (step 6). */
interface Price {
  payee: string;
  amount: number;
}

/**
 * Runs one invoke, top-level or nested, exactly as DESIGN.md §2.1, in a savepoint of `tx`: on
 * failure everything it did is undone and one `invoke.failed` (per failed frame inside it) is
 * recorded in the enclosing scope. A request that is malformed (step 1) is refused before
 * anything starts and leaves no record. Never throws for expected failures; rethrows bugs.
 */
export function invokeFrame(world: World, tx: Tx, req: InvokeRequest): Envelope {
  if (tx.tracer === undefined) return invokeUntraced(world, tx, req);
  tx.tracer.enter(req);
  const env = invokeUntraced(world, tx, req);
  tx.tracer.exit(env);
  return env;
}

function invokeUntraced(world: World, tx: Tx, req: InvokeRequest): Envelope {
  let call: Call;
  try {
    call = validateRequest(world, req);
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    const error = e.toError(pathOf(tx, String(req.target), String(req.method)));
    return { success: false, error: capError(error, world.limits.maxErrorBytes) };
  }
  return tx.savepoint(
    () => execute(world, tx, call),
    (refusal) => failedInvoke(world, tx, call, refusal),
  );
}

/** The invoke chain down to a call of `target.method` made from the top of `tx`'s stack. */
function pathOf(tx: Tx, target: string, method: string): PathFrame[] {
  const path = tx.stack.map((f) => ({ artifact: f.artifact, method: f.method }));
  path.push({ artifact: target, method });
  return path;
}

/** The record of a call that failed; the stack is as it was when the call began. */
function failedInvoke(world: World, tx: Tx, call: Call, refusal: Refusal): FailedInvoke {
  const path = pathOf(tx, call.target, call.method);
  return {
    caller: call.caller,
    target: call.target,
    method: call.method,
    error: capError(refusal.toError(path), world.limits.maxErrorBytes),
    depth: path.length,
  };
}

/** Step 1: ids, method name, JSON args within the size limit, value and maxPrice. */
function validateRequest(world: World, req: InvokeRequest): Call {
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
    caller: req.caller,
    target,
    method,
    args: args as JsonValue[],
    value: v,
    maxPrice: maxPriceOf(req.maxPrice),
    readOnly: req.readOnly === true,
  };
}

/** Steps 2–9, in order; each refuses by throwing a Refusal, which the savepoint rolls back. */
function execute(world: World, tx: Tx, call: Call): FrameOutcome {
  const target = resolveTarget(world, call);
  const gateCompute = admit(world, tx, call, target);
  checkCallStack(world, tx, target);
  const price = priceOf(world, call, target);
  pay(world, tx, call, target.row, price);
  const out = run(world, tx, call, target);
  const compute = gateCompute + out.compute;
  recordSuccess(tx, call, target.row, price.amount, compute);
  return { result: out.result, cost: { price: price.amount, value: call.value, compute } };
}

/**
 * Steps 2 and 3: the target exists, is not deleted and is executable; the method is in its
 * manifest, the args fit the method's parameters, and a read-only call reaches only a view.
 */
function resolveTarget(world: World, call: Call): Target {
  const row = loadLive(world, call.target);
  const manifest = manifestOf(world, row);
  const entry = findMethod(row, manifest, call.method);
  checkArgs(entry.params, call.args, `${row.id}.${call.method}`);
  if (call.readOnly && entry.kind !== "view")
    refuse(
      "invalid_state",
      `${row.id}.${call.method} changes state and cannot be called from a view or gate`,
    );
  return { row, manifest, policy: parsePolicy(row), entry };
}

function manifestOf(world: World, row: ArtifactRow): Manifest {
  if (row.kind === "genesis") {
    const g = world.genesis.get(row.id);
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

/** Step 4: `allowInvoke` and the gate admit the caller; returns the gate check's compute. */
function admit(world: World, tx: Tx, call: Call, target: Target): number {
  return checkAccess(world, tx, call.caller, target.row, target.policy, "invoke", call.method);
}

/** Step 5: no re-entry unless the manifest allows it, and depth within `maxDepth`. */
function checkCallStack(world: World, tx: Tx, { row, manifest }: Target): void {
  // A gate's placeholder frame is not running code of the artifact it guards: not re-entry.
  if (!manifest.reentrant && tx.stack.some((f) => f.artifact === row.id && !f.guarding))
    refuse("reentrancy", `${row.id} is already on the call stack and does not declare reentrant`);
  if (tx.stack.length + 1 > world.limits.maxDepth)
    refuse("depth_exceeded", `call depth would exceed ${world.limits.maxDepth}`);
}

/**
 * Step 6: the price (none when the caller is the payee), agreed to by `maxPrice`, payable by a
 * writing frame, and affordable together with the value — before anything moves or runs.
 */
function priceOf(world: World, call: Call, { row, policy, entry }: Target): Price {
  const what = `${row.id}.${call.method}`;
  const payee = payeeOf(world, row);
  const amount = payee === call.caller ? 0 : methodPrice(policy, call.method);
  requireAgreedPrice(amount, call.maxPrice, what);
  if (call.value > 0 && (row.kind === "genesis" || call.readOnly || entry.kind === "view"))
    refuse("invalid_argument", `value cannot be attached to ${what}`);
  // A view or gate moves no scrip: a priced call from one is refused, never served free.
  if (call.readOnly && amount > 0) refuseReadOnlyPayment(call.caller, `call ${what}`, amount);
  const balance = world.storage.getBalance(call.caller);
  if (balance < amount + call.value)
    refuse(
      "insufficient_funds",
      `${call.caller} has ${balance} scrip; ${what} needs ${amount + call.value} (price ${amount}, value ${call.value})`,
      { balance, price: amount, value: call.value },
    );
  return { payee, amount };
}

/** Step 7: the price moves to the payee, the value to the target's own wallet. */
function pay(world: World, tx: Tx, call: Call, row: ArtifactRow, price: Price): void {
  const what = `${row.id}.${call.method}`;
  transferScrip(world, tx, {
    from: call.caller,
    to: price.payee,
    amount: price.amount,
    reason: `price ${what}`,
  });
  transferScrip(world, tx, {
    from: call.caller,
    to: row.id,
    amount: call.value,
    reason: `value ${what}`,
  });
}

/** Step 8: runs the entry — native for genesis, in the sandbox for contracts — on a new frame. */
function run(world: World, tx: Tx, call: Call, { row, entry }: Target): RunOutput {
  const frame: Frame = {
    artifact: row.id,
    method: call.method,
    caller: call.caller,
    readOnly: call.readOnly || entry.kind === "view",
    failure: undefined,
  };
  tx.stack.push(frame);
  tx.tracer?.kind(row.kind === "genesis" ? "genesis" : frame.readOnly ? "view" : "method");
  try {
    if (row.kind === "genesis") {
      const impl = world.genesis.get(row.id)?.methods[call.method];
      if (!impl) refuse("unknown_method", `${row.id} has no method ${call.method}`);
      return { result: impl({ world, tx, caller: call.caller }, call.args), compute: 0 };
    }
    const args = { entry: entry.kind, args: call.args, value: call.value };
    return runContract(world, tx, frame, row, args);
  } finally {
    tx.stack.pop();
  }
}

interface RunOutput {
  result: JsonValue;
  compute: number;
}

/**
 * Step 9 (success): contract calls log `invoke.succeeded`. Genesis calls log their own domain
 * events (scrip.transferred, escrow.*); another one would double the log and make reading the
 * log grow it (ADR 0006).
 */
function recordSuccess(tx: Tx, call: Call, row: ArtifactRow, price: number, compute: number) {
  if (row.kind === "genesis") return;
  tx.append({
    type: "invoke.succeeded",
    actor: call.caller,
    target: row.id,
    data: { method: call.method, price, value: call.value, compute, depth: tx.stack.length + 1 },
  });
}
