import type { JsonValue, RunError } from "@ecology/runtime";
import { KernelError } from "../kernel-error.js";
import { Refusal } from "../refusal.js";
import type { ArtifactRow } from "../storage/storage.js";
import type { Tx } from "../tx.js";
import { CONTRACT_ERROR_CODES, ERROR_CODES, type ErrorCode } from "../types.js";
import type { Frame, World } from "../world.js";
import { metered, runLimitsFor } from "./budget.js";
import { outputText, saveState } from "./contract-state.js";
import { loadContract, programOf } from "./contracts.js";
import { DISPATCH_ENTRY } from "./dispatcher.js";
import { buildHostApi } from "./host-api.js";
import { issuedFailure } from "./issued-failures.js";

/** Codes a contract may claim with `ctx.fail`; the others belong to the kernel. */
const CLAIMABLE: ReadonlySet<string> = new Set<string>(CONTRACT_ERROR_CODES);

/** Which definition entry to run. */
export type Entry = "init" | "migrate" | "method" | "view";

/**
 * Runs a contract entry in the sandbox for `frame` and persists the new state (methods and
 * init). Returns the result and compute units; throws a Refusal when the contract failed.
 */
export function runContract(
  world: World,
  tx: Tx,
  frame: Frame,
  row: ArtifactRow,
  call: { entry: Entry; args: JsonValue[]; value: number },
): { result: JsonValue; compute: number } {
  const loaded = loadContract(world, row);
  const program = programOf(world, row, loaded);
  tx.frameCount += 1;
  // The runtime reseeds the sandbox's Math.random with it for this run; ctx.random is that
  // generator, so both are deterministic per (transaction, frame).
  const seed = `${tx.id}:${tx.frameCount}`;
  const input: JsonValue = {
    entry: call.entry,
    method: frame.method,
    args: call.args,
    ctx: {
      self: row.id,
      owner: row.owner,
      caller: frame.caller,
      origin: tx.origin,
      value: call.value,
      now: tx.now,
    },
    state: row.state === null ? null : (JSON.parse(row.state) as JsonValue),
    // A reentrant contract's writing frames share their state with nested frames (ADR 0018).
    share: loaded.manifest.reentrant && call.entry !== "view" && !frame.readOnly,
  };
  // Limits go to nested runs too: the runtime caps a nested run's budget and deadline by its
  // parent's, and the size caps (its defaults are smaller than the kernel's) apply per run.
  const options = { host: buildHostApi(world, tx, frame), seed, limits: runLimitsFor(world, tx) };
  const r = metered(tx, () => program.run(DISPATCH_ENTRY, input, options));
  if (tx.fatal !== undefined) {
    const fatal = tx.fatal;
    tx.fatal = undefined;
    throw fatal;
  }
  if (!r.ok)
    throw failureOf(frame, { ...r.error, ...contractPosition(r.error, row.id, loaded.js) });
  const out = r.value as { result?: JsonValue; state?: JsonValue } | null;
  if (out === null || typeof out !== "object" || !("result" in out)) {
    throw new KernelError("bug", "the dispatcher returned an unexpected shape");
  }
  const result = out.result ?? null;
  const size = outputText(result, world.limits.maxResultBytes, world.limits.maxJsonDepth);
  if (!size.ok)
    throw new Refusal(
      "contract_error",
      `${frame.artifact}.${frame.method} returned a result that ${size.reason}`,
    );
  if (call.entry !== "view") saveState(world, tx, row.id, out.state ?? null);
  return { result, compute: r.compute };
}

const FRAME = /^\s*at .*? \((.*):(\d+):(\d+)\)$/;

/**
 * The first stack frame inside the contract's own code. The runtime reports the first frame of
 * the program, which for `ctx.fail` and refused host calls is the appended dispatcher; frames
 * past the contract's last line (or unmapped ones when a source map exists) are the kernel's.
 */
function contractPosition(error: RunError, id: string, js: string): { at?: RunError["at"] } {
  if (error.stack === undefined) return error.at ? { at: error.at } : {};
  const filename = `${id}.js`;
  const lastLine = js.split("\n").length;
  for (const line of error.stack.split("\n")) {
    const m = FRAME.exec(line);
    if (!m) continue;
    const [, file, l, c] = m as unknown as [string, string, string, string];
    if (file === filename && Number(l) > lastLine) continue;
    return { at: { file, line: Number(l), column: Number(c) } };
  }
  return {};
}

/**
 * Turns a failed run into the Refusal that becomes this frame's failure envelope. The
 * dispatcher's note is contract-writable, so only failures the kernel itself handed to this
 * frame are taken from it; anything else is the contract's own `contract_error`.
 */
function failureOf(frame: Frame, error: RunError): Refusal {
  const at = error.at ? { at: error.at } : {};
  if (error.code !== "thrown") return runtimeFailure(error, at);
  const note = frame.failure;
  const genuine =
    note?.kind === "call" || note?.kind === "refusal"
      ? issuedFailure(frame, note.error)
      : undefined;
  if (genuine && note?.kind === "call") return Refusal.from(genuine);
  if (genuine) return new Refusal(genuine.code, genuine.message, genuine.details, at);
  if (note?.kind === "fail") {
    // ctx.fail takes no details: any in the note were made up by the contract.
    const code = String(note.code);
    const message = String(note.message);
    if (CLAIMABLE.has(code)) return new Refusal(code as ErrorCode, message, undefined, at);
    const why = (ERROR_CODES as readonly string[]).includes(code)
      ? "is reserved for the kernel"
      : "is not an error code";
    return new Refusal(
      "contract_error",
      message,
      { claimedCode: code, reason: `${code} ${why}` },
      at,
    );
  }
  const v = error.value as { message?: unknown } | null | undefined;
  const message =
    v && typeof v === "object" && typeof v.message === "string" ? v.message : error.message;
  const details: { [key: string]: JsonValue } = {};
  if (error.value !== undefined) details.thrown = error.value;
  if (error.stack !== undefined) details.stack = error.stack;
  return new Refusal("contract_error", message, details, at);
}

function runtimeFailure(error: RunError, at: { at?: RunError["at"] }): Refusal {
  switch (error.code) {
    case "out_of_compute":
    case "out_of_memory":
    case "timeout":
      return new Refusal(error.code, error.message, undefined, at);
    case "stack_overflow":
      return new Refusal("contract_error", error.message, { reason: "stack_overflow" }, at);
    default:
      return new Refusal(
        "contract_error",
        `the contract returned a value that is not JSON: ${error.message}`,
        { reason: error.code },
        at,
      );
  }
}
