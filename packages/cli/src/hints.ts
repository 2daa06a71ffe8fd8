import type { EnvelopeError, ErrorCode } from "@ecology/protocol";

/** What the CLI knows about a failure besides the error: which command, as whom. */
export interface FailureContext {
  /** The command as typed, without options: `invoke`, `principal create`. */
  command: string;
  /** The `--as` principal, when the command was given one. */
  as?: string;
  /** The artifact or principal the command addresses (`read <artifact>`), when it has one. */
  target?: string;
}

/**
 * Where a failure came from, which decides what to do about it:
 * - `policy`: the kernel's access check (allowRead / allowInvoke / gate) refused the caller;
 * - `contract`: the contract's own code failed or called `ctx.fail` (the error carries `at` or
 *   a claimed code);
 * - `genesis`: a genesis artifact's method refused (e.g. the escrow's rules);
 * - `kernel`: the kernel itself (validation, lookup, limits) or the CLI.
 */
export type FailureSource = "policy" | "contract" | "genesis" | "kernel";

const POLICY_REASONS = new Set(["allowRead", "allowInvoke", "gate"]);

/** Classifies a failure by the fields the kernel sets (see {@link FailureSource}). */
export function failureSource(error: EnvelopeError): FailureSource {
  const reason = error.details?.reason;
  if (error.code === "not_authorized" && typeof reason === "string" && POLICY_REASONS.has(reason))
    return "policy";
  if (error.at !== undefined || error.details?.claimedCode !== undefined) return "contract";
  const frame = error.path?.at(-1);
  if (frame && error.path?.length === 1 && frame.artifact.startsWith("genesis_")) return "genesis";
  return "kernel";
}

const help = (c: FailureContext) => `\`ecology ${c.command} --help\``;
const who = (c: FailureContext) => c.as ?? "<id>";
const subject = (c: FailureContext) => c.target ?? "<id>";

/** Hints for failures of the kernel itself (and of the CLI), by code. */
const KERNEL_HINTS: { [code in ErrorCode]: (c: FailureContext, e: EnvelopeError) => string } = {
  invalid_argument: (c, e) =>
    /must be string, got a number/.test(e.message)
      ? `to pass a number-like word as text, quote it as a JSON string, e.g. '"2024"'; see ${help(c)}`
      : `check the arguments with ${help(c)}`,
  not_found: () => "list what exists with `ecology artifacts` and `ecology principal list`",
  not_executable: (c) =>
    `only contracts and genesis artifacts can be invoked; use \`ecology read ${subject(c)}\` for data`,
  unknown_method: () => "the message lists the methods the target has; check the spelling",
  not_authorized: (c) =>
    c.as
      ? `${c.as} may not do this; the message says who may`
      : "this needs credentials the CLI did not find; the message says which",
  insufficient_funds: (c) =>
    `check the balance with \`ecology balance ${who(c)}\`; the operator can add scrip with \`ecology mint ${who(c)} <n>\``,
  reentrancy: () =>
    "the target is already on the call stack; declare it reentrant or restructure the calls",
  depth_exceeded: () => "the call chain is too deep; make fewer nested invokes",
  out_of_compute: () => "the call ran out of compute; make the method do less per call",
  out_of_memory: () => "the call ran out of sandbox memory; keep less in memory at once",
  timeout: () => "the call hit the wall-clock deadline; make the method do less per call",
  contract_error: () => "the contract failed; the message says why",
  invalid_state: (c) =>
    `the artifact is not in a state that allows this; look at it with \`ecology artifacts --name ${subject(c)}\``,
  conflict: (c) =>
    c.command === "principal create"
      ? "that id is taken; `ecology principal list` shows the principals, `ecology artifacts` the artifacts"
      : "that id is taken; choose another id (`ecology artifacts` lists the taken ones)",
  internal: () => "this is a bug in Ecology; please report it with the command you ran",
};

/** The contract's own words, with what a caller can do about each code it may claim. */
function contractHint(e: EnvelopeError, c: FailureContext): string {
  const name = pathName(e);
  const where = e.at ? ` at ${e.at.file}:${e.at.line}` : "";
  const own = `${name} refused in its own code${where}; this is the contract's rule, not an access policy`;
  switch (e.code) {
    case "insufficient_funds":
      return `${own}: check \`ecology balance ${who(c)}\` and what the method charges`;
    case "out_of_compute":
    case "out_of_memory":
    case "timeout":
      return `${name} hit a sandbox limit${where}; ${KERNEL_HINTS[e.code](c, e)}`;
    default:
      return `${own}; the message says why`;
  }
}

/**
 * The policy check refused: only the artifact's owner can change who is admitted. In a nested
 * call the refused caller is the calling artifact (the frame before), not the `--as` principal.
 */
function policyHint(e: EnvelopeError, c: FailureContext): string {
  const target = e.path?.at(-1)?.artifact ?? c.target ?? "the artifact";
  const caller = (e.path?.length ?? 0) > 1 ? (e.path?.at(-2)?.artifact ?? who(c)) : who(c);
  if (e.details?.reason === "gate") {
    return `the gate ${String(e.details.gate)} of ${target} decides who may; ask its owner`;
  }
  return `the ${String(e.details?.reason)} policy of ${target} does not list ${caller}; ask its owner to add it`;
}

/** Codes a genesis method answers with under its own rules (the others are the kernel's checks). */
const GENESIS_RULE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "not_authorized",
  "invalid_state",
  "conflict",
]);

/** `artifact.method` of the frame that failed. */
function pathName(e: EnvelopeError): string {
  const frame = e.path?.at(-1);
  return frame ? `${frame.artifact}.${frame.method}` : "the call";
}

/** What to do after a failure, fitted to its code, where it came from and the command. */
export function hintFor(error: EnvelopeError, context: FailureContext): string {
  switch (failureSource(error)) {
    case "policy":
      return policyHint(error, context);
    case "contract":
      return contractHint(error, context);
    case "genesis":
      return GENESIS_RULE_CODES.has(error.code)
        ? `${pathName(error)} refused under its own rules; the message says why`
        : KERNEL_HINTS[error.code](context, error);
    case "kernel":
      return KERNEL_HINTS[error.code](context, error);
  }
}
