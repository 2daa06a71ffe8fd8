import { readFileSync } from "node:fs";
import { refreshDeployed } from "../../kernel/refresh-deployed.js";
import type { Session } from "../../session.js";
import { uriOf } from "../convert.js";
import { failure } from "./commands.js";

/** What "Deploy" sends: the lens argument, optionally with init args, policy and principal. */
export interface DeployArgument {
  file?: unknown;
  id?: unknown;
  as?: unknown;
  args?: unknown;
  policy?: unknown;
}

/**
 * Compiles a contract file (saved on disk) with the SDK compiler and deploys it on the connected
 * kernel; answers the kernel's envelope, or a failure envelope with the compile errors.
 *
 * @example
 * ```ts
 * await deployContract(session, { file: "/ws/pool.ts", id: "pool", as: "alice" });
 * ```
 */
export async function deployContract(session: Session, argument: DeployArgument) {
  const kernel = session.kernel;
  if (!kernel) return failure("not_found", "no kernel connected: start one with `ecology dev`");
  if (typeof argument.file !== "string")
    return failure("invalid_argument", "ecology.deploy needs { file }");
  const as = typeof argument.as === "string" ? argument.as : kernel.defaultPrincipal();
  if (!as) return failure("invalid_argument", 'say which principal deploys it: { as: "alice" }');
  const open = session.documents.get(uriOf(argument.file));
  if (open && open.getText() !== readFileSync(argument.file, "utf8")) {
    return failure(
      "invalid_state",
      `save ${argument.file} first: Deploy compiles the file on disk`,
    );
  }
  // Loaded on first deploy: the compiler (esbuild) is not needed to start the server.
  const { compileContract } = await import("@ecology/sdk/compiler");
  const built = await compileContract(argument.file);
  if (!built.ok) {
    const errors = built.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
    return failure("invalid_argument", `the contract does not compile:\n${errors.join("\n")}`);
  }
  const params: { [key: string]: unknown } = { code: built.code, args: argument.args ?? [] };
  if (typeof argument.id === "string") params.id = argument.id;
  if (argument.policy !== undefined) params.policy = argument.policy;
  const answer = await kernel.call("deploy", params, as);
  await refreshDeployed(session);
  return answer.ok ? answer.result : failure(answer.error.code, answer.error.message);
}
