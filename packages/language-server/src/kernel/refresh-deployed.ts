import type { Session } from "../session.js";

/**
 * Reloads the deployed artifacts of the connected kernel into the analysis and re-checks the
 * open documents. With no kernel configured, or an unreachable one, calls know only genesis and
 * workspace artifacts. Never throws.
 *
 * @example
 * ```ts
 * await refreshDeployed(session()); // after a deploy
 * ```
 */
export async function refreshDeployed(session: Session): Promise<boolean> {
  if (!session.kernel) return false;
  const deployed = await session.kernel.deployed();
  if (deployed === undefined) {
    session.log.info(
      `no kernel reachable at ${session.kernel.options.url}; deployed artifacts unknown`,
    );
  }
  session.analyzer.setDeployed(deployed);
  session.diagnostics.schedule();
  return deployed !== undefined;
}
