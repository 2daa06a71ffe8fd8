import type { InitializeParams, InitializeResult } from "vscode-languageserver/node";
import type { Session, SessionRef } from "../../session.js";
import { CAPABILITIES } from "./capabilities.js";

/** `initialize`: starts the session for the client's workspace and answers the capabilities. */
export function createOnInitialize(
  session: SessionRef,
  start: (params: InitializeParams) => Session,
) {
  return (params: InitializeParams): InitializeResult => {
    session.set(start(params));
    return {
      capabilities: CAPABILITIES,
      serverInfo: { name: "ecology-language-server", version: "0.0.0" },
    };
  };
}
