import {
  type ErrorCode,
  type FailureEnvelope,
  type JsonValue,
  RPC_ERRORS,
  type SuccessEnvelope,
} from "@ecology/protocol";
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

/** Colours for terminal output (no-ops when colour is not wanted). */
export const pc = createColors(colorWanted());

/**
 * The CLI's colours: picocolors' functions, plain when the output is not a terminal (or
 * NO_COLOR / FORCE_COLOR say so). For renderers that colour parts of their lines.
 */
export const colors = pc;

/** Where a command writes; tests capture it, the binary passes process streams. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether `err` is a terminal: live progress lines (`simulate`) are drawn only there. */
  errIsTty?: boolean;
}

/** A failure in the shape of an envelope, so `--json` prints failures uniformly. */
export function failureEnvelope(
  code: ErrorCode,
  message: string,
  hint?: string,
  extra?: { [key: string]: JsonValue },
): FailureEnvelope {
  const details = { ...extra, ...(hint ? { hint } : {}) };
  return {
    success: false,
    error: { code, message, ...(Object.keys(details).length > 0 ? { details } : {}) },
  };
}

/**
 * Control characters (C0 but newline and tab, DEL, C1) and bidirectional overrides, which a
 * hostile contract could put in a result, an error message or a source-map file name to drive
 * the user's terminal (clear it, retitle it, write the clipboard with OSC 52) or reorder text.
 */
function isUnprintable(code: number): boolean {
  if (code < 0x20) return code !== 0x0a && code !== 0x09;
  return (
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Text safe to print to a terminal: unprintable characters shown as `\u{…}` escapes. */
export function printable(text: string): string {
  let out = "";
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    out += isUnprintable(code) ? `\\u{${code.toString(16)}}` : c;
  }
  return out;
}

/**
 * The hint to print for a call refused with a JSON-RPC internal error — the client's own
 * "cannot reach the server, start it with `ecology dev`" — else undefined. Other refusals'
 * hints (`details.hint`) are written for raw API clients (bearer headers, param syntax), so the
 * CLI fits its own to the command; `internal` is a code no contract can claim, so contract code
 * cannot make the CLI print a hint of its choosing.
 */
export function clientHint(envelope: FailureEnvelope): string | undefined {
  const { code, details } = envelope.error;
  if (code !== "internal" || details?.rpcError !== RPC_ERRORS.internal) return undefined;
  return typeof details.hint === "string" ? details.hint : undefined;
}

/** Prints a value exactly as JSON (`--json`). */
export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** The one-line human error: `error <code>: <message> (at …) — hint: …`. */
export function printError(io: Io, envelope: FailureEnvelope, hint: string): void {
  const { code, message, at } = envelope.error;
  const where = at ? ` (at ${at.file}:${at.line}:${at.column})` : "";
  const text = printable(`${oneLine(message)}${where}`);
  const line = `${pc.red(`error ${code}`)}: ${text} ${pc.dim(`— hint: ${printable(hint)}`)}`;
  io.err(`${line}\n`);
}

/** Renders a result value for humans: strings bare, everything else as compact JSON. */
export function show(value: unknown): string {
  return printable(typeof value === "string" ? value : (JSON.stringify(value) ?? "null"));
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}

/** Prints a successful envelope for humans: the result, then a dim cost line. */
export function printSuccess(io: Io, envelope: SuccessEnvelope<unknown>, label?: string): void {
  io.out(`${pc.green("ok")} ${printable(label ?? show(envelope.result as JsonValue))}\n`);
  const { price, value, compute } = envelope.cost;
  const events = envelope.events.length;
  io.out(
    pc.dim(
      `   cost: price ${price} · value ${value} · compute ${compute} · ${events} event${events === 1 ? "" : "s"}\n`,
    ),
  );
  for (const line of moveLines(envelope.events)) io.out(pc.dim(`   ${printable(line)}\n`));
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
  for (const row of rows) table.push(row.map((cell) => printable(String(cell))));
  io.out(`${table.toString()}\n`);
}
