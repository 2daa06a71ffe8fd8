import type { InitializeParams, InitializeResult } from "vscode-languageserver/node";
import type { Session, SessionRef } from "../../session.js";
import { CAPABILITIES } from "./capabilities.js";

/**
 * `initialize`: starts the session for the client's workspace and answers the capabilities at
 * once; the workspace is read and its program built right after the answer is sent, while the
 * client is still sending `initialized` and its first `didOpen`.
 *
 * @example
 * ```ts
 * connection.onInitialize(createOnInitialize(session, start));
 * ```
 */
export function createOnInitialize(
  session: SessionRef,
  start: (params: InitializeParams) => Session,
) {
  return (params: InitializeParams): InitializeResult => {
    const started = start(params);
    session.set(started);
    setImmediate(() => {
      try {
        started.analyzer.prepare();
        const problem = started.analyzer.workspace.problem;
        if (problem) started.log.error(problem);
      } catch (error) {
        started.log.error(
          `reading the workspace failed: ${(error as Error).stack ?? String(error)}`,
        );
      }
    });
    return {
      capabilities: CAPABILITIES,
      serverInfo: { name: "ecology-language-server", version: "0.0.0" },
    };
  };
}
