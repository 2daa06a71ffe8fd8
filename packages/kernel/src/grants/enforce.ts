import type { GrantRefusal, GrantRefusalReason } from "@ecology/protocol";
import { loadContract } from "../invoke/contracts.js";
import { Refusal } from "../refusal.js";
import type { GrantRow } from "../storage/storage.js";
import type { Tx } from "../tx.js";
import type { Envelope, EnvelopeError, JournalOp, JsonObject, JsonValue } from "../types.js";
import type { World } from "../world.js";

/** A grant an operation runs under, as its journaled params carry it (`params.grant`). */
export interface GrantUse {
  id: string;
  /** The human approved a spend above the grant's `confirmAbove`. */
  confirmed: boolean;
}

/** What an operation under a grant answered, and whether the grant (not the body) refused it. */
export interface GrantedOutcome {
  env: Envelope;
  refusedByGrant: boolean;
}

/** Operations a grant never admits: grants cannot issue or revoke grants. */
const NEVER_UNDER_GRANT: ReadonlySet<JournalOp> = new Set(["createGrant", "revokeGrant"]);

/**
 * Splits `params.grant` off an operation's params: the grant use and the body's own inputs.
 * A malformed `grant` (only a hand-edited journal has one) names no grant and is refused.
 */
export function splitGrant(params: JsonObject): { use: GrantUse | undefined; inputs: JsonObject } {
  if (!Object.hasOwn(params, "grant")) return { use: undefined, inputs: params };
  const { grant, ...inputs } = params;
  const g = grant as { id?: unknown; confirmed?: unknown } | null;
  const id = typeof g === "object" && g !== null && typeof g.id === "string" ? g.id : "";
  return { use: { id, confirmed: g?.confirmed === true }, inputs };
}

/**
 * Runs `body` as `tx.origin` under grant `use` (DESIGN.md §10), in the operation's transaction:
 * the grant must be the origin's, live, and admit the operation and its target; then the scrip
 * the body moved out of the origin's wallet — every debit, nested ones included — must fit
 * `perCall`, the remaining `spend` and (unless confirmed) `confirmAbove`. A refusal undoes the
 * body; success debits the grant in the same commit.
 */
export function runUnderGrant(
  world: World,
  tx: Tx,
  op: JournalOp,
  inputs: JsonObject,
  use: GrantUse,
  body: () => Envelope,
): GrantedOutcome {
  const row = world.storage.getGrant(use.id);
  const early = admission(world, tx, op, inputs, row, use);
  if (early || !row)
    return {
      env: refusal(op, inputs, early ?? { id: use.id, reason: "unknown" }),
      refusedByGrant: true,
    };
  let refused: GrantRefusal | undefined;
  const mark = tx.events.length;
  const env = tx.attempt(
    () => {
      const out = body();
      if (!out.success) return out;
      refused = settle(world, row, use, debitsSince(tx, mark));
      return refused ? refusal(op, inputs, refused) : out;
    },
    // A body's own failure keeps what it recorded (an invoke's failure records); a grant's
    // refusal undoes everything the body did.
    () => refused === undefined,
  );
  return { env, refusedByGrant: refused !== undefined };
}

/** Why the grant does not admit the operation at all, before anything runs. */
function admission(
  world: World,
  tx: Tx,
  op: JournalOp,
  p: JsonObject,
  row: GrantRow | undefined,
  use: GrantUse,
): GrantRefusal | undefined {
  const no = (reason: GrantRefusalReason): GrantRefusal => ({ id: use.id, reason });
  if (!row || row.principal !== tx.origin) return no("unknown");
  if (row.revoked) return no("revoked");
  if (row.expiresAt !== null && tx.now >= row.expiresAt) return no("expired");
  if (NEVER_UNDER_GRANT.has(op)) return no("target");
  if (row.readOnly && !readsOnly(world, op, p)) return no("read_only");
  if (!targetAdmitted(JSON.parse(row.targets) as "*" | string[], op, p)) return no("target");
  return undefined;
}

function readsOnly(world: World, op: JournalOp, p: JsonObject): boolean {
  if (op === "read") return true;
  return op === "invoke" && methodKind(world, p.target, p.method) === "view";
}

/** The kind of `target.method` (view or method), undefined when it cannot be told. */
function methodKind(world: World, target: JsonValue | undefined, method: JsonValue | undefined) {
  if (typeof target !== "string" || typeof method !== "string") return undefined;
  const row = world.storage.getArtifact(target);
  if (!row || row.deleted) return undefined;
  try {
    const manifest =
      row.kind === "genesis"
        ? world.genesis.get(row.id)?.manifest
        : row.kind === "contract"
          ? loadContract(world, row).manifest
          : undefined;
    return manifest?.methods.find((m) => m.name === method)?.kind;
  } catch (e) {
    if (e instanceof Refusal) return undefined;
    throw e;
  }
}

/**
 * Whether a target list admits the operation: an entry equal to its artifact admits any
 * operation on it; `artifact.method` admits only invoking that method.
 */
function targetAdmitted(targets: "*" | string[], op: JournalOp, p: JsonObject): boolean {
  if (targets === "*") return true;
  const artifact = op === "invoke" ? p.target : p.id;
  if (typeof artifact !== "string") return false;
  if (targets.includes(artifact)) return true;
  return (
    op === "invoke" && typeof p.method === "string" && targets.includes(`${artifact}.${p.method}`)
  );
}

/** Scrip moved out of the origin's wallet by the events appended since `mark`. */
function debitsSince(tx: Tx, mark: number): number {
  let total = 0;
  for (const e of tx.eventsSince(mark)) {
    if (e.type !== "scrip.transferred") continue;
    const data = e.data as { from?: unknown; amount?: unknown };
    if (data.from === tx.origin && typeof data.amount === "number") total += data.amount;
  }
  return total;
}

/** Checks the scrip limits against what the body moved; on success debits the grant. */
function settle(
  world: World,
  row: GrantRow,
  use: GrantUse,
  amount: number,
): GrantRefusal | undefined {
  const over = (reason: GrantRefusalReason, limit: number): GrantRefusal => ({
    id: row.id,
    reason,
    amount,
    limit,
  });
  if (row.perCall !== null && amount > row.perCall) return over("per_call", row.perCall);
  const remaining = row.spend - row.spent;
  if (amount > remaining) return over("spend", remaining);
  if (row.confirmAbove !== null && amount > row.confirmAbove && !use.confirmed)
    return over("confirmation_required", row.confirmAbove);
  if (amount > 0) world.storage.updateGrant(row.id, row.spent + amount, false);
  return undefined;
}

const WORDS: { [r in GrantRefusalReason]: string } = {
  unknown: "is not a grant of this principal",
  revoked: "was revoked",
  expired: "has expired",
  target: "does not admit this operation on this target",
  read_only: "is read-only: it admits reads and views only",
  per_call: "caps what one call may move",
  spend: "has not enough of its spend left",
  confirmation_required:
    "needs the human's confirmation for this amount: ask, then retry with confirmed: true",
};

/** The `not_authorized` envelope of a grant's refusal, with `details.grant`. */
function refusal(op: JournalOp, p: JsonObject, g: GrantRefusal): Envelope {
  const amount =
    g.amount === undefined ? "" : ` (the call would move ${g.amount} scrip; limit ${g.limit})`;
  const error: EnvelopeError = {
    code: "not_authorized",
    message: `grant ${g.id} ${WORDS[g.reason]}${amount}`,
    details: { grant: g as unknown as JsonValue },
  };
  if (op === "invoke") error.path = [{ artifact: String(p.target), method: String(p.method) }];
  return { success: false, error };
}
