import type { EnvelopeError, ErrorCode, JsonValue, PathFrame, SourcePosition } from "./types.js";

/**
 * An expected failure on its way to becoming a failure envelope. Internal control flow only:
 * kernel operations throw it deep inside a transaction and the operation boundary turns it
 * into `{ success: false, error }` after rolling back. It never leaves the package.
 */
export class Refusal extends Error {
  readonly code: ErrorCode;
  readonly details: { [key: string]: JsonValue } | undefined;
  /** Set when the failure happened deeper in the invoke chain and is being propagated. */
  readonly path: PathFrame[] | undefined;
  readonly at: SourcePosition | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details?: { [key: string]: JsonValue },
    origin?: { path?: PathFrame[]; at?: SourcePosition },
  ) {
    super(message);
    this.name = "Refusal";
    this.code = code;
    this.details = details;
    this.path = origin?.path;
    this.at = origin?.at;
  }

  /** Rebuilds a refusal from an envelope error (to propagate a callee's failure unchanged). */
  static from(error: EnvelopeError): Refusal {
    const origin: { path?: PathFrame[]; at?: SourcePosition } = {};
    if (error.path) origin.path = error.path;
    if (error.at) origin.at = error.at;
    return new Refusal(error.code, error.message, error.details, origin);
  }

  /** The envelope error, with `path` defaulting to the frame that refused. */
  toError(path: PathFrame[] | undefined): EnvelopeError {
    const error: EnvelopeError = { code: this.code, message: this.message };
    if (this.details) error.details = this.details;
    const p = this.path ?? path;
    if (p) error.path = p;
    if (this.at) error.at = this.at;
    return error;
  }
}

/** Throws a {@link Refusal}; reads well in guard clauses. */
export function refuse(
  code: ErrorCode,
  message: string,
  details?: { [key: string]: JsonValue },
): never {
  throw new Refusal(code, message, details);
}

/**
 * Refuses a payment asked of a read-only frame (a view or a gate check): views move no scrip
 * (DESIGN.md §4.1), so a priced read or call from one fails rather than being paid or served free.
 */
export function refuseReadOnlyPayment(payer: string, what: string, price: number): never {
  refuse(
    "invalid_state",
    `${payer} is running a view or gate check, which cannot pay: ${what} costs ${price}; call it from a method`,
    { reason: "read_only", price },
  );
}
