import { DEFAULT_LIMITS, nestedDeeperThan } from "@ecology/kernel";
import type { JsonValue, ManifestParam } from "@ecology/protocol";
import { CliError } from "./cli-error.js";

/**
 * Deepest nesting of arrays and objects the CLI accepts in JSON it parses: the kernel's own
 * default limit. Checking here, on the text, means a hostile or mistaken 100,000-level argument
 * never reaches a recursive walk (it used to print nothing).
 */
export const MAX_JSON_DEPTH = DEFAULT_LIMITS.maxJsonDepth;

/** JSON text parsed, or why it is not acceptable JSON (`tooDeep`: it is, but nested too deep). */
export type ParsedJson =
  | { ok: true; value: JsonValue }
  | { ok: false; tooDeep: boolean; reason: string };

/**
 * Parses JSON text with the depth limit; never throws. V8's JSON.parse is iterative, so it is
 * safe at any depth; the depth is then measured on the (now known valid) text, because walking
 * the value would recurse. Text that is not JSON is a syntax failure whatever its brackets.
 */
export function parseJsonText(text: string): ParsedJson {
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (error) {
    const reason = `does not parse as JSON (${(error as Error).message})`;
    return { ok: false, tooDeep: false, reason };
  }
  if (nestedDeeperThan(text, MAX_JSON_DEPTH)) {
    return { ok: false, tooDeep: true, reason: `is nested deeper than ${MAX_JSON_DEPTH} levels` };
  }
  return { ok: true, value };
}

/** Short quoted excerpt of user text for messages. */
function excerpt(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * Parses an option whose value must be JSON (`--content`, `--args`).
 *
 * @throws CliError `invalid_argument` naming the option and the command's help.
 */
export function parseJsonOption(command: string, flag: string, text: string): JsonValue {
  const parsed = parseJsonText(text);
  if (parsed.ok) return parsed.value;
  const fix = parsed.tooDeep
    ? `keep ${flag} within ${MAX_JSON_DEPTH} levels of nesting`
    : `give ${flag} valid JSON, e.g. ${flag} '{"a":1}' or ${flag} '"text"'`;
  throw new CliError(
    "invalid_argument",
    `${flag} ${excerpt(text)} ${parsed.reason}`,
    `${fix}; see \`ecology ${command} --help\``,
  );
}

/** A word that starts like a number (`2024`, `-1.5`, `3rd`, `.5`). */
export function isNumberLike(text: string): boolean {
  return /^\s*[-+]?\.?\d/.test(text);
}

/** Text that a user most likely meant as JSON: an object, array, string or number. */
function looksLikeJson(text: string): boolean {
  return /^\s*[[{"]/.test(text) || isNumberLike(text);
}

/** Whether the manifest says this parameter is a plain string. */
function wantsString(param: ManifestParam | undefined): boolean {
  if (!param) return false;
  const declared = param.schema?.type;
  return declared === undefined ? param.type === "string" : declared === "string";
}

/** How to fix an invoke argument: shallower JSON, valid JSON, or (short text) quote it. */
function argumentHint(text: string, tooDeep: boolean): string {
  if (tooDeep) return `keep JSON arguments within ${MAX_JSON_DEPTH} levels of nesting`;
  const quoted = text.length <= 40 ? `: '${JSON.stringify(text).replaceAll("'", "'\\''")}'` : "";
  return `fix the JSON, or pass it as text by quoting it as a JSON string${quoted}`;
}

/**
 * Parses the positional args of `invoke`: a number-like word for a parameter the manifest
 * declares `string` stays text (`deposit 2024 5` passes `"2024", 5`; `3rd` too); otherwise each
 * is JSON when it parses; other text is a string, unless it looks like JSON (starts with
 * `{ [ "` or like a number) and does not parse, or is too deep — then nothing is sent, so a typo
 * is never paid for.
 *
 * @throws CliError `invalid_argument` naming the argument.
 */
export function parseInvokeArgs(texts: string[], params?: ManifestParam[]): JsonValue[] {
  return texts.map((text, i) => {
    if (isNumberLike(text) && wantsString(params?.[i])) return text;
    const parsed = parseJsonText(text);
    if (parsed.ok) return parsed.value;
    if (!looksLikeJson(text)) return text;
    const name = params?.[i]?.name;
    throw new CliError(
      "invalid_argument",
      `argument ${i + 1}${name ? ` (${name})` : ""} ${excerpt(text)} looks like JSON but ${parsed.reason}; nothing was sent`,
      argumentHint(text, parsed.tooDeep),
    );
  });
}
