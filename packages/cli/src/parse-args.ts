import type { JsonValue } from "@ecology/kernel";
import { InvalidArgumentError } from "commander";

/** Parses a non-negative safe integer option (`--scrip 100`). Throws commander's usage error. */
export function parseAmount(text: string): number {
  if (!/^\d{1,16}$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError("expected a non-negative whole number");
  }
  return Number(text);
}

/** Parses a comma-separated id list (`--allow-read a,b`); `*` alone means everyone. */
export function parseList(text: string): "*" | string[] {
  if (text.trim() === "*") return "*";
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Parses an option that must be JSON (`--content '{"a":1}'`). */
export function parseJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw new InvalidArgumentError(`not JSON: ${text.slice(0, 60)}`);
  }
}

/** Parses `--args` of deploy: a JSON array, or a single JSON value taken as one argument. */
export function parseArgsArray(text: string): JsonValue[] {
  const value = parseJson(text);
  return Array.isArray(value) ? value : [value];
}

/**
 * Parses the positional args of `invoke`: each is JSON when it parses as JSON, otherwise the
 * text itself, so `ecology invoke svc greet bob 3` passes `["bob", 3]`.
 */
export function parseLooseJson(texts: string[]): JsonValue[] {
  return texts.map((text) => {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return text;
    }
  });
}
