import { refreshDeployed } from "../../kernel/refresh-deployed.js";
import type { SessionRef } from "../../session.js";

/**
 * `initialized`: loads the deployed artifacts of the local kernel, if one is configured.
 *
 * @example
 * ```ts
 * connection.onInitialized(createOnInitialized(session));
 * ```
 */
export function createOnInitialized(session: SessionRef) {
  return async (): Promise<void> => {
    await refreshDeployed(session());
  };
}
