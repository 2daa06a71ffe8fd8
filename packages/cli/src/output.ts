import type { Envelope, ErrorCode, JsonValue } from "@ecology/kernel";
import { RPC_ERRORS, type RpcOutcome } from "@ecology/server";
import Table from "cli-table3";
import { createColors } from "picocolors";
import { moveLines } from "./moves.js";

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

/**
 * Turns a JSON-RPC error into the envelope `--json` prints. The server's hints are written for
 * raw API clients (bearer headers, param syntax), so they are dropped and the CLI fits its own
 * to the command; the client's own "cannot reach the server" hint (JSON-RPC internal) is kept.
 */
export function outcomeAsFailure(outcome: Extract<RpcOutcome, { ok: false }>): Envelope {
  const { code, data, message } = outcome.error;
  return failureEnvelope(data.code, message, code === RPC_ERRORS.internal ? data.hint : undefined);
}

/** Prints a value exactly as JSON (`--json`). */
export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** The one-line human error: `error <code>: <message> (at …) — hint: …`. */
export function printError(
  io: Io,
  envelope: Extract<Envelope, { success: false }>,
  hint: string,
): void {
  const { code, message, at } = envelope.error;
  const where = at ? ` (at ${at.file}:${at.line}:${at.column})` : "";
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
  for (const line of moveLines(envelope.events)) io.out(pc.dim(`   ${line}\n`));
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
