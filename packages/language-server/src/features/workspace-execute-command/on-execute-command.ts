import { fail } from "@ecology/protocol";
import type { ExecuteCommandParams } from "vscode-languageserver/node";
import { refreshDeployed } from "../../kernel/refresh-deployed.js";
import type { SessionRef } from "../../session.js";
import { COMMANDS } from "./commands.js";
import { deployContract } from "./deploy-command.js";
import { runMethod } from "./run-command.js";

/**
 * `workspace/executeCommand`: `ecology.run` (invoke on the kernel), `ecology.deploy` (compile
 * and deploy) and `ecology.refreshKernel` (reload deployed artifacts). Run and Deploy answer
 * envelopes.
 *
 * @example
 * ```ts
 * connection.onExecuteCommand(createOnExecuteCommand(session));
 * ```
 */
export function createOnExecuteCommand(session: SessionRef) {
  return async (params: ExecuteCommandParams): Promise<unknown> => {
    const s = session();
    const argument = (params.arguments?.[0] ?? {}) as { [key: string]: unknown };
    switch (params.command) {
      case COMMANDS.run:
        return runMethod(s, argument);
      case COMMANDS.deploy:
        return deployContract(s, argument);
      case COMMANDS.refreshKernel:
        return { success: await refreshDeployed(s) };
      default:
        return fail("invalid_argument", `unknown command ${params.command}`);
    }
  };
}
