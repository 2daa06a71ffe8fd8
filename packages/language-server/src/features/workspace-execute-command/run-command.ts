import type { Session } from "../../session.js";
import { failure } from "./commands.js";

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
export async function runMethod(session: Session, argument: RunArgument) {
  const kernel = session.kernel;
  if (!kernel) return failure("not_found", "no kernel connected: start one with `ecology dev`");
  if (typeof argument.artifact !== "string" || typeof argument.method !== "string") {
    return failure("invalid_argument", "ecology.run needs { artifact, method, args? }");
  }
  const args = argument.args ?? [];
  if (!Array.isArray(args)) return failure("invalid_argument", "args must be a JSON array");
  const as = typeof argument.as === "string" ? argument.as : kernel.defaultPrincipal();
  if (!as) return failure("invalid_argument", 'say which principal runs it: { as: "alice" }');
  const params: { [key: string]: unknown } = {
    target: argument.artifact,
    method: argument.method,
    args,
  };
  if (typeof argument.value === "number") params.value = argument.value;
  const answer = await kernel.call("invoke", params, as);
  return answer.ok ? answer.result : failure(answer.error.code, answer.error.message);
}
