import { capError } from "./failure-cap.js";
import { failureQuotaRefusal, takeFailureRoom } from "./failure-quota.js";
import { runUnderGrant, splitGrant } from "./grants/enforce.js";
import { appendJournal, outcomeOf } from "./journal.js";
import { OPERATIONS } from "./operations.js";
import type { Tracer } from "./trace/tracer.js";
import { type Tx, transaction } from "./tx.js";
import type { Envelope, EnvelopeError, JournalOp, JsonObject } from "./types.js";
import { isValidId, jsonText } from "./validate.js";
import { OPERATOR, type World } from "./world.js";

/**
 * How an operation is performed: a replay re-executes every record it is given, whatever the
 * failure quota says; a traced re-execution collects the invoke tree.
 */
export interface PerformMode {
  replaying: boolean;
  tracer?: Tracer;
}

const LIVE: PerformMode = { replaying: false };

/**
 * Performs one top-level operation (DESIGN.md §9) as one storage transaction: runs its body,
 * then appends its journal record — exact inputs and the hashes of what it produced — in the
 * same transaction, successful or not. A failed operation's writes are undone (an invoke's
 * `invoke.failed` records stay with its record). The one path every kernel operation and every
 * replayed record takes.
 *
 * A failure is journaled only when it is attributable and bounded: its origin is the operator
 * or a principal with room left in its failure quota (ADR 0019), and its inputs are JSON. A
 * failure not journaled changed nothing and is still answered.
 *
 * `params.grant` (`{ id, confirmed? }`, put there by the kernel method for a caller under a
 * grant) is journaled with the inputs but not handed to the body: the body runs under the grant
 * (ADR 0038), whose refusal undoes it and counts as a failure of a non-invoke operation.
 */
export function perform(
  world: World,
  op: JournalOp,
  origin: string,
  params: JsonObject,
  mode: PerformMode = LIVE,
): Envelope {
  const now = world.clock();
  const refused = refusedUpFront(world, op, origin, params, now, mode);
  if (refused) return { success: false, error: capError(refused, world.limits.maxErrorBytes) };
  const { use, inputs } = splitGrant(params);
  const out = transaction(
    world,
    origin,
    now,
    (tx) => {
      tx.tracer = mode.tracer;
      const run = () => runBody(world, tx, op, inputs);
      const { env, refusedByGrant } = use
        ? runUnderGrant(world, tx, op, inputs, use, run)
        : { env: run(), refusedByGrant: false };
      mode.tracer?.failed(env);
      return { env, kept: journal(world, tx, op, params, env, mode, refusedByGrant) };
    },
    (r) => r.kept,
  );
  return out.env;
}

function runBody(world: World, tx: Tx, op: JournalOp, inputs: JsonObject): Envelope {
  const { body } = OPERATIONS[op];
  // An invoke's pipeline keeps its own failure records; other bodies run in an attempt.
  return op === "invoke" ? body(world, tx, inputs) : tx.attempt(() => body(world, tx, inputs));
}

/** Appends the journal record of `tx`; false when the operation is not to be kept at all. */
function journal(
  world: World,
  tx: Tx,
  op: JournalOp,
  params: JsonObject,
  env: Envelope,
  mode: PerformMode,
  refusedByGrant: boolean,
): boolean {
  let text: string;
  if (env.success) {
    // A successful operation validated its inputs as JSON within the limits.
    text = JSON.stringify(params);
  } else {
    if (!failureIsKept(world, tx, op, mode, refusedByGrant)) return false;
    const t = jsonText(params, journalBytes(world), world.limits.maxJsonDepth + 4);
    if (!t.ok) return false;
    text = t.text;
  }
  appendJournal(world.storage, tx, op, text, outcomeOf(world.storage, tx, env));
  return true;
}

function failureIsKept(
  world: World,
  tx: Tx,
  op: JournalOp,
  mode: PerformMode,
  refusedByGrant: boolean,
): boolean {
  if (tx.origin === OPERATOR || mode.replaying) return true;
  // An invoke took its failure room as it recorded its invoke.failed events, unless its grant
  // refused it (which undid or never made them).
  if (op === "invoke" && !refusedByGrant) return true;
  if (!isValidId(tx.origin) || !world.storage.hasPrincipal(tx.origin)) return false;
  return takeFailureRoom(world, tx);
}

/** The largest inputs any operation accepts: code, content or args, plus their envelope. */
function journalBytes(world: World): number {
  const l = world.limits;
  return Math.max(l.maxCodeBytes, l.maxContentBytes, l.maxArgsBytes) + 64 * 1024;
}

/** Why an operation cannot start at all (nothing is journaled): see {@link perform}. */
function refusedUpFront(
  world: World,
  op: JournalOp,
  origin: string,
  params: JsonObject,
  now: number,
  mode: PerformMode,
): EnvelopeError | undefined {
  if (OPERATIONS[op].by === "operator") return undefined;
  if (!isValidId(origin) || !world.storage.hasPrincipal(origin)) {
    const error: EnvelopeError = {
      code: "not_found",
      message: `caller ${String(origin)} is not a principal; create it first`,
    };
    if (op === "invoke")
      error.path = [{ artifact: String(params.target), method: String(params.method) }];
    return error;
  }
  if (op !== "invoke" || mode.replaying) return undefined;
  const quota = failureQuotaRefusal(world, origin, now);
  return quota
    ? { ...quota, path: [{ artifact: String(params.target), method: String(params.method) }] }
    : undefined;
}
