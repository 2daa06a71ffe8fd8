import { type Envelope, fail, type JsonValue, type RpcResult } from "@ecology/protocol";
import type { Session } from "../../session.js";

/** What "Run ▶" sends: the lens argument plus the arguments the client asked the user for. */
export interface RunArgument {
  artifact?: unknown;
  method?: unknown;
  args?: unknown;
  as?: unknown;
  value?: unknown;
}

/**
 * Invokes a method on the connected kernel as `as` (or the default principal) and answers the
 * kernel's envelope, or a failure envelope saying why nothing ran.
 *
 * @example
 * ```ts
 * await runMethod(session, { artifact: "pool", method: "join", args: [], as: "alice" });
 * ```
 */
export async function runMethod(
  session: Session,
  argument: RunArgument,
): Promise<Envelope<RpcResult<"invoke">>> {
  const kernel = session.kernel;
  if (!kernel) return fail("not_found", "no kernel connected: start one with `ecology dev`");
  if (typeof argument.artifact !== "string" || typeof argument.method !== "string") {
    return fail("invalid_argument", "ecology.run needs { artifact, method, args? }");
  }
  const args = argument.args ?? [];
  if (!Array.isArray(args)) return fail("invalid_argument", "args must be a JSON array");
  const as = typeof argument.as === "string" ? argument.as : kernel.defaultPrincipal();
  if (!as) return fail("invalid_argument", 'say which principal runs it: { as: "alice" }');
  // The arguments arrived as JSON-RPC params, so they are JSON; the server checks the rest.
  const params = { target: argument.artifact, method: argument.method, args: args as JsonValue[] };
  const value = typeof argument.value === "number" ? { value: argument.value } : {};
  return kernel.call("invoke", { ...params, ...value }, as);
}
