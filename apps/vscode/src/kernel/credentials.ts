import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Reads a bearer token that `ecology init` / `ecology dev` stored under `.ecology/`:
 * `operator.token`, or `tokens/<principal>.token` when `principal` is given. Undefined when the
 * file is missing (the principal has no token on this machine).
 *
 * @example
 * ```ts
 * const operator = readToken("/ws/.ecology");
 * const alice = readToken("/ws/.ecology", "alice");
 * ```
 */
export function readToken(ecologyDir: string, principal?: string): string | undefined {
  const file = principal
    ? join(ecologyDir, "tokens", `${principal}.token`)
    : join(ecologyDir, "operator.token");
  try {
    return readFileSync(file, "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}
