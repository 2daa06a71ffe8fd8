/** Codes of {@link ServerError}: things that stop the server itself, never a request's failure. */
export type ServerErrorCode = "port_in_use" | "listen_failed" | "credentials";

/**
 * The one error class of `@ecology/server`, thrown for bugs and for conditions the server cannot
 * serve through (the port is taken, the credentials folder is unusable). A request that fails is
 * never thrown: it is answered with a JSON-RPC error or a failure envelope.
 *
 * @example
 * ```ts
 * try { await createServer({ kernel, dir, port: 7420 }); }
 * catch (e) { if (e instanceof ServerError && e.code === "port_in_use") console.error(e.message); }
 * ```
 */
export class ServerError extends Error {
  override name = "ServerError";
  /** What went wrong, for callers that branch on it. */
  readonly code: ServerErrorCode;

  constructor(code: ServerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
