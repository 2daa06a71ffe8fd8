import type { Envelope, ErrorCode, JsonValue } from "@ecology/kernel";
import type { RpcOutcome } from "@ecology/server";
import Table from "cli-table3";
import { createColors } from "picocolors";

/**
 * Colour only for a terminal, or when FORCE_COLOR asks for it. Unlike picocolors' default, a
 * FORCE_COLOR of "0" or "false" turns colour off (the common convention), and NO_COLOR always wins.
 */
function colorWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if ("NO_COLOR" in env) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  return process.stdout.isTTY === true;
}

const pc = createColors(colorWanted());

/** Where a command writes; tests capture it, the binary passes process streams. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** What to do after each kind of failure, when the failure brings no hint of its own. */
const HINTS: { [code in ErrorCode]: string } = {
  invalid_argument: "check the arguments with `ecology <command> --help`",
  not_found: "list what exists with `ecology artifacts` and `ecology balance`",
  not_executable:
    "only contracts and genesis artifacts can be invoked; use `ecology read` for data",
  unknown_method: "the message lists the methods; `ecology build <file>` prints a manifest",
  not_authorized: "the policy or gate does not admit this caller; ask the owner to allow it",
  insufficient_funds: "check balances with `ecology balance`; the operator can `ecology mint`",
  reentrancy: "the target is already on the call stack; declare it reentrant or restructure",
  depth_exceeded: "the call chain is too deep; make fewer nested invokes",
  out_of_compute: "the call ran out of compute; make the method do less per call",
  out_of_memory: "the call ran out of sandbox memory; keep less in memory at once",
  timeout: "the call hit the wall-clock deadline; make the method do less per call",
  contract_error: "the contract refused the call; the message says why",
  invalid_state: "the artifact is not in a state that allows this; check it first",
  conflict: "the id is taken; choose another id",
  internal: "this is a bug in Ecology; please report it with the command you ran",
};

/** A failure in the shape of an envelope, so `--json` prints failures uniformly. */
export function failureEnvelope(
  code: ErrorCode,
  message: string,
  hint?: string,
  extra?: { [key: string]: JsonValue },
): Envelope {
  const details = { ...extra, ...(hint ? { hint } : {}) };
  return {
    success: false,
    error: { code, message, ...(Object.keys(details).length > 0 ? { details } : {}) },
  };
}

/** Turns a JSON-RPC error into the envelope `--json` prints. */
export function outcomeAsFailure(outcome: Extract<RpcOutcome, { ok: false }>): Envelope {
  const { data, message } = outcome.error;
  return failureEnvelope(data.code, message, data.hint);
}

/** Prints a value exactly as JSON (`--json`). */
export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** The one-line human error: `error <code>: <message> (at …) — hint: …`. */
export function printError(io: Io, envelope: Extract<Envelope, { success: false }>): void {
  const { code, message, at, details } = envelope.error;
  const where = at ? ` (at ${at.file}:${at.line}:${at.column})` : "";
  const detailHint = details?.hint;
  const hint = typeof detailHint === "string" ? detailHint : HINTS[code];
  const line = `${pc.red(`error ${code}`)}: ${oneLine(message)}${where} ${pc.dim(`— hint: ${hint}`)}`;
  io.err(`${line}\n`);
}

/** Renders a result value for humans: strings bare, everything else as compact JSON. */
export function show(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? "null";
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}

/** Prints a successful envelope for humans: the result, then a dim cost line. */
export function printSuccess(
  io: Io,
  envelope: Extract<Envelope, { success: true }>,
  label?: string,
): void {
  io.out(`${pc.green("ok")} ${label ?? show(envelope.result as JsonValue)}\n`);
  const { price, value, compute } = envelope.cost;
  const events = envelope.events.length;
  io.out(
    pc.dim(
      `   cost: price ${price} · value ${value} · compute ${compute} · ${events} event${events === 1 ? "" : "s"}\n`,
    ),
  );
}

/** Prints rows as a table with a header; an empty list prints a short note instead. */
export function printTable(
  io: Io,
  head: string[],
  rows: (string | number)[][],
  empty: string,
): void {
  if (rows.length === 0) {
    io.out(`${pc.dim(empty)}\n`);
    return;
  }
  const table = new Table({
    head: head.map((h) => pc.bold(h)),
    style: { head: [], border: [] },
  });
  for (const row of rows) table.push(row.map(String));
  io.out(`${table.toString()}\n`);
}
