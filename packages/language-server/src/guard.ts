import type { Logger } from "./session.js";

/**
 * Wraps a handler so that an exception (or a rejected promise) is logged with its stack and
 * answered with `fallback` instead of reaching the connection: one bad request never takes the
 * server down or leaves the client without an answer.
 *
 * @example
 * ```ts
 * connection.onHover(guard(log, "hover", null, (params) => hover(params)));
 * ```
 */
export function guard<P extends unknown[], R>(
  log: () => Logger,
  name: string,
  fallback: R,
  handler: (...params: P) => R | Promise<R>,
): (...params: P) => R | Promise<R> {
  const report = (error: unknown): R => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log().error(`${name} failed: ${text}`);
    return fallback;
  };
  return (...params) => {
    try {
      const result = handler(...params);
      return result instanceof Promise ? result.catch(report) : result;
    } catch (error) {
      return report(error);
    }
  };
}
