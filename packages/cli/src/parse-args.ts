import type { JsonValue } from "@ecology/protocol";
import { InvalidArgumentError } from "commander";
import { parseJsonOption } from "./json-args.js";

/** Parses a non-negative safe integer option (`--scrip 100`). Throws commander's usage error. */
export function parseAmount(text: string): number {
  if (!/^\d{1,16}$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError("expected a non-negative whole number");
  }
  return Number(text);
}

/** Largest page the kernel serves (`events`, `artifacts`). */
export const MAX_PAGE = 1000;

/** Parses `--limit n`: a whole number from 1 to {@link MAX_PAGE}. Throws commander's usage error. */
export function parseLimit(text: string): number {
  const n = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 1 && n <= MAX_PAGE)) {
    throw new InvalidArgumentError(
      `expected a whole number from 1 to ${MAX_PAGE}; use --all for every event`,
    );
  }
  return n;
}

/** Parses a comma-separated id list (`--allow-read a,b`); `*` alone means everyone. */
export function parseList(text: string): "*" | string[] {
  if (text.trim() === "*") return "*";
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Parses `--args` of deploy: a JSON array, or a single JSON value taken as one argument.
 *
 * @throws CliError `invalid_argument` when it is not JSON or is too deep.
 */
export function parseDeployArgs(text: string): JsonValue[] {
  const value = parseJsonOption("deploy", "--args", text);
  return Array.isArray(value) ? value : [value];
}

const DURATION_UNITS: { [unit: string]: number } = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses a duration (`90s`, `30m`, `1h`, `7d`) into milliseconds. Throws commander's usage
 * error for anything else.
 */
export function parseDuration(text: string): number {
  const m = /^(\d{1,9})([smhd])$/.exec(text.trim());
  const ms = m ? Number(m[1]) * (DURATION_UNITS[m[2] as string] as number) : Number.NaN;
  if (!(ms > 0)) throw new InvalidArgumentError("expected a duration like 90s, 30m, 1h or 7d");
  return ms;
}
