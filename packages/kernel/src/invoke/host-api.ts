import type { HostApi, JsonValue } from "@ecology/runtime";
import { RunAbort } from "@ecology/runtime";
import { changeOwner, readArtifact, writeData } from "../artifacts.js";
import { appendEvent, readEvents } from "../event-log.js";
import { queryStore } from "../genesis/store.js";
import { transferScrip } from "../ledger.js";
import { Refusal, refuse } from "../refusal.js";
import { isValidId, jsonText } from "../validate.js";
import type { FailureNote, Frame, Tx, World } from "../world.js";
import { rememberIssued } from "./issued-failures.js";
import { invokeFrame } from "./pipeline.js";

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
    read: guarded(tx, frame, (id) => readArtifact(world, tx, self, id).content),
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
    invoke: (target, method, args, value, maxPrice) => {
      try {
        const env = invokeFrame(world, tx, {
          caller: self,
          target,
          method,
          args,
          value,
          maxPrice,
          readOnly: frame.readOnly,
        });
        if (!env.success) rememberIssued(frame, env.error);
        return env as unknown as JsonValue;
      } catch (e) {
        tx.fatal ??= e;
        throw new RunAbort("thrown", "internal kernel error");
      }
    },
    fail: (note) => {
      frame.failure = note as FailureNote;
      return null;
    },
  };
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
  appendEvent(world, tx, {
    type: `contract.${name}`,
    actor: frame.artifact,
    target: frame.artifact,
    data,
  });
}
