import type { HostApi, JsonValue } from "@ecology/runtime";
import { RunAbort } from "@ecology/runtime";
import { changeOwner, readArtifact, writeData } from "../artifacts.js";
import { readEvents } from "../event-log.js";
import { queryStore } from "../genesis/store.js";
import { transferScrip } from "../ledger.js";
import { Refusal, refuse } from "../refusal.js";
import type { Tx } from "../tx.js";
import type { Envelope } from "../types.js";
import { isValidId, jsonText } from "../validate.js";
import type { FailureNote, Frame, World } from "../world.js";
import { saveState, storedStateText } from "./contract-state.js";
import { rememberIssued } from "./issued-failures.js";

const EVENT_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Wraps a host operation: expected failures come back to the sandbox as `{ ok: false, error }`
 * (the dispatcher turns them into catchable errors); a bug aborts the whole run and is rethrown
 * by the kernel once the sandbox has unwound.
 */
function guarded(tx: Tx, frame: Frame, fn: (...args: JsonValue[]) => unknown) {
  return (...args: JsonValue[]): JsonValue => {
    try {
      return { ok: true, value: (fn(...args) ?? null) as JsonValue };
    } catch (e) {
      if (e instanceof Refusal) {
        const error = e.toError(undefined);
        rememberIssued(frame, error);
        return { ok: false, error: error as unknown as JsonValue };
      }
      tx.fatal ??= e;
      throw new RunAbort("thrown", "internal kernel error");
    }
  };
}

function writable(frame: Frame, what: string): void {
  if (frame.readOnly)
    refuse("invalid_state", `${frame.artifact}.${frame.method} is read-only and cannot ${what}`);
}

/** The host API of one contract frame: every operation acts as `frame.artifact`, never as another id. */
export function buildHostApi(world: World, tx: Tx, frame: Frame): HostApi {
  const self = frame.artifact;
  return {
    balance: guarded(tx, frame, (id) => {
      const who = id ?? self;
      if (!isValidId(who)) refuse("invalid_argument", "balance needs a valid id");
      return world.storage.getBalance(who);
    }),
    transfer: guarded(tx, frame, (to, amount) => {
      writable(frame, "transfer scrip");
      transferScrip(world, tx, {
        from: self,
        to: to as string,
        amount,
        reason: "contract transfer",
      });
    }),
    read: guarded(tx, frame, (id) => readArtifact(world, tx, self, id, frame.readOnly).content),
    write: guarded(tx, frame, (id, content, policy) => {
      writable(frame, "write artifacts");
      writeData(world, tx, self, id, content, policy === null ? {} : { policy });
    }),
    transferOwnership: guarded(tx, frame, (id, to) => {
      writable(frame, "transfer ownership");
      changeOwner(world, tx, self, id, to);
    }),
    query: guarded(tx, frame, (kind, filters) => queryStore(world, kind, filters)),
    events: guarded(
      tx,
      frame,
      (filters) => readEvents(world.storage, filters) as unknown as JsonValue,
    ),
    emit: guarded(tx, frame, (name, data) => emitContractEvent(world, tx, frame, name, data)),
    invoke: (target, method, args, value, maxPrice) =>
      fatalAware(tx, () => invokeAs(world, tx, frame, { target, method, args, value, maxPrice })),
    invokeShared: (target, method, args, value, maxPrice, state) =>
      fatalAware(tx, () =>
        invokeSharing(world, tx, frame, { target, method, args, value, maxPrice }, state),
      ),
    fail: (note) => {
      frame.failure = note as FailureNote;
      return null;
    },
  };
}

/** Runs a host operation whose bugs must end the whole run (and be rethrown by the kernel). */
function fatalAware(tx: Tx, fn: () => unknown): JsonValue {
  try {
    return fn() as JsonValue;
  } catch (e) {
    tx.fatal ??= e;
    throw new RunAbort("thrown", "internal kernel error");
  }
}

/** A nested call as written by the contract: untrusted values the pipeline validates. */
interface NestedCall {
  target: JsonValue;
  method: JsonValue;
  args: JsonValue;
  value: JsonValue;
  maxPrice: JsonValue;
}

/**
 * A nested invoke as `frame.artifact`. A failure envelope handed back is remembered as issued,
 * so the frame may rethrow it and the kernel still believes it (`issued-failures.ts`).
 */
function invokeAs(world: World, tx: Tx, frame: Frame, call: NestedCall): Envelope {
  const env = world.invoke(tx, {
    caller: frame.artifact,
    ...call,
    readOnly: frame.readOnly,
  });
  if (!env.success) rememberIssued(frame, env.error);
  return env;
}

/** What `invokeShared` hands the dispatcher: the callee's envelope and the state to adopt. */
interface SharedInvoke {
  changed: boolean;
  state?: JsonValue;
  envelope: Envelope;
}

/**
 * A nested invoke from a reentrant contract's writing frame (ADR 0018): its in-sandbox state is
 * published first, so a nested frame of the same contract starts from it; afterwards the frame
 * gets back what such frames committed (`changed`), or nothing when the state is as published
 * (also when they failed and were rolled back).
 */
function invokeSharing(
  world: World,
  tx: Tx,
  frame: Frame,
  call: NestedCall,
  state: JsonValue,
): SharedInvoke {
  // Genesis artifacts run no contract code, so nothing can re-enter through them; a read-only
  // frame has nothing to share and must not write (the dispatcher never asks, but checking is free).
  if (frame.readOnly || (typeof call.target === "string" && world.genesis.has(call.target)))
    return { changed: false, envelope: invokeAs(world, tx, frame, call) };
  let published: string;
  try {
    published = saveState(world, tx, frame.artifact, state);
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    const error = e.toError(undefined);
    rememberIssued(frame, error);
    return { changed: false, envelope: { success: false, error } };
  }
  const envelope = invokeAs(world, tx, frame, call);
  const now = storedStateText(world, frame.artifact);
  if (now === published) return { changed: false, envelope };
  return { changed: true, state: now === null ? null : JSON.parse(now), envelope };
}

function emitContractEvent(
  world: World,
  tx: Tx,
  frame: Frame,
  name: JsonValue,
  data: JsonValue,
): void {
  writable(frame, "emit events");
  if (typeof name !== "string" || !EVENT_NAME.test(name))
    refuse("invalid_argument", "event name must be 1-64 characters of [A-Za-z0-9_.-]");
  if (typeof data !== "object" || data === null || Array.isArray(data))
    refuse("invalid_argument", "event data must be a JSON object");
  const t = jsonText(data, world.limits.maxEventBytes, world.limits.maxJsonDepth);
  if (!t.ok) refuse("invalid_argument", `event data ${t.reason}`);
  tx.append({
    type: `contract.${name}`,
    actor: frame.artifact,
    target: frame.artifact,
    data,
  });
}
